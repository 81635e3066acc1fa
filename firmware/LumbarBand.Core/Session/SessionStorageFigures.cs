using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Session
{
    /// <summary>
    /// The storage figures of the bench (<c>storage_bytes_per_walking_hour</c>, <c>storage_hours_in_256k</c>),
    /// measured, not estimated: walking hours are run through the real <see cref="SessionRecorder"/>,
    /// <see cref="SessionWriter"/> and <see cref="RecordLog"/> (the band's default 24 × 8 KB layout in RAM), and the log's
    /// growth is counted. For hosts: the measurement allocates the whole log.
    /// </summary>
    /// <remarks>
    /// The walking hour: one session of 60 minutes' continuous walking at 105 steps/min with posture at 5 Hz and a
    /// stride every two steps, four cues and one episode of excessive motion (counted in epochs, no records of their
    /// own), a pain marker after 40 minutes, the bout's record (speed, stride length, rhythm) when it ends, then rest
    /// until the idle timeout ends the session. Default settings (60 s epochs). It includes every byte the log grows
    /// by: the session's start and end records, header, settings snapshot, epoch records, the pain marker, the bout
    /// record, footer, and the first segment's header.
    /// </remarks>
    public static class SessionStorageFigures
    {
        /// <summary>Seconds of walking in the measured hour.</summary>
        public const int WalkingSeconds = 3600;

        /// <summary>The pain marker comes this far into the walk.</summary>
        public const int PainAfterSeconds = 40 * 60;

        private const long StepPeriodUs = 571429;
        private const long PosturePeriodUs = 200000;
        private const long FlushPeriodUs = SessionUnits.MicrosPerSecond;
        private const int CuesPerHour = 4;
        private const int InitialBatteryPercent = 90;

        /// <summary>Bytes the band's log grows by for one walking hour (see the remarks).</summary>
        public static int MeasureBytesPerWalkingHour()
        {
            RecordLog log = NewDefaultLog();
            SessionRecorder recorder = new SessionRecorder(null, null);
            SessionWriter writer = new SessionWriter(log, new BandSettings(), null);
            int before = log.UsedBytes;
            RunWalkingHour(recorder, writer, SessionUnits.MicrosPerSecond);
            return log.UsedBytes - before;
        }

        /// <summary>
        /// Walking hours (one session each) that an empty default log records before it is full, with no host
        /// acknowledging anything: what a band holds between two downloads.
        /// </summary>
        public static int MeasureWalkingHoursUntilFull()
        {
            RecordLog log = NewDefaultLog();
            SessionRecorder recorder = new SessionRecorder(null, null);
            SessionWriter writer = new SessionWriter(log, new BandSettings(), null);
            long start = SessionUnits.MicrosPerSecond;
            int hours = 0;
            while (true)
            {
                start = RunWalkingHour(recorder, writer, start) + SessionUnits.MicrosPerSecond;
                if (writer.StorageFull)
                {
                    return hours;
                }

                hours++;
            }
        }

        /// <summary>Tenths of walking hours in the default log's usable bytes at <paramref name="bytesPerWalkingHour"/>.</summary>
        public static int HoursInDefaultLogTenths(int bytesPerWalkingHour)
        {
            if (bytesPerWalkingHour <= 0)
            {
                return 0;
            }

            long usable = RecordLogCapacity.UsableBytes(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity);
            return (int)((usable * 10) / bytesPerWalkingHour);
        }

        private static RecordLog NewDefaultLog()
        {
            return new RecordLog(new MemoryRecordStorage(RecordLogCapacity.DefaultSegmentCount, RecordLogCapacity.DefaultSegmentCapacity));
        }

        /// <summary>The walking hour's bout as the band measures it (a slow walker's values; their size does not change the bytes).</summary>
        private static WalkingBoutOutcome HourOutcome(long startUs, long endUs, int steps)
        {
            WalkingBoutOutcome outcome = new WalkingBoutOutcome();
            outcome.StartUs = startUs;
            outcome.EndUs = endUs;
            outcome.Steps = steps;
            outcome.CadenceDeciSpm = 1050;
            outcome.SpeedMmPerS = 950;
            outcome.StrideLengthMm = 1086;
            outcome.StepTimeCvPermille = 32;
            outcome.StrideTimeCvPermille = 25;
            outcome.StepTimeAsymmetryPermille = 18;
            outcome.StrideRegularityPermille = 870;
            outcome.ExcessivePostureSeconds = CuesPerHour * 5;
            outcome.Cues = CuesPerHour;
            return outcome;
        }

        /// <summary>Feeds one walking hour from device time <paramref name="startUs"/> and rests until the session ends; returns the time then.</summary>
        private static long RunWalkingHour(SessionRecorder recorder, SessionWriter writer, long startUs)
        {
            long endUs = startUs + (WalkingSeconds * SessionUnits.MicrosPerSecond);
            long painUs = startUs + (PainAfterSeconds * SessionUnits.MicrosPerSecond);
            long cueEveryUs = (endUs - startUs) / (CuesPerHour + 1);
            long nextStep = startUs;
            long nextPosture = startUs;
            long nextFlush = startUs;
            long nextCue = startUs + cueEveryUs;
            long lastStep = startUs;
            bool painDone = false;
            int steps = 0;
            int postures = 0;
            recorder.BatteryPercent = InitialBatteryPercent;
            recorder.Tick(startUs);
            recorder.OnEvent(BandEventKind.BoutStart, startUs, 0);
            while (true)
            {
                long t = nextStep < nextPosture ? nextStep : nextPosture;
                if (t >= endUs)
                {
                    break;
                }

                recorder.Tick(t);
                if (t == nextStep)
                {
                    steps++;
                    lastStep = t;
                    recorder.OnEvent(BandEventKind.Step, t, steps);
                    if ((steps & 1) == 0)
                    {
                        recorder.OnStride(300 + ((steps % 7) * 10), 450 + ((steps % 5) * 20), 950 + ((steps % 9) * 15));
                    }

                    nextStep += StepPeriodUs;
                }

                if (t == nextPosture)
                {
                    postures++;
                    recorder.OnPosture(t, 400 + ((postures % 50) * 4), ((postures % 40) - 20) * 10, false);
                    nextPosture += PosturePeriodUs;
                }

                if (t >= nextCue)
                {
                    recorder.OnEvent(BandEventKind.ExcessiveMotionStart, t, ExcessiveMotionValue.Pack(CueRule.Flexion, 5 * SessionUnits.MicrosPerSecond));
                    recorder.OnEvent(BandEventKind.Cue, t, CueEventValue.Pack(CueRule.Flexion, 1, true));
                    recorder.OnEvent(BandEventKind.ExcessiveMotionEnd, t, ExcessiveMotionValue.Pack(CueRule.Flexion, 5 * SessionUnits.MicrosPerSecond));
                    nextCue += cueEveryUs;
                }

                if (!painDone && t >= painUs)
                {
                    recorder.OnEvent(BandEventKind.PainMarker, t, 0);
                    painDone = true;
                }

                if (t >= nextFlush)
                {
                    recorder.BatteryPercent = InitialBatteryPercent - (int)((t - startUs) / (360 * SessionUnits.MicrosPerSecond));
                    writer.Flush(recorder.Outbox);
                    nextFlush += FlushPeriodUs;
                }
            }

            recorder.OnWalkingBout(HourOutcome(startUs, lastStep, steps));
            recorder.OnEvent(BandEventKind.BoutEnd, lastStep, steps);
            long now = endUs;
            while (recorder.IsSessionOpen)
            {
                now += FlushPeriodUs;
                recorder.Tick(now);
                writer.Flush(recorder.Outbox);
            }

            writer.Flush(recorder.Outbox);
            return now;
        }
    }
}
