using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Gait;
using LumbarBand.Core.Pacing;
using LumbarBand.Core.Posture;
using LumbarBand.Core.Sensing;
using LumbarBand.Core.Session;
using LumbarBand.Core.Sway;

namespace LumbarBand.Core
{
    /// <summary>
    /// The band: wires the per-sample stages (sensing, posture, gait, sway, ...) together. The firmware calls
    /// <see cref="OnSample"/> once per IMU sample at <see cref="ImuFormat.SampleRateHz"/>; host tools do the same with
    /// recorded or simulated counts. Everything is allocated here, once.
    /// </summary>
    public sealed class Band : IImuSampleSink
    {
        /// <summary>
        /// Events the queue holds before the oldest are dropped: 32, some 15 s of steady walking. Its readers drain it
        /// far more often: host tools after every sample, the firmware's sampling loop after each FIFO drain (every
        /// 40 ms; after a stall at most one full FIFO, 73 samples = 1.46 s, in which the band raises at most about 27
        /// events: a bout's start with its six steps, five more steps, its end, three rules' excess start, cue and end,
        /// two neutral captures, a pain marker and two pacing events). The band hands each new event to the session
        /// recorder in the sample it is raised (fewer than 16 a sample), so the recorder never depends on the draining.
        /// </summary>
        public const int EventCapacity = 32;

        /// <summary>
        /// Compile-time guard (1, or a division by zero that does not compile): tilt samples, where
        /// sample &amp; <see cref="TiltEstimator.StepMask"/> is 0, must be even so they never fall on a slow (odd) sample,
        /// which <see cref="OnSample"/> relies on to test an odd sample once.
        /// </summary>
        private const int TiltSamplesAreEven = 1 / (TiltEstimator.StepMask & 1);

        // The stages write their events here; at the end of each sample (and of MarkPain, EndOfSamples) Band hands each
        // new one to the session recorder and the other event-driven stages (EventQueue.TryTakeNew), and it stays
        // queued for whoever drains Events (a host tool, the firmware's status): both see every event, through one queue.
        private readonly EventQueue _events = new EventQueue(EventCapacity);
        private readonly GyroBiasTracker _gyroBias = new GyroBiasTracker();
        private readonly GravityTracker _gravity = new GravityTracker();
        private readonly StillnessDetector _stillness = new StillnessDetector();
        private readonly NeutralPosture _neutral = new NeutralPosture();
        private readonly BodyFrame _frame = new BodyFrame();
        private readonly ProgressionDirectionEstimator _direction = new ProgressionDirectionEstimator();
        private readonly TurnDetector _turns = new TurnDetector();
        private readonly StepDetector _steps = new StepDetector();
        private readonly WalkingBoutTracker _bouts;
        private readonly PelvisRotation _rotation = new PelvisRotation();
        private readonly TiltEstimator _tilt = new TiltEstimator();
        private readonly PostureAxes _postureAxes = new PostureAxes();
        private readonly SwayMeter _sway;
        private readonly PostureMeter _posture;
        private readonly BandSettings _settings;
        private readonly CueEngine _cues;

        /// <summary>The cue engine's haptic player (also the pacer's): the band tests its due time every sample.</summary>
        private readonly HapticPlayer _player;
        private readonly WalkingPacer _pacer;
        private readonly SessionRecorder _sessions;
        private readonly WalkingBoutAccount _boutAccount = new WalkingBoutAccount();
        private readonly WalkingBoutOutcome _lastBout = new WalkingBoutOutcome();
        private readonly StepLengthEstimator _stepLengths;
        private readonly WalkingSpeed _speed = new WalkingSpeed();
        private readonly GaitVariability _variability = new GaitVariability();
        /// <summary>The trunk's vertical acceleration at 12.5 Hz (<see cref="VerticalHistory"/>), written here on tilt samples.</summary>
        private readonly sbyte[] _history = new sbyte[VerticalHistory.Entries];
        private readonly StrideRegularity _regularity;
        private int _boutsFinished;
        /// <summary>
        /// Samples since power-on. Its low 32 bits are the stages' sample number (wraps after 497 days at 50 Hz; only
        /// differences are used): one counter, not two (IL budget).
        /// </summary>
        private long _samples;

