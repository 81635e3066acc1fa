using LumbarBand.Core;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;

namespace LumbarBand.Firmware.Session
{
    /// <summary>
    /// The storage side of sessions (docs/sessions.md §9): Core's <see cref="RecordLog"/> on the flash storage and the
    /// <see cref="BandPort"/> that owns the session writer and catalog. Moves the recorder's outbox entries into the log:
    /// each entry is taken under the band lock and written under the storage lock, so sampling never waits for flash.
    /// </summary>
    internal sealed class SessionKeeper
    {
        /// <summary>Most entries moved per call, so one call stays short.</summary>
        public const int MaxEntriesPerMove = 64;

        private readonly RecordLog _log;
        private readonly object _storageLock;
        private readonly SessionOutboxEntry _entry = new SessionOutboxEntry();
        private BandPort _port;

        /// <summary>Opens the log on <paramref name="storage"/> (runs the recovery scan).</summary>
        public SessionKeeper(IRecordStorage storage, object storageLock)
        {
            _storageLock = storageLock;
            _log = new RecordLog(storage);
        }

        /// <summary>The log.</summary>
        public RecordLog Log { get { return _log; } }

        /// <summary>The protocol's port (null before <see cref="Open"/>).</summary>
        public BandPort Port { get { return _port; } }

        /// <summary>Creates the port: ends a session a power cut left open and lists the stored sessions.</summary>
        public void Open(Band band, BandSettings settings, IBandPortHost host)
        {
            lock (_storageLock)
            {
                _port = new BandPort(band, band.Sessions, _log, settings, host);
            }
        }

        /// <summary>Moves up to <see cref="MaxEntriesPerMove"/> outbox entries into the log; returns how many.</summary>
        public int MoveRecords(Band band, object bandLock)
        {
            int moved = 0;
            SessionOutbox outbox = band.Sessions.Outbox;
            while (moved < MaxEntriesPerMove)
            {
                lock (bandLock)
                {
                    if (!outbox.TryTake(_entry))
                    {
                        break;
                    }
                }

                lock (_storageLock)
                {
                    _port.Writer.Write(_entry);
                }

                moved++;
            }

            return moved;
        }

        /// <summary>Housekeeping, about once a second (lists a session waiting for room in the catalog).</summary>
        public void Maintain()
        {
            lock (_storageLock)
            {
                _port.Maintain();
            }
        }

        /// <summary>Makes everything appended so far durable.</summary>
        public void Commit()
        {
            lock (_storageLock)
            {
                _log.Commit();
            }
        }

        /// <summary>
        /// Shutdown: moves what is waiting and commits. The open session stays open in the log; the next boot's
        /// <see cref="BandPort"/> ends it (<see cref="SessionWriter.EndInterruptedSession"/>).
        /// </summary>
        public void Close(Band band, object bandLock)
        {
            if (_port != null)
            {
                while (MoveRecords(band, bandLock) == MaxEntriesPerMove)
                {
                }
            }

            Commit();
        }
    }
}
