using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The protocol's <see cref="IBandPort"/> on the real band: <see cref="Band"/>, its <see cref="SessionRecorder"/>,
    /// the <see cref="RecordLog"/>, the <see cref="BandSettings"/> in force, and what the firmware provides
    /// (<see cref="IBandPortHost"/>: clock, identity, motor, settings storage). Owns the storage side of sessions: the
    /// <see cref="Writer"/> that puts the recorder's records in the log, the <see cref="Catalog"/> behind the session
    /// list, and the cursor downloads read through. docs/sessions.md §9.
    /// </summary>
    /// <remarks>
    /// <para>Every <see cref="IBandPort"/> member is atomic (a refusal changes nothing), quick, and never throws:
    /// anything the storage throws comes back as <see cref="ErrorCode.StorageError"/> (false, -1). The session list
    /// is served from the catalog (length and CRC-32 computed once per session, when it closes); a download reads the
    /// session's records as stored, keeping its place between chunks. A factory reset is only scheduled:
    /// the adapter sends the response, then calls <see cref="CompleteFactoryReset"/>, then deletes the bonds and
    /// reboots.</para>
    /// <para>Threads (the firmware's business; Core takes no locks): <see cref="Band"/> and the recorder belong to the
    /// band's lock; the log, the writer, the catalog and this port to one storage lock. The control loop moves the
    /// outbox's entries across (take under the band's lock, <see cref="SessionWriter.Write"/> under the storage
    /// lock) and calls <see cref="Maintain"/> now and then.</para>
    /// </remarks>
    public sealed class BandPort : IBandPort
    {
        private const int Percent = 100;

        private readonly Band _band;
        private readonly SessionRecorder _recorder;
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
        private bool _factoryResetPending;

        /// <summary>
        /// Creates the port, ends a session a power cut left open in <paramref name="log"/>, and lists the stored
        /// sessions (one pass over the log: at boot only).
        /// </summary>
        public BandPort(Band band, SessionRecorder recorder, RecordLog log, BandSettings settings, IBandPortHost host)
        {
            if (band == null || recorder == null || log == null || settings == null || host == null)
            {
                throw new System.ArgumentException("the port needs the band, its recorder, the log, the settings and a host", nameof(band));
            }

            _band = band;
            _recorder = recorder;
            _log = log;
            _settings = settings;
            _host = host;
            _cursor = new SessionReadCursor(log);
            _catalog = new SessionCatalog(log, _cursor, SessionCatalog.DefaultCapacity);
            _writer = new SessionWriter(log, settings, _catalog);
            host.FillIdentity(_identity);
            recorder.SetFirmwareVersion(_identity.FirmwareMajor, _identity.FirmwareMinor, _identity.FirmwarePatch);
            recorder.SetSerialNumber(_identity.SerialNumber);
            recorder.Configure(settings);
            _writer.EndInterruptedSession();
            _catalog.Rebuild();
        }

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
            return _writer.Flush(_recorder.Outbox);
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
        /// Runs a scheduled factory reset, after its response was sent: default settings (persisted and applied), the
        /// open session dropped, the log formatted (session ids start again at 1), the clock forgotten. The firmware
        /// then deletes every bond and reboots. Returns false if the storage failed (the firmware reboots anyway).
        /// </summary>
        public bool CompleteFactoryReset()
        {
            _factoryResetPending = false;
            try
            {
                _settings.ResetToDefaults();
                int length = SettingsCodec.Encode(_settings, _encoded, 0);
                bool persisted = _host.PersistSettings(_encoded, length);
                _host.ApplySettings(_settings);
                _recorder.Configure(_settings);
                _recorder.EndNow(_host.UptimeUs, SessionEndReason.Host);
                _recorder.Outbox.Clear();
                _recorder.Clock.Clear();
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
            _recorder.Clock.Set(utcSeconds, _host.UptimeUs);
            return ErrorCode.None;
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
                info.StartUtcSeconds = _recorder.SessionStartUtcSeconds;
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
            try
            {
                // The log first: if the flash fails there, the recorder's session goes on untouched.
                _log.Format();
                _recorder.EndNow(_host.UptimeUs, SessionEndReason.Host);
                _recorder.Outbox.Clear();
                _writer.Reset();
                _catalog.Rebuild();
                return ErrorCode.None;
            }
            catch (System.Exception)
            {
                _cursor.Invalidate();
                return ErrorCode.StorageError;
            }
        }

        /// <inheritdoc/>
        public ErrorCode StartCalibration()
        {
            if (_band.Neutral.IsPending)
            {
                return ErrorCode.Busy;
            }

            _band.RequestNeutralCapture();
            return ErrorCode.None;
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

            _host.PlayCue(HapticPatterns.ForLevel(pattern));
            return ErrorCode.None;
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
            bool open = _recorder.IsSessionOpen;
            bool calibrated = _band.Neutral.IsCaptured;
            bool full = StorageFull;
            status.Set(StatusMessage.FlagWalking, _band.IsWalking);
            status.Set(StatusMessage.FlagSessionOpen, open && !full);
            status.Set(StatusMessage.FlagCalibrated, calibrated);
            status.Set(StatusMessage.FlagClockSet, _recorder.Clock.IsSet);
            status.Set(StatusMessage.FlagStorageFull, full);
            status.Set(StatusMessage.FlagTraining, _settings.CueMode == CueMode.Training);
            status.Set(StatusMessage.FlagPairingWindowOpen, _host.IsPairingWindowOpen);
            status.Set(StatusMessage.FlagCharging, _host.IsCharging);
            status.Conditions = (byte)(_recorder.ExcessiveConditions | _host.Faults);
            status.BatteryPercent = _recorder.BatteryPercent;
            status.StorageUsedPercent = (int)(((long)_log.UsedBytes * Percent) / _log.CapacityBytes);
            status.Steps = open ? _recorder.SessionSteps : _band.TotalSteps;
            status.CadenceCentiStepsPerMinute = _band.CadenceCentiStepsPerMinute;
            status.Cues = _recorder.SessionCues;
            if (calibrated && _recorder.PostureKnown)
            {
                status.FlexionDegrees = SessionUnits.Degrees(_recorder.LastFlexionCentidegrees);
                status.LateralBendDegrees = SessionUnits.Degrees(_recorder.LastLateralBendCentidegrees);
            }

            status.SessionSeconds = open ? (int)((now - _recorder.SessionStartUs) / SessionUnits.MicrosPerSecond) : 0;
            status.WalkingSeconds = (int)(_recorder.SessionWalkingUs(now) / SessionUnits.MicrosPerSecond);

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

        /// <summary>Persists, then applies, validated settings; nothing changes if they cannot be persisted.</summary>
        private ErrorCode Commit(BandSettings candidate)
        {
            int length = SettingsCodec.Encode(candidate, _encoded, 0);
            if (!_host.PersistSettings(_encoded, length))
            {
                return ErrorCode.StorageError;
            }

            _settings.CopyFrom(candidate);
            _host.ApplySettings(_settings);
            _recorder.Configure(_settings);
            return ErrorCode.None;
        }
    }
}