        /// <summary>Device time of the current sample, microseconds (to place reported steps in the sway history).</summary>
        private long _nowUs;
        private bool _directionRunning;

        /// <summary>The direction estimator's stride count when its direction was last given to the frame.</summary>
        private int _directionStrides;

        /// <summary>Creates a band with default settings and no motor (host analysis; cues are recorded only).</summary>
        public Band()
            : this(new BandSettings(), null)
        {
        }

        /// <summary>
        /// Creates a band with all its stages, allocated once. <paramref name="motor"/> may be null (cues are then
        /// recorded, never played). Throws <see cref="System.ArgumentException"/> with the reason if the settings are
        /// invalid.
        /// </summary>
        public Band(BandSettings settings, IHapticMotor motor)
        {
            _settings = settings;
            _bouts = new WalkingBoutTracker(_events);
            _stepLengths = new StepLengthEstimator(settings.WearerHeightCm, _history);
            _regularity = new StrideRegularity(_history);
            _sway = new SwayMeter(_tilt, _postureAxes);
            _posture = new PostureMeter(_tilt, _postureAxes, _sway, _neutral, _frame);
            _cues = new CueEngine(_events, motor, settings);
            _player = _cues.Player;
            _pacer = new WalkingPacer(_events, _player, settings);
            _sessions = new SessionRecorder(_neutral, _frame);
            _sessions.Configure(settings);
        }

        /// <summary>The step length of each counted step (the pendulum, wearer's height, turning steps' share).</summary>
        public StepLengthEstimator StepLengths { get { return _stepLengths; } }

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

        /// <summary>Turn detection: yaw rate about gravity.</summary>
        public TurnDetector Turns { get { return _turns; } }

        /// <summary>Candidate steps (before the walking decision).</summary>
        public StepDetector Steps { get { return _steps; } }

        /// <summary>The trunk's recent yaw, by which the walking decision judges a candidate's rotation since its contact.</summary>
        public PelvisRotation Rotation { get { return _rotation; } }

        /// <summary>Walking state, bouts and counted steps.</summary>
        public WalkingBoutTracker Bouts { get { return _bouts; } }

        /// <summary>True while in a confirmed walking bout.</summary>
        public bool IsWalking { get { return _bouts.Walking; } }

        /// <summary>Current cadence in centi-steps per minute (11250 = 112.5 steps/min); 0 when not walking.</summary>
        public int CadenceCentiStepsPerMinute { get { return _bouts.CadenceCenti; } }

        /// <summary>Steps counted since power-on.</summary>
        public int TotalSteps { get { return _bouts.TotalSteps; } }

        /// <summary>
        /// The outcome of the last walking bout that ended (all zero before the first): filled when its
        /// <see cref="BandEventKind.BoutEnd"/> event is forwarded, before the session recorder and
        /// <see cref="Events"/> see that event. <see cref="WalkingBoutsFinished"/> counts them.
        /// </summary>
        public WalkingBoutOutcome LastWalkingBout { get { return _lastBout; } }

        /// <summary>Walking bouts ended since power-on (each one's outcome was in <see cref="LastWalkingBout"/> when its end event was forwarded).</summary>
        public int WalkingBoutsFinished { get { return _boutsFinished; } }

        /// <summary>Trunk flexion and lateral bend relative to neutral (centidegrees), updated five times a second.</summary>
        public PostureMeter Posture { get { return _posture; } }

        /// <summary>Per-stride sway: ranges of mediolateral and anteroposterior tilt and of transverse rotation.</summary>
        public SwayMeter Sway { get { return _sway; } }

        /// <summary>The cue engine: excessive-motion rules, rate limits and the haptic player.</summary>
        public CueEngine Cues { get { return _cues; } }

        /// <summary>The walking plan's pacer: stretches, "time to rest" and "ready to go".</summary>
        public WalkingPacer Pacer { get { return _pacer; } }

