using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The protocol's <see cref="IBandPort"/> on the real band, on the control thread's side: the <see cref="RecordLog"/>
    /// and the storage side of sessions (the <see cref="Writer"/> that puts the recorder's records in the log, the
    /// <see cref="Catalog"/> behind the session list, the cursor downloads read through), the settings in force and
    /// their persistence (<see cref="IBandPortHost"/>). It never touches <see cref="Band"/>: what changes the band
    /// (clock, calibration, test cue, settings, the end of a session on erase) goes as a command through the
    /// <see cref="BandCommandChannel"/> to the band's owner (<see cref="BandCommandReceiver"/>, on the sampling
    /// thread), and comes back as an answer (<see cref="TryTakeAnswer"/>); what the status reads of the band comes
    /// from the state the owner publishes. docs/sessions.md §9.
    /// </summary>
    /// <remarks>
    /// <para>Every <see cref="IBandPort"/> member is atomic (a refusal changes nothing), quick, and never throws:
    /// anything the storage throws comes back as <see cref="ErrorCode.StorageError"/> (false, -1). A request that
    /// changes the band answers <see cref="ErrorCode.Pending"/> once its flash part is done; one such request is in
    /// flight at a time (another is refused <see cref="ErrorCode.Busy"/>). A factory reset is only scheduled: the
    /// adapter sends the response, then calls <see cref="CompleteFactoryReset"/>, then deletes the bonds and reboots.</para>
    /// <para>Threads: everything here runs on one thread (the firmware's control thread; a test's or the virtual
    /// band's only thread). The recorder's <see cref="SessionOutbox"/> is the one object shared with the band's
    /// owner, as a single-producer single-consumer queue: this port takes from it (<see cref="MoveRecords"/>).</para>
    /// </remarks>
    public sealed class BandPort : IBandPort
    {
        private const int Percent = 100;

        private readonly BandCommandChannel _channel;
        private readonly SessionOutbox _outbox;
        private readonly RecordLog _log;
        private readonly BandSettings _settings;
        private readonly IBandPortHost _host;
        private readonly SessionReadCursor _cursor;
        private readonly SessionCatalog _catalog;
        private readonly SessionWriter _writer;
        private readonly BandSettings _candidate = new BandSettings();
        private readonly byte[] _encoded = new byte[SettingsCodec.MaxEncodedLength];
        private readonly DeviceInfo _identity = new DeviceInfo();
        private readonly SessionInfo _entry = new SessionInfo();
        private readonly SessionOutboxEntry _record = new SessionOutboxEntry();
        private readonly BandSnapshot _state = new BandSnapshot();
        private readonly BandSnapshot _scratch = new BandSnapshot();
        private bool _factoryResetPending;
        private bool _requestInFlight;
        private bool _answered;
        private ErrorCode _answer;
        private bool _awaitingMark;

        /// <summary>
        /// Creates the port over <paramref name="log"/> with the settings in force <paramref name="settings"/> (this
        /// port's own copy; the band has its own), talking to the band's owner through <paramref name="channel"/> and
        /// taking the records of <paramref name="outbox"/> (the band's recorder's). Ends a session a power cut left open
        /// in the log and lists the stored sessions (one pass over the log: at boot only).
        /// </summary>
        public BandPort(BandCommandChannel channel, SessionOutbox outbox, RecordLog log, BandSettings settings, IBandPortHost host)
        {
            if (channel == null || outbox == null || log == null || settings == null || host == null)
            {
                throw new System.ArgumentException("the port needs the channel, the recorder's outbox, the log, the settings and a host", nameof(channel));
            }

            _channel = channel;
            _outbox = outbox;
            _log = log;
            _settings = settings;
            _host = host;
            _cursor = new SessionReadCursor(log);
            _catalog = new SessionCatalog(log, _cursor, SessionCatalog.DefaultCapacity);
            _writer = new SessionWriter(log, settings, _catalog);
            host.FillIdentity(_identity);
            _writer.EndInterruptedSession();
            _catalog.Rebuild();
        }

        /// <summary>The firmware version and serial the band's recorder stamps on sessions (<see cref="BandCommandReceiver"/>).</summary>
        public DeviceInfo Identity { get { return _identity; } }

        /// <summary>Writes the recorder's finished records into the log.</summary>
        public SessionWriter Writer { get { return _writer; } }

        /// <summary>The session list.</summary>
        public SessionCatalog Catalog { get { return _catalog; } }

        /// <summary>True between a FactoryReset request and <see cref="CompleteFactoryReset"/>.</summary>
        public bool FactoryResetPending { get { return _factoryResetPending; } }

        /// <summary>True when recording has stopped for lack of room (cueing goes on).</summary>
        public bool StorageFull { get { return _writer.StorageFull || _log.IsFull; } }

        /// <inheritdoc/>
        public int SessionCount
        {
            get
            {
                try
                {
                    return _catalog.Count + (_log.IsSessionOpen ? 1 : 0);
                }
                catch (System.Exception)
                {
                    return 0;
                }
            }
        }

        /// <summary>Writes every record waiting in the recorder's outbox (single-threaded hosts: after each sample or second).</summary>
        public int FlushRecords()
        {
            return MoveRecords(int.MaxValue);
        }

        /// <summary>
        /// Writes up to <paramref name="max"/> records waiting in the recorder's outbox into the log; returns how many.
        /// Writes none between an erase or reset and the band's mark (records queued before the band ended the
        /// session belong to the erased log and are dropped). Throws what the flash throws (the record is lost).
        /// </summary>
        public int MoveRecords(int max)
        {
            PollAnswers();
            int moved = 0;
            while (!_awaitingMark && moved < max && _outbox.TryTake(_record))
            {
                moved++;
                _writer.Write(_record);
            }

            return moved;
        }

        /// <summary>Drops up to <paramref name="max"/> waiting records unwritten (the flash has failed); returns how many.</summary>
        public int DropRecords(int max)
        {
            PollAnswers();
            int dropped = 0;
            while (dropped < max && _outbox.Skip())
            {
                dropped++;
            }

            return dropped;
        }

        /// <inheritdoc/>
        public bool TryTakeAnswer(out ErrorCode result)
        {
            PollAnswers();
            result = _answer;
            if (!_answered)
            {
                return false;
            }

            _answered = false;
            _requestInFlight = false;
            return true;
        }

        /// <summary>
        /// Housekeeping, every second or so: lists one session waiting for room in the catalog, if any. Never throws.
        /// </summary>
        public void Maintain()
        {
            try
            {
                _catalog.CatalogNext();
            }
            catch (System.Exception)
            {
                // A storage fault: the session stays waiting and is tried again next time.
                _cursor.Invalidate();
            }
        }

        /// <summary>
        /// Runs a scheduled factory reset, after its response was sent: default settings (persisted, and sent to the
        /// band with the order to end its session and forget the clock), the log formatted (session ids start again at
        /// 1). The firmware then deletes every bond and reboots. Returns false if the storage failed (the firmware
        /// reboots anyway).
        /// </summary>
        public bool CompleteFactoryReset()
        {
            _factoryResetPending = false;
            try
            {
                _settings.ResetToDefaults();
                int length = SettingsCodec.Encode(_settings, _encoded, 0);
                bool persisted = _host.PersistSettings(_encoded, length);
                _channel.Settings.CopyFrom(_settings);
                if (_channel.ToSampling.TryPost((int)SideEffectKind.FactoryReset, 0))
                {
                    _awaitingMark = true;
                }

                _writer.Reset();
                _log.Format();
                _catalog.Rebuild();
                return persisted;
            }
            catch (System.Exception)
            {
                _cursor.Invalidate();
                return false;
            }
        }

        /// <inheritdoc/>
        public void GetDeviceInfo(DeviceInfo info)
        {
            if (info == null)
            {
                return;
            }

            info.FirmwareMajor = _identity.FirmwareMajor;
            info.FirmwareMinor = _identity.FirmwareMinor;
            info.FirmwarePatch = _identity.FirmwarePatch;
            info.HardwareRevision = _identity.HardwareRevision;
            info.SerialNumber = _identity.SerialNumber;
            info.Capabilities = _identity.Capabilities;
            info.StorageCapacityBytes = _log.CapacityBytes;
        }

        /// <inheritdoc/>
        public ErrorCode SetUtcTime(uint utcSeconds)
        {
            return Post(SideEffectKind.SetClock, (int)utcSeconds);
        }

        /// <inheritdoc/>
        public int GetConfiguration(byte[] buffer)
        {
            try
            {
                return SettingsCodec.Encode(_settings, buffer, 0);
            }
            catch (System.Exception)
            {
                return 0;
            }
        }

        /// <inheritdoc/>
        public ErrorCode SetConfiguration(byte[] data, int index, int count, out SettingsError rejection, out int unknownSkipped)
        {
            rejection = SettingsError.Ok;
            unknownSkipped = 0;
            try
            {
                _candidate.CopyFrom(_settings);
                rejection = SettingsCodec.Decode(data, index, count, _candidate, out unknownSkipped);
                if (!rejection.IsOk)
                {
                    return ErrorCode.InvalidConfiguration;
                }

                return Commit(_candidate);
            }
            catch (System.ArgumentException)
            {
                return ErrorCode.InvalidParameter;
            }
            catch (System.Exception)
            {
                return ErrorCode.StorageError;
            }
        }

        /// <inheritdoc/>
        public bool GetSession(int position, SessionInfo info)
        {
            if (info == null)
            {
                return false;
            }

            try
            {
                int listed = _catalog.Count;
                if (position < listed)
                {
                    return _catalog.Get(position, info);
                }

                if (position != listed || !_log.IsSessionOpen)
                {
                    return false;
                }

                info.Id = _log.CurrentSessionId;
                info.Length = 0;
                info.Crc = 0;
                RefreshState();
                info.StartUtcSeconds = _state.SessionStartUtcSeconds;
                info.Acknowledged = false;
                info.Open = true;
                return true;
            }
            catch (System.Exception)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public int ReadSession(uint sessionId, int offset, byte[] buffer, int index, int count)
        {
            try
            {
                int length;
                if (!_catalog.TryGetLength(sessionId, out length) || offset < 0 || offset > length || count < 0)
                {
                    return -1;
                }

                if (count > length - offset)
                {
                    count = length - offset;
                }

                return count == 0 ? 0 : _cursor.Read(sessionId, offset, buffer, index, count);
            }
            catch (System.Exception)
            {
                _cursor.Invalidate();
                return -1;
            }
        }

        /// <inheritdoc/>
        public ErrorCode AcknowledgeSessions(uint sessionId)
        {
            try
            {
                switch (_log.Acknowledge(sessionId))
                {
                    case LogResult.Ok:
                    case LogResult.Full:
                        // Full: the acknowledgement holds until reboot and is written with the next segment header;
                        // the host acknowledges again on its next connection anyway.
                        return ErrorCode.None;
                    case LogResult.UnknownSession:
                        return ErrorCode.SessionNotFound;
                    case LogResult.SessionOpen:
                        return ErrorCode.SessionOpen;
                    default:
                        return ErrorCode.StorageError;
                }
            }
            catch (System.Exception)
            {
                return ErrorCode.StorageError;
            }
        }

        /// <inheritdoc/>
        public ErrorCode EraseSessions()
        {
            if (_requestInFlight || _awaitingMark)
            {
                return ErrorCode.Busy;
            }

            try
            {
                // The log first: if the flash fails there, the band's session goes on untouched.
                _log.Format();
                _writer.Reset();
                _catalog.Rebuild();
            }
            catch (System.Exception)
            {
                _cursor.Invalidate();
                return ErrorCode.StorageError;
            }

            // The band ends its session; what it queued before that belongs to the erased log (its mark says how much).
            ErrorCode posted = Post(SideEffectKind.EndSessionForErase, 0);
            _awaitingMark = posted == ErrorCode.Pending;
            return posted;
        }

        /// <inheritdoc/>
        public ErrorCode StartCalibration()
        {
            return Post(SideEffectKind.StartCalibration, 0);
        }

        /// <inheritdoc/>
        public ErrorCode TestCue(byte pattern)
        {
            if (!_host.HasMotor)
            {
                return ErrorCode.Unsupported;
            }

            if (pattern < HapticPatterns.MinLevel || pattern > HapticPatterns.MaxLevel)
            {
                return ErrorCode.InvalidParameter;
            }

            return Post(SideEffectKind.TestCue, pattern);
        }

        /// <inheritdoc/>
        public ErrorCode SetCueMode(CueMode mode)
        {
            try
            {
                _candidate.CopyFrom(_settings);
                if (!_candidate.Set(SettingId.CueMode, (int)mode).IsOk || !SettingsValidator.Validate(_candidate).IsOk)
                {
                    return ErrorCode.InvalidParameter;
                }

                return Commit(_candidate);
            }
            catch (System.Exception)
            {
                return ErrorCode.StorageError;
            }
        }

        /// <inheritdoc/>
        public ErrorCode FactoryReset()
        {
            _factoryResetPending = true;
            return ErrorCode.None;
        }

        /// <inheritdoc/>
        public void GetStatus(StatusMessage status)
        {
            if (status == null)
            {
                return;
            }

            try
            {
                FillStatus(status);
            }
            catch (System.Exception)
            {
                status.Set(StatusMessage.FlagStorageFull, true);
            }
        }

        private void FillStatus(StatusMessage status)
        {
            long now = _host.UptimeUs;
            RefreshState();
            BandSnapshot band = _state;
            bool open = band.SessionOpen;
            bool full = StorageFull;
            status.Set(StatusMessage.FlagWalking, band.Walking);
            status.Set(StatusMessage.FlagSessionOpen, open && !full);
            status.Set(StatusMessage.FlagCalibrated, band.Calibrated);
            status.Set(StatusMessage.FlagClockSet, band.ClockSet);
            status.Set(StatusMessage.FlagStorageFull, full);
            status.Set(StatusMessage.FlagTraining, _settings.CueMode == CueMode.Training);
            status.Set(StatusMessage.FlagPairingWindowOpen, _host.IsPairingWindowOpen);
            status.Set(StatusMessage.FlagCharging, _host.IsCharging);
            status.Conditions = (byte)(band.Conditions | _host.Faults);
            status.BatteryPercent = band.BatteryPercent;
            status.StorageUsedPercent = (int)(((long)_log.UsedBytes * Percent) / _log.CapacityBytes);
            status.Steps = band.Steps;
            status.CadenceCentiStepsPerMinute = band.CadenceCentiStepsPerMinute;
            status.Cues = band.Cues;
            if (band.Calibrated && band.PostureKnown)
            {
                status.FlexionDegrees = SessionUnits.Degrees(band.FlexionCentidegrees);
                status.LateralBendDegrees = SessionUnits.Degrees(band.LateralBendCentidegrees);
            }

            status.SessionSeconds = open ? (int)((now - band.SessionStartUs) / SessionUnits.MicrosPerSecond) : 0;
            status.WalkingSeconds = (int)(band.SessionWalkingUs / SessionUnits.MicrosPerSecond);

            int listed = _catalog.Count;
            int waiting = _catalog.Waiting;
            int openInLog = _log.IsSessionOpen ? 1 : 0;
            int unacknowledged = waiting + openInLog;
            for (int position = 0; position < listed; position++)
            {
                if (_catalog.Get(position, _entry) && !_entry.Acknowledged)
                {
                    unacknowledged++;
                }
            }

            status.StoredSessions = listed + waiting + openInLog;
            status.UnacknowledgedSessions = unacknowledged;
        }

        /// <summary>
        /// Persists validated settings, takes them as the ones in force, and sends them to the band; nothing changes if
        /// they cannot be persisted.
        /// </summary>
        private ErrorCode Commit(BandSettings candidate)
        {
            if (_requestInFlight || _awaitingMark)
            {
                return ErrorCode.Busy;
            }

            int length = SettingsCodec.Encode(candidate, _encoded, 0);
            if (!_host.PersistSettings(_encoded, length))
            {
                return ErrorCode.StorageError;
            }

            _settings.CopyFrom(candidate);
            _channel.Settings.CopyFrom(candidate);
            return Post(SideEffectKind.ApplySettings, 0);
        }

        /// <summary>
        /// Sends an answered command to the band's owner: <see cref="ErrorCode.Pending"/>, or
        /// <see cref="ErrorCode.Busy"/> when a request is still in flight or the queue is full.
        /// </summary>
        private ErrorCode Post(SideEffectKind kind, int value)
        {
            if (_requestInFlight || _awaitingMark || !_channel.ToSampling.TryPost((int)kind, value))
            {
                return ErrorCode.Busy;
            }

            _requestInFlight = true;
            return ErrorCode.Pending;
        }

        /// <summary>Takes what the band's owner sent back: the answer to the request in flight, and outbox marks.</summary>
        private void PollAnswers()
        {
            int kind;
            int value;
            while (_channel.ToControl.TryTake(out kind, out value))
            {
                if (kind == (int)SideEffectKind.Answer)
                {
                    _answer = (ErrorCode)value;
                    _answered = true;
                }
                else if (kind == (int)SideEffectKind.OutboxMark)
                {
                    // Drop what the band queued before it ended the session (the difference survives the counts' wrap).
                    while (_outbox.Consumed - value < 0 && _outbox.Skip())
                    {
                    }

                    _awaitingMark = false;
                }
            }
        }

        /// <summary>Updates the copy of the band's published state (kept as it was if none could be read).</summary>
        private void RefreshState()
        {
            if (_channel.ReadSnapshot(_scratch))
            {
                _state.CopyFrom(_scratch);
            }
        }
    }
}
