using LumbarBand.Core;
using LumbarBand.Core.Storage;

namespace LumbarBand.Firmware.Session
{
    /// <summary>
    /// Keeps the session log in flash: opens Core's <see cref="RecordLog"/> on the flash storage (its recovery scan cuts
    /// torn tails), closes a session a crash or power cut left open, starts this boot's session, commits it regularly and
    /// ends it cleanly on shutdown or fault. Called from the control loop's thread only.
    /// </summary>
    /// <remarks>
    /// SESSION RECORDER HOOK: what goes into a session (epoch summaries, pain markers, cues) is Core's session layer,
    /// which does not exist yet (firmware/LumbarBand.Core/Session/ is empty). Until it does, <see cref="OnEvent"/> and
    /// <see cref="MarkPain"/> only count; when it lands, they hand the band's events to it and it appends records to
    /// <see cref="Log"/>.
    /// </remarks>
    internal sealed class SessionKeeper
    {
        private readonly RecordLog _log;

        /// <summary>Opens the log on <paramref name="storage"/> (runs the recovery scan).</summary>
        public SessionKeeper(IRecordStorage storage)
        {
            _log = new RecordLog(storage);
        }

        /// <summary>The log, for the session recorder and the protocol's download.</summary>
        public RecordLog Log { get { return _log; } }

        /// <summary>Events seen since boot (until the session recorder stores them).</summary>
        public int EventsSeen { get; private set; }

        /// <summary>Pain markers pressed since boot.</summary>
        public int PainMarkers { get; private set; }

        /// <summary>Result of the last start attempt (Full when every segment holds unacknowledged sessions).</summary>
        public LogResult StartResult { get; private set; }

        /// <summary>Ends a session left open by a crash or power cut and starts this boot's one.</summary>
        public void Begin()
        {
            if (!_log.IsFormatSupported)
            {
                // A log written by a newer firmware: keep it for the host to read; record nothing.
                StartResult = LogResult.UnsupportedFormat;
                return;
            }

            if (_log.IsSessionOpen)
            {
                _log.EndSession();
            }

            StartResult = _log.StartSession();
        }

        /// <summary>One event drained from the band.</summary>
        public void OnEvent(ref BandEvent evt)
        {
            EventsSeen++;
        }

        /// <summary>The wearer pressed the button: pain started (device time <paramref name="timeUs"/>).</summary>
        public void MarkPain(long timeUs)
        {
            PainMarkers++;
        }

        /// <summary>Makes everything appended so far durable.</summary>
        public void Commit()
        {
            _log.Commit();
        }

        /// <summary>Ends the open session (commits). Safe to call more than once.</summary>
        public void End()
        {
            if (_log.IsSessionOpen)
            {
                _log.EndSession();
            }
        }
    }
}