        /// <summary>The session recorder: sessions, epochs and their records for the flash log.</summary>
        public SessionRecorder Sessions { get { return _sessions; } }

        /// <summary>The settings in force.</summary>
        public BandSettings Settings { get { return _settings; } }

        /// <summary>
        /// Applies new settings to every stage, or none: an invalid set is rejected with the reason and the old one
        /// stays in force.
        /// </summary>
        public SettingsError Configure(BandSettings settings)
        {
            SettingsError error = _cues.Configure(settings);
            if (error.IsOk)
            {
                _settings.CopyFrom(settings);
                _sessions.Configure(_settings);
                _pacer.Configure(_settings);
                _stepLengths.Configure(_settings.WearerHeightCm);
            }

            return error;
        }

        /// <summary>
        /// The samples stop (a host's recording ends; the band powers down): a walking bout under way ends at its last
        /// step, with its outcome, as if the wearer had stopped.
        /// </summary>
        public void EndOfSamples()
        {
            _bouts.EndNow();
            if (_events.Fresh != 0)
            {
                ForwardEvents();
            }
        }

        /// <summary>Records pain onset now (the button's short press): counted in the epoch, reported per session.</summary>
        public void MarkPain(long timeUs)
        {
            _events.Add(BandEventKind.PainMarker, timeUs, 0);
            ForwardEvents();
        }

        /// <summary>Silences cues for the snooze time (the button's double press); episodes are still recorded.</summary>
        public void Snooze(long timeUs)
        {
            _cues.Snooze(timeUs);
        }

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
            int sample = (int)++_samples;
            _nowUs = timeUs;

            // Each timed stage's due time is tested here, and the stage called only when it has work (IL budget).
            if (timeUs >= _sessions.DueUs)
            {
                _sessions.Tick(timeUs);
            }

            GyroBiasTracker gyroBias = _gyroBias;
            // The filter step's gyroscope sums (see GyroBiasTracker.StepSumX), added here: cheaper than a call.
            gyroBias.StepSumX += gx;
            gyroBias.StepSumY += gy;
            gyroBias.StepSumZ += gz;
            int vertical = _gravity.Project(ax, ay, az);

            // Slow stages run on every second sample (25 Hz), starting with the first. Posture and sway run at a
            // quarter of the rate (12.5 Hz: trunk tilt changes slowly against 80 ms), on even samples only (see
            // TiltSamplesAreEven), so an odd sample needs no second test.
            if ((sample & 1) != 0)
            {
                OnSlowSample(timeUs, ax, ay, az, gx, gy, gz, vertical);
            }
            else if ((sample & TiltEstimator.StepMask) == 0)
            {
                OnTiltSample(timeUs, sample, ax, ay, az, gx, gy, gz, gyroBias);
            }

            // WalkingBoutTracker.Tick without the call: the deadline test first, as it fails on most walking samples.
            if (sample - _bouts.Deadline > 0 && _bouts.Walking)
            {
                _bouts.EndNow();
            }

            if (_steps.Update(vertical, sample))
            {
                OnCandidateStep(timeUs, sample, _steps.ContactAgeSamples);
            }

            // The cue engine ticks when its pattern player or its rules are due; the rules are evaluated every tenth
            // sample, and their inputs are gathered only then.
            if (timeUs >= _player.DueUs || timeUs >= _cues.EvaluationDueUs)
            {
                OnCuesDue(timeUs);
            }

            if (_events.Fresh != 0)
            {
                ForwardEvents();
            }
        }

        /// <summary>The cue engine's player or rules are due: it ticks, and evaluates the rules with this sample's posture and gait.</summary>
        private void OnCuesDue(long timeUs)
        {
            CueEngine cues = _cues;
            if (cues.Tick(timeUs))
            {
                PostureMeter posture = _posture;
                cues.Evaluate(timeUs, posture.Flexion, posture.LateralBend, posture.Valid, _bouts.Walking, _turns.Turning);
            }
        }

