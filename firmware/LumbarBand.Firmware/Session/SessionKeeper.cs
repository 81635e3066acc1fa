using System;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Firmware.Runtime;

namespace LumbarBand.Firmware.Session
{
    /// <summary>
    /// The storage side of sessions (docs/sessions.md §9): Core's <see cref="RecordLog"/> on the flash storage and the
    /// <see cref="BandPort"/> that owns the session writer and catalog, all on the control thread. Moves the recorder's
    /// outbox entries into the log (the outbox is a lock-free single-producer single-consumer queue: the sampling thread
    /// never waits for flash).
    /// A flash error degrades instead of rebooting: recording stops (entries are taken and dropped, so the recorder
    /// never backs up), cues go on, <see cref="Faulted"/> raises the status's storage-fault bit, and a fault record is
    /// attempted; the next boot tries the flash again.
    /// </summary>
    internal sealed class SessionKeeper
    {
        /// <summary>Most entries moved per call, so one call stays short.</summary>
        public const int MaxEntriesPerMove = 64;

        private readonly RecordLog _log;
        private readonly object _storageLock;
        private BandPort _port;

        /// <summary>Opens the log on <paramref name="storage"/> (runs the recovery scan).</summary>
        public SessionKeeper(IRecordStorage storage, object storageLock)
        {
            _storageLock = storageLock;
            _log = new RecordLog(storage);
        }

        /// <summary>True after a flash error: recording stopped, everything else runs.</summary>
        public bool Faulted { get; private set; }

        /// <summary>Outbox entries dropped since the flash failed.</summary>
        public int DroppedEntries { get; private set; }

        /// <summary>The log.</summary>
        public RecordLog Log { get { return _log; } }

        /// <summary>The protocol's port (null before <see cref="Open"/>).</summary>
        public BandPort Port { get { return _port; } }

        /// <summary>
        /// Creates the port (<paramref name="settings"/>: its own copy of the settings in force; the band has another):
        /// ends a session a power cut left open and lists the stored sessions.
        /// </summary>
        public void Open(BandCommandChannel channel, SessionOutbox outbox, BandSettings settings, IBandPortHost host)
        {
            lock (_storageLock)
            {
                _port = new BandPort(channel, outbox, _log, settings, host);
            }
        }

        /// <summary>Moves up to <see cref="MaxEntriesPerMove"/> outbox entries into the log (drops them once faulted); returns how many.</summary>
        public int MoveRecords()
        {
            if (Faulted)
            {
                int dropped;
                lock (_storageLock)
                {
                    dropped = _port.DropRecords(MaxEntriesPerMove);
                }

                DroppedEntries += dropped;
                return dropped;
            }

            try
            {
                lock (_storageLock)
                {
                    return _port.MoveRecords(MaxEntriesPerMove);
                }
            }
            catch (Exception ex)
            {
                OnFlashError(ex);
                return 0;
            }
        }

        /// <summary>Housekeeping, about once a second (lists a session waiting for room in the catalog).</summary>
        public void Maintain()
        {
            if (Faulted)
            {
                return;
            }

            try
            {
                lock (_storageLock)
                {
                    _port.Maintain();
                }
            }
            catch (Exception ex)
            {
                OnFlashError(ex);
            }
        }

        /// <summary>Makes everything appended so far durable.</summary>
        public void Commit()
        {
            if (Faulted)
            {
                return;
            }

            try
            {
                lock (_storageLock)
                {
                    _log.Commit();
                }
            }
            catch (Exception ex)
            {
                OnFlashError(ex);
            }
        }

        /// <summary>
        /// A factory reset's response has left: default settings, the log formatted, the band told to end its session
        /// and forget the clock (Core's <see cref="BandPort.CompleteFactoryReset"/>). A flash failure is recorded; the
        /// band reboots anyway.
        /// </summary>
        public void CompleteFactoryReset()
        {
            lock (_storageLock)
            {
                _port.CompleteFactoryReset();
            }
        }

        /// <summary>A flash operation elsewhere (the BLE handler's erase or acknowledge) failed: degrade the same way.</summary>
        public void OnFlashError(Exception fault)
        {
            if (Faulted)
            {
                return;
            }

            Faulted = true;
            FaultRecord.Write(0, FaultSource.Storage, fault);
        }

        /// <summary>
        /// Shutdown: moves what is waiting and commits. The open session stays open in the log; the next boot's
        /// <see cref="BandPort"/> ends it (<see cref="SessionWriter.EndInterruptedSession"/>).
        /// </summary>
        public void Close()
        {
            if (_port != null)
            {
                while (MoveRecords() == MaxEntriesPerMove)
                {
                }
            }

            Commit();
        }
    }
}
