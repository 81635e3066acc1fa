using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// A session decoded by <see cref="SessionDecoder"/>: header, settings snapshot, epochs, events and footer, in the
    /// stored units (see each record class). For hosts; the band itself never decodes sessions.
    /// </summary>
    public sealed class SessionContent
    {
        private readonly SessionHeader _header = new SessionHeader();
        private readonly SessionFooter _footer = new SessionFooter();
        /// <summary>Null when there are none (as for the two arrays below): nanoFramework has no Array.Empty.</summary>
        private EpochSummary[] _epochs;
        private SessionEventRecord[] _events;
        private byte[] _settings;
        private SessionStretchRecord[] _stretches;
        private SessionBoutRecord[] _bouts;

        /// <summary>The session id of the log's start record.</summary>
        public uint SessionId;

        /// <summary>
        /// True when the header record was there. Only a session the band started but could not record (storage full
        /// right at its start: a start and an end record, nothing else) has none.
        /// </summary>
        public bool HasHeader;

        /// <summary>True when the footer record was there (false after a power loss or full storage mid-session).</summary>
        public bool HasFooter;

        /// <summary>True when the log's end record was there.</summary>
        public bool Ended;

        /// <summary>Records of types this decoder does not know (a newer firmware's), skipped.</summary>
        public int SkippedRecords;

        /// <summary>Where decoding stopped on an error, bytes from the start of the session; -1 when it did not.</summary>
        public int ErrorOffset = -1;

        /// <summary>The header.</summary>
        public SessionHeader Header { get { return _header; } }

        /// <summary>The footer (all "nothing happened" when <see cref="HasFooter"/> is false).</summary>
        public SessionFooter Footer { get { return _footer; } }

        /// <summary>Epoch summaries stored, in time order.</summary>
        public int EpochCount { get { return _epochs == null ? 0 : _epochs.Length; } }

        /// <summary>Events stored (pain markers, calibrations), in the order they were recorded.</summary>
        public int EventCount { get { return _events == null ? 0 : _events.Length; } }

        /// <summary>Stretches of a walking plan stored (session format 2), in time order.</summary>
        public int StretchCount { get { return _stretches == null ? 0 : _stretches.Length; } }

        /// <summary>The stretch at <paramref name="position"/>.</summary>
        public SessionStretchRecord Stretch(int position)
        {
            return _stretches[position];
        }

        /// <summary>Walking bouts stored (session format 4), in the order they ended.</summary>
        public int BoutCount { get { return _bouts == null ? 0 : _bouts.Length; } }

        /// <summary>
        /// True when the firmware that recorded the session measures walking speed, stride length and rhythm (format 4
        /// on): a session without bout records then had no bout, not an unmeasured one.
        /// </summary>
        public bool MeasuresWalkingOutcomes
        {
            get { return HasHeader && _header.FormatVersion >= SessionHeader.FirstWalkingOutcomeFormatVersion; }
        }

        /// <summary>The bout at <paramref name="position"/>.</summary>
        public SessionBoutRecord Bout(int position)
        {
            return _bouts[position];
        }

        /// <summary>Bytes of the settings snapshot.</summary>
        public int SettingsLength { get { return _settings == null ? 0 : _settings.Length; } }

        /// <summary>The epoch at <paramref name="position"/>.</summary>
        public EpochSummary Epoch(int position)
        {
            return _epochs[position];
        }

        /// <summary>The event at <paramref name="position"/>.</summary>
        public SessionEventRecord Event(int position)
        {
            return _events[position];
        }

        /// <summary>Copies the settings snapshot (<see cref="Configuration.SettingsCodec"/> bytes) into <paramref name="buffer"/> at <paramref name="index"/>.</summary>
        public void CopySettings(byte[] buffer, int index)
        {
            if (_settings != null)
            {
                System.Array.Copy(_settings, 0, buffer, index, _settings.Length);
            }
        }

        /// <summary>Start of epoch <paramref name="position"/>, milliseconds from the session start.</summary>
        public long EpochStartMs(int position)
        {
            return (long)_epochs[position].Index * _header.EpochSeconds * (SessionUnits.MicrosPerSecond / SessionUnits.MicrosPerMillisecond);
        }

        /// <summary>
        /// The session's totals: the footer's when it was stored; otherwise computed from the epochs and events (walking
        /// and excessive times to the epochs' quarter-second units, the first cue to the start of its epoch, the
        /// duration to the end of the last stored epoch).
        /// </summary>
        public void ComputeTotals(SessionFooter totals)
        {
            if (totals == null)
            {
                throw new System.ArgumentException("must not be null", nameof(totals));
            }

            if (HasFooter)
            {
                totals.CopyFrom(_footer);
                return;
            }

            totals.Clear();
            int epochSeconds = _header.EpochSeconds;
            long walkingMs = 0;
            long flexionMs = 0;
            long lateralMs = 0;
            long swayMs = 0;
            long steps = 0;
            long endMs = 0;
            int epochCount = EpochCount;
            for (int i = 0; i < epochCount; i++)
            {
                EpochSummary e = _epochs[i];
                steps += e.Steps;
                walkingMs += SessionUnits.TimeUnitsToMilliseconds(e.WalkingUnits, epochSeconds);
                flexionMs += SessionUnits.TimeUnitsToMilliseconds(e.FlexionExcessUnits, epochSeconds);
                lateralMs += SessionUnits.TimeUnitsToMilliseconds(e.LateralExcessUnits, epochSeconds);
                swayMs += SessionUnits.TimeUnitsToMilliseconds(e.SwayExcessUnits, epochSeconds);
                totals.FlexionCues += e.FlexionCues;
                totals.LateralCues += e.LateralCues;
                totals.SwayCues += e.SwayCues;
                totals.PainMarkers += e.PainMarkers;
                if (e.Cues > 0 && totals.FirstCueOffsetMs == SessionUnits.NotHappened)
                {
                    totals.FirstCueOffsetMs = (uint)EpochStartMs(i);
                }

                endMs = EpochStartMs(i) + ((long)epochSeconds * (SessionUnits.MicrosPerSecond / SessionUnits.MicrosPerMillisecond));
            }

            int eventCount = EventCount;
            for (int i = 0; i < eventCount; i++)
            {
                SessionEventRecord e = _events[i];
                if (e.Kind == BandEventKind.PainMarker && totals.FirstPainOffsetMs == SessionUnits.NotHappened)
                {
                    totals.FirstPainOffsetMs = e.OffsetMs;
                    totals.WalkingMsBeforePain = (uint)e.Value;
                }

                if (e.OffsetMs > endMs)
                {
                    endMs = e.OffsetMs;
                }
            }

            totals.EndReason = SessionEndReason.Unknown;
            totals.DurationMs = Saturation.ToUInt32(endMs);
            totals.Steps = Saturation.ToUInt32(steps);
            totals.WalkingMs = Saturation.ToUInt32(walkingMs);
            totals.FlexionExcessMs = Saturation.ToUInt32(flexionMs);
            totals.LateralExcessMs = Saturation.ToUInt32(lateralMs);
            totals.SwayExcessMs = Saturation.ToUInt32(swayMs);
            totals.EpochCount = epochCount;
        }

        /// <summary>Forgets everything (before decoding into this object).</summary>
        internal void Reset()
        {
            SessionId = 0;
            HasHeader = false;
            HasFooter = false;
            Ended = false;
            SkippedRecords = 0;
            ErrorOffset = -1;
            _footer.Clear();
            _header.FormatVersion = 0;
            _header.SessionId = 0;
            _epochs = null;
            _events = null;
            _settings = null;
            _stretches = null;
            _bouts = null;
        }

        /// <summary>Sizes the arrays for what the decoder's first pass counted, and rewinds the flags for the second.</summary>
        internal void Allocate(int epochs, int events, int settingsBytes, int stretches, int bouts)
        {
            HasHeader = false;
            HasFooter = false;
            Ended = false;
            _header.FormatVersion = 0;
            _footer.Clear();
            _epochs = epochs == 0 ? null : new EpochSummary[epochs];
            for (int i = 0; i < epochs; i++)
            {
                _epochs[i] = new EpochSummary();
            }

            _events = events == 0 ? null : new SessionEventRecord[events];
            for (int i = 0; i < events; i++)
            {
                _events[i] = new SessionEventRecord();
            }

            _settings = settingsBytes == 0 ? null : new byte[settingsBytes];
            _stretches = stretches == 0 ? null : new SessionStretchRecord[stretches];
            for (int i = 0; i < stretches; i++)
            {
                _stretches[i] = new SessionStretchRecord();
            }

            _bouts = bouts == 0 ? null : new SessionBoutRecord[bouts];
            for (int i = 0; i < bouts; i++)
            {
                _bouts[i] = new SessionBoutRecord();
            }
        }

        /// <summary>The settings buffer the decoder fills.</summary>
        internal byte[] SettingsBuffer { get { return _settings; } }
    }
}