        /// <summary>
        /// Every fourth sample: the walking plan's due time (so its patterns start within 80 ms), the tilt filter and
        /// turn detection, then sway accumulation and, five times a second, posture.
        /// </summary>
        private void OnTiltSample(long timeUs, int sample, int ax, int ay, int az, int gx, int gy, int gz, GyroBiasTracker gyroBias)
        {
            if (timeUs >= _pacer.NextDueUs)
            {
                OnPacerDue(timeUs);
            }

            // The vertical history's 12.5 Hz entry (VerticalHistory.Add, inline): the step detector's box mean of the
            // four samples before this one. Every second time, the step detector's level follows the box mean too.
            StepDetector steps = _steps;
            _history[(sample >> VerticalHistory.EntryShift) & VerticalHistory.Mask] = unchecked((sbyte)(steps.PreviousBox >> VerticalHistory.ValueShift));
            if ((sample & StepDetector.LevelUpdateMask) == 0)
            {
                steps.UpdateLevel();
            }

            // The step's rotation is the sum of its four samples' rates (see GyroBiasTracker.StepSumX).
            int sumX = gyroBias.StepSumX;
            int sumY = gyroBias.StepSumY;
            int sumZ = gyroBias.StepSumZ;
            gyroBias.StartStep();
            _tilt.Update(ax, ay, az, sumX, sumY, sumZ);
            GravityTracker gravity = _gravity;
            TurnDetector turns = _turns;
            // Turns, pelvis rotation and sway's heading keep the step's own sample, as their limits were set on.
            gyroBias.Correct(gx, gy, gz);
            turns.Update(gyroBias.RateX, gyroBias.RateY, gyroBias.RateZ, gravity.UpX, gravity.UpY, gravity.UpZ);
            _rotation.Update(turns.Yaw, sample);
            _sway.Accumulate(sample >> TiltEstimator.StepShift, turns.Yaw, turns.Turning);
            PostureMeter posture = _posture;
            int outputs = posture.Outputs;
            posture.Update();
            if (posture.Outputs != outputs && posture.Valid)
            {
                bool turning = turns.Turning;
                if (_sessions.OnPosture(timeUs, posture.Flexion, posture.LateralBend, turning))
                {
                    _boutAccount.OnTurning(timeUs, turning);
                }
            }
        }

        /// <summary>
        /// Hands each new event to the session recorder and the pacer (it stays queued on <see cref="Events"/>); each
        /// counted step also to the sway meter, at its own contact time (a bout's first steps are reported together,
        /// seconds late).
        /// </summary>
        private void ForwardEvents()
        {
            BandEvent e;
            while (_events.TryTakeNew(out e))
            {
                if (_boutAccount.OnEvent(e.Kind, e.TimeUs, e.Value))
                {
                    OnWalkingBoutFinished();
                }

                int sessions = _sessions.SessionsStarted;
                _sessions.OnEvent(e.Kind, e.TimeUs, e.Value);
                if (_sessions.SessionsStarted != sessions)
                {
                    // A new session is a new walk, whatever ended the last one: the plan starts again at stretch 1.
                    _pacer.RestartWalk();
                }

                if (_pacer.OnEvent(e.Kind, e.TimeUs))
                {
                    OnStretchFinished();
                }

                if (e.Kind == BandEventKind.Step)
                {
                    OnStepEvent(e.TimeUs);
                }
                else if (e.Kind == BandEventKind.BoutStart)
                {
                    _sway.OnBoutStart();
                    OnBoutStarted();
                }
            }
        }

