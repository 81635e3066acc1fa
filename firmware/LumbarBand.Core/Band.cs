using LumbarBand.Core.Gait;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Core
{
    /// <summary>
    /// The band: wires the per-sample stages (sensing, posture, gait, sway, ...) together. The firmware calls
    /// <see cref="OnSample"/> once per IMU sample at <see cref="ImuFormat.SampleRateHz"/>; host tools do the same with
    /// recorded or simulated counts. Everything is allocated here, once.
    /// </summary>
    public sealed class Band
    {
        /// <summary>Events the queue holds before the oldest are dropped (several seconds of walking).</summary>
        public const int EventCapacity = 64;

        private readonly EventQueue _events = new EventQueue(EventCapacity);
        private readonly GyroBiasTracker _gyroBias = new GyroBiasTracker();
        private readonly GravityTracker _gravity = new GravityTracker();
        private readonly StillnessDetector _stillness = new StillnessDetector();
        private readonly NeutralPosture _neutral = new NeutralPosture();
        private readonly BodyFrame _frame = new BodyFrame();
        private readonly ProgressionDirectionEstimator _direction = new ProgressionDirectionEstimator();
        private readonly StepDetector _steps = new StepDetector();
        private readonly WalkingBoutTracker _bouts;
        private long _samples;

        /// <summary>Sample number since power-on (wraps after 497 days at 50 Hz; only differences are used).</summary>
        private int _sampleIndex;
        private bool _directionRunning;

        /// <summary>Creates a band with all its stages, allocated once.</summary>
        public Band()
        {
            _bouts = new WalkingBoutTracker(_events);
        }

        /// <summary>Events produced by the pipeline, for the session recorder or a host tool to drain.</summary>
        public EventQueue Events { get { return _events; } }

        /// <summary>Samples processed since power-on.</summary>
        public long SampleCount { get { return _samples; } }

        /// <summary>Gyroscope bias estimate and the bias-corrected rates of the last sample.</summary>
        public GyroBiasTracker GyroBias { get { return _gyroBias; } }

        /// <summary>Gravity direction and body (dynamic) acceleration of the last sample.</summary>
        public GravityTracker Gravity { get { return _gravity; } }

        /// <summary>Whether the band is still, and the means of the last still second.</summary>
        public StillnessDetector Stillness { get { return _stillness; } }

        /// <summary>The wearer's neutral posture (gravity direction while standing still).</summary>
        public NeutralPosture Neutral { get { return _neutral; } }

        /// <summary>The mounting: rotation from sensor axes to body vertical, mediolateral and anteroposterior axes.</summary>
        public BodyFrame Frame { get { return _frame; } }

        /// <summary>The direction-of-progression estimate that gives <see cref="Frame"/> its forward axis.</summary>
        public ProgressionDirectionEstimator Direction { get { return _direction; } }

        /// <summary>Candidate steps (before the walking decision).</summary>
        public StepDetector Steps { get { return _steps; } }

        /// <summary>Walking state, bouts and counted steps.</summary>
        public WalkingBoutTracker Bouts { get { return _bouts; } }

        /// <summary>True while in a confirmed walking bout.</summary>
        public bool IsWalking { get { return _bouts.Walking; } }

        /// <summary>Current cadence in centi-steps per minute (11250 = 112.5 steps/min); 0 when not walking.</summary>
        public int CadenceCentiStepsPerMinute { get { return _bouts.CadenceCenti; } }

        /// <summary>Steps counted since power-on.</summary>
        public int TotalSteps { get { return _bouts.TotalSteps; } }

        /// <summary>
        /// Asks for a new neutral-posture capture (e.g. on a long button press): taken at the next full second of
        /// stillness, then <see cref="BandEventKind.NeutralCaptured"/> is emitted.
        /// </summary>
        public void RequestNeutralCapture()
        {
            _neutral.Request();
        }

        /// <summary>
        /// Processes one IMU sample: raw MPU6886 counts in the sensor's own axes at the full scales of
        /// <see cref="ImuFormat"/>, timestamped with device uptime in microseconds.
        /// </summary>
        public void OnSample(long timeUs, short ax, short ay, short az, short gx, short gy, short gz)
        {
            _samples++;
            int sample = ++_sampleIndex;
            _gyroBias.Correct(gx, gy, gz);
            int vertical = _gravity.Project(ax, ay, az);

            // Slow stages run on every second sample (25 Hz), starting with the first.
            if ((sample & 1) != 0)
            {
                OnSlowSample(timeUs, ax, ay, az, gx, gy, gz);
            }

            _bouts.Tick(sample);
            if (_steps.Update(vertical))
            {
                OnCandidateStep(timeUs, sample, _steps.ContactAgeSamples);
            }
        }

        /// <summary>Every second sample: gravity, stillness and the direction of walking.</summary>
        private void OnSlowSample(long timeUs, int ax, int ay, int az, int gx, int gy, int gz)
        {
            GravityTracker gravity = _gravity;
            gravity.UpdateLowPass(ax, ay, az);
            StillnessDetector stillness = _stillness;
            stillness.Update(ax, ay, az, gx, gy, gz, gravity, _gyroBias);
            if (stillness.WindowCompleted)
            {
                OnStillWindow(timeUs);
            }

            if (_bouts.Walking)
            {
                _direction.UpdateWalking(ax, ay, az, gravity);
                _directionRunning = true;
            }
            else if (_directionRunning)
            {
                _direction.Pause();
                _directionRunning = false;
            }
        }

        private void OnCandidateStep(long timeUs, int sample, int age)
        {
            if (_bouts.OnCandidateStep(sample - age, timeUs - ((long)age * ImuFormat.SamplePeriodUs), _steps.PeakCounts))
            {
                OnStepCounted();
            }
        }

        private void OnStillWindow(long timeUs)
        {
            StillnessDetector still = _stillness;
            _gyroBias.OnStillWindow(still.MeanGxQ4, still.MeanGyQ4, still.MeanGzQ4);
            if (_neutral.OnStillWindow(still.MeanAx, still.MeanAy, still.MeanAz))
            {
                _frame.SetVertical(still.MeanAx, still.MeanAy, still.MeanAz);
                _events.Add(BandEventKind.NeutralCaptured, timeUs, 0);
            }
        }

        /// <summary>Once a counted step: slow tracking of the mounting while walking.</summary>
        private void OnStepCounted()
        {
            GravityTracker gravity = _gravity;
            _frame.TrackVerticalWhileWalking(gravity.UpX, gravity.UpY, gravity.UpZ);
            if (_direction.IsKnown)
            {
                _frame.SetProgression(_direction.ForwardX, _direction.ForwardY, _direction.ForwardZ);
            }
        }
    }
}