        /// <summary>
        /// A counted step: its length and time go to the bout's speed, rhythm and regularity; the sway meter closes a
        /// stride every second one, then the cue engine and the session judge and keep it.
        /// </summary>
        private void OnStepEvent(long contactUs)
        {
            _cues.OnStepCounted();
            int contactSample = (int)_samples - (int)((_nowUs - contactUs) / ImuFormat.SamplePeriodUs);
            int newestEntry = (int)_samples >> VerticalHistory.EntryShift;
            StepLengthEstimator lengths = _stepLengths;
            if (lengths.OnStep(contactUs, contactSample, newestEntry, _turns.Turning))
            {
                int stepTimeUs = lengths.StepTimeUs;
                int lengthTenthsMm = lengths.StepLengthTenthsMm;
                WalkingSpeed speed = _speed;
                speed.Add(stepTimeUs, lengthTenthsMm);
                _variability.Add(stepTimeUs);
                if (lengthTenthsMm > 0)
                {
                    _sessions.OnStepLength(lengthTenthsMm, stepTimeUs, speed.NewestSpan);
                }
            }

            _regularity.OnStep(VerticalHistory.EntryAtOrAfter(contactSample), newestEntry, _variability.MeanStepUs);

            SwayMeter sway = _sway;
            if (sway.OnStep(contactSample >> TiltEstimator.StepShift))
            {
                int ml = sway.MediolateralRange;
                int ap = sway.AnteroposteriorRange;
                int rotation = sway.RotationRange;
                _cues.OnStride(contactUs, ml, ap, rotation);
                _sessions.OnStride(ml, ap, rotation);
            }
        }

        /// <summary>A walking bout was confirmed: its speed, rhythm and regularity start from nothing.</summary>
        private void OnBoutStarted()
        {
            _stepLengths.OnBoutStart();
            _speed.OnBoutStart();
            _variability.OnBoutStart();
            _regularity.OnBoutStart();
        }

        /// <summary>A walking bout ended: its outcome is gathered from the stages that measured it.</summary>
        private void OnWalkingBoutFinished()
        {
            WalkingBoutOutcome outcome = _lastBout;
            outcome.Clear();
            _boutAccount.Fill(outcome);
            _speed.Fill(outcome);
            _variability.Fill(outcome);
            _regularity.Fill(outcome);
            _boutsFinished++;
            _sessions.OnWalkingBout(outcome);
        }

        private void OnPacerDue(long timeUs)
        {
            if (_pacer.Tick(timeUs))
            {
                OnStretchFinished();
            }
        }

        /// <summary>A stretch of the walking plan ended: the session records it.</summary>
        private void OnStretchFinished()
        {
            _sessions.OnStretch(_pacer.LastStretch);
        }

        /// <summary>
        /// Every second sample: gravity, stillness and the direction of walking (<paramref name="vertical"/> is the
        /// sample's vertical body acceleration, <see cref="GravityTracker.Project"/>'s).
        /// </summary>
        private void OnSlowSample(long timeUs, int ax, int ay, int az, int gx, int gy, int gz, int vertical)
        {
            GravityTracker gravity = _gravity;
            gravity.UpdateLowPass(ax, ay, az);
            if (_stillness.Update(ax, ay, az, gx, gy, gz, gravity, _gyroBias))
            {
                OnStillWindow(timeUs);
            }

            if (_bouts.Walking)
            {
                _direction.UpdateWalking(ax, ay, az, vertical, gravity, _turns.Turning);
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
            int contact = sample - age;
            long contactUs = timeUs - ((long)age * ImuFormat.SamplePeriodUs);
            StepDetector steps = _steps;
            if (_bouts.OnCandidateStep(contact, contactUs, steps.PeakCounts, steps.SwingCounts, _rotation.SinceSample(contact), _turns.Turning))
            {
                OnStepCounted(timeUs);
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
        private void OnStepCounted(long timeUs)
        {
            GravityTracker gravity = _gravity;
            BodyFrame frame = _frame;
            frame.TrackVerticalWhileWalking(gravity.UpX, gravity.UpY, gravity.UpZ);

            // No still second yet: the walking itself gives the neutral posture (a still second later refines it).
            if (frame.VerticalKnown && _neutral.OnWalkingVertical(frame.VerticalX, frame.VerticalY, frame.VerticalZ))
            {
                _events.Add(BandEventKind.NeutralCaptured, timeUs, 0);
            }

            ProgressionDirectionEstimator direction = _direction;
            direction.SetCadence(_bouts.CadenceCenti);
            if (direction.IsKnown && direction.Strides != _directionStrides)
            {
                _directionStrides = direction.Strides;
                frame.SetProgression(direction.ForwardX, direction.ForwardY, direction.ForwardZ);
            }
        }
    }
}
