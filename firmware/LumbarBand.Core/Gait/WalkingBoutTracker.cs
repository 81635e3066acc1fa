using LumbarBand.Core.Sensing;

namespace LumbarBand.Core.Gait
{
    /// <summary>
    /// Decides from the rhythm and strength of candidate steps whether the wearer walks, and reports steps, walking
    /// bouts and cadence as <see cref="BandEvent"/>s. Walking is confirmed only after <see cref="ConfirmSteps"/>
    /// consecutive candidates at a walking rhythm; the bout and its steps are emitted retroactively with their own
    /// contact times once it holds <see cref="ConfirmSteps"/> counted steps (the Mobilise-D bout's 4 strides; at
    /// confirmation for most bouts), so a bout's first steps are not lost, while isolated or irregular movements
    /// (sitting down, standing up, shifting weight, a shuffle while turning, a few steps to a chair) produce no steps at all. The edges of a bout
    /// are trimmed: a weak first step (the weight shift that starts walking) is not counted, and the weak steps with
    /// which walking stops are held back and dropped when the bout ends. An impact far stronger than the bout's steps
    /// (sitting down) ends the bout and is not a step.
    /// </summary>
    /// <remarks>
    /// <para>Builds on the "regulation" stage of Espruino's step counter (libs/misc/stepcount.c: steps only count once a
    /// run of several steps at plausible intervals has been seen, and the held-back steps are then added at once) and
    /// on the walking-bout definition of the Mobilise-D consensus (Kluge et al. 2021, Micó-Amigo et al. 2023: a bout
    /// holds at least two strides, turns inside a bout are part of it, and a pause of a few seconds ends it).</para>
    /// <para>Changes: times in samples and microseconds (integers); a regularity test between consecutive intervals
    /// while confirming; retroactive events carrying each step's true time; and amplitude rules on the smoothed
    /// vertical peak that <see cref="StepDetector"/> reports with each candidate (counts, 4096 = 1 g): the bout's
    /// typical step amplitude is a running mean (an exponential average with a power-of-two weight, so a shift), and
    /// every amplitude fraction is a shift of it. The step amplitude of walking at the lower back grows with walking
    /// speed (Zijlstra &amp; Hof 2003), so the edges are judged against the bout's own amplitude, not a fixed level,
    /// and slow walkers keep their steps.</para>
    /// <para>Tuned on the six Mobilise-D walks of ../shared/data/lowerback-walks, each value inside a plateau of the
    /// scores: <see cref="ConfirmSteps"/> is the bout definition, not tuned; the stopping-step fraction (1/3 to 3/5
    /// give the same F1), the starting-step fraction (1/5 to 1/3), the number of held stopping steps (2 or 3) and
    /// the impact rule (0.4 to 0.6 g with 1.5 to 2.5 times the mean) were.</para>
    /// <para>Slow, impaired and daily-living walking (issue 12): a step is a step whatever its speed, from 35 to
    /// about 170 steps/min (<see cref="MinStepSamples"/>, <see cref="MaxStepSamples"/>); stride-based tests decide
    /// walking instead of a cadence window: while confirming, each interval must match the same foot's interval a
    /// stride before (<see cref="SameFootTolerance"/>, after Moe-Nilssen &amp; Helbostad 2004), an interval nearer two of
    /// the run's steps than one or three (3/2 to 5/2 of its mean) counts as two, a step the detector missed, once a run
    /// (<see cref="SpansTwo"/>), and the confirming
    /// steps must lift the pelvis as walking does (<see cref="MinConfirmRiseTenthsMm"/>, the inverted pendulum of
    /// Zijlstra &amp; Hof 2003, which shuffling and turning on the spot do not move); inside a bout, a candidate sooner
    /// after the last step than the bout's rhythm allows is no step (<see cref="RivalFractionNumerator"/>), which
    /// removes most second humps of slow gait, and an early candidate that does not start the pelvis's rotation as a
    /// step's contact does is a walking aid's impact (<see cref="AidWindowNumerator"/>, <see cref="AidYawNumerator"/>,
    /// <see cref="PelvisRotation"/>);
    /// and a step after a hesitation (<see cref="HesitationRatioNumerator"/>) counts only if walking goes on. Each
    /// such constant has a physical reason given where it is declared; figures per subject with their spread, a
    /// leave-one-subject-out run of the one constant fitted to data (<see cref="StepDetector.ContactToPeakSamples"/>),
    /// and what is not reached yet are printed by <c>lumbarband validate</c>. The constants chosen among two to four
    /// values on the shared walks (<see cref="RivalFractionNumerator"/>, <see cref="SameFootTolerance"/> and the walking-aid
    /// test's <see cref="AidWindowNumerator"/>, <see cref="AidYawNumerator"/>, <see cref="AidMinMeanYaw"/>) have physical
    /// reasons and a leave-one-subject-out run each in <c>lumbarband validate</c>, which replays the candidate steps
    /// through trackers built with the other values (the second constructor).</para>
    /// </remarks>
    public sealed class WalkingBoutTracker
    {
        /// <summary>
        /// Candidates in a row needed to confirm walking: 6 steps, two full strides of each foot (L R L R L R), the
        /// shortest walking bout of the Mobilise-D definition as its reference system reports it (the shortest
        /// reference bouts in the real walks hold 6 initial contacts). Four steps (one stride of each foot) also let
        /// through the few steps of walking to a chair, turning, or shuffling in place.
        /// </summary>
        public const int ConfirmSteps = 6;

        /// <summary>
        /// Shortest step interval of walking: 0.34 s = 17 samples, a cadence of 176 steps/min: the 150 steps/min top
        /// of the cadence range less 15% step-to-step variability.
        /// </summary>
        public const int MinStepSamples = 17;

        /// <summary>
        /// Longest step interval while confirming walking: 1.74 s = 87 samples, a cadence of 34.5 steps/min: the
        /// slowest walking the band must count (35 steps/min, people with MS or a club foot walking with an aid). What
        /// is not walking among such slow rhythms is told by the stride-based tests (same-foot regularity, pelvis rise),
        /// not by a cadence window tuned to healthy gait.
        /// </summary>
        public const int MaxStepSamples = 87;

        /// <summary>
        /// Longest gap between two steps inside a confirmed bout: 2.0 s = 100 samples, the slowest step
        /// (<see cref="MaxStepSamples"/>) plus 15%. A longer pause ends the bout at its last step.
        /// </summary>
        public const int MaxGapSamples = 100;

        /// <summary>
        /// Longest delay from a step's initial contact to its detection by <see cref="StepDetector"/> (contact to
        /// peak, then the fall of the smoothed signal below its release level): 25 samples = 0.5 s. A bout is ended
        /// only when no step can still be on its way.
        /// </summary>
        public const int DetectionLatencySamples = 25;

        /// <summary>
        /// Regularity while confirming: an interval may differ from the previous one by at most 1/2^1 = half of the
        /// longer of the two. Walking's intervals vary by 2–10% (up to 30% left/right in hemiparetic or
        /// cautious gait); sit-to-stand, weight shifts and stumbles give arbitrary ones. (Tighter tests, 3/8 and
        /// 1/4, were tried: they reject the irregular slow walking of the reference bouts as well.)
        /// </summary>
        private const int RegularityShift = 1;

        /// <summary>
        /// While confirming, a candidate that comes less than 1/2^1 = half of the previous interval after the last
        /// one is a second hump of that step's loading (or a bump of the swing between two steps), not a step: it is
        /// skipped, where an irregular interval would restart the confirmation. A walking rhythm does not halve
        /// from one step to the next. (Without this, a 0.02 g bump in a slow walk, present in one mounting and not in
        /// another after rounding, decided whether a reference bout's first four steps were counted.) Not against a
        /// run's first interval: it may be the pause before walking (rising from a seat, a weight shift; gait
        /// initiation, Jian et al. 1993), and the walk's next step then comes sooner than half of it; the
        /// irregular-interval test restarts the confirmation from the candidate before it instead (on HA002's
        /// daily-living walk the strongest step of a bout, 0.58 s after a candidate that followed a 1.28 s pause, was
        /// dropped as a hump).
        /// </summary>
        private const int ExtraHumpShift = 1;

        /// <summary>
        /// A starting step is not counted when its peak is below 1/2^2 = a quarter of the mean peak of the
        /// confirming steps: the weight shift onto the stance leg that initiates gait (Jian et al. 1993) moves the
        /// trunk far less than a step. Only leading steps are trimmed; a weak step inside the bout counts.
        /// </summary>
        public const int StartingStepShift = 2;

        /// <summary>
        /// A step of a confirmed bout whose peak is below 1/2^1 = half of the bout's running mean peak may be a
        /// stopping step: it is held back until a stronger step shows that walking goes on (then it counts, with
        /// its own time), and dropped if the bout ends first. Gait termination brakes the body in one or two short,
        /// low steps (Jian et al. 1993); the reference bouts end at the last full step.
        /// </summary>
        public const int StoppingStepShift = 1;

        /// <summary>
        /// Weak steps held back at most: two, the braking step and the step that brings the feet together. A third
        /// weak step in a row is slow or careful walking, not stopping: the held steps and it are counted.
        /// </summary>
        public const int MaxStoppingSteps = 2;

        /// <summary>
        /// Weight of a new step in the bout's running mean peak: 1/2^2, a mean over about the last four steps (two
        /// strides, so a left/right difference in step strength does not make every other step look weak).
        /// </summary>
        public const int MeanPeakShift = 2;

        /// <summary>
        /// Impact level: during a bout, a candidate whose smoothed vertical peak exceeds both 0.5 g = 2048 counts and
        /// twice (1 &lt;&lt; <see cref="ImpactRatioShift"/>) the bout's running mean peak is not a walking step but an
        /// impact, typically the pelvis landing on a seat: it ends the bout and is not counted. Walking steps vary
        /// by far less than a factor of two around their mean (brisk walking, whose steps can peak above 0.5 g,
        /// stays within about ±40%; in the six real walks no step exceeded 1.7 times the mean before it, nor 0.47 g),
        /// while sitting down there gave 0.74 g and 1.0 g, 2.7 and 4.7 times the mean of the steps before. A walk that
        /// ends on a seat ended at it: a step held back only because a pause came before it (<see cref="HesitationRatioNumerator"/>),
        /// as strong as the walk's steps, was the last step to the seat (the slower approach and turn before sitting,
        /// not a stop in place) and is counted; weak held steps (braking, feet together) are dropped as at any end.
        /// </summary>
        public const int ImpactCounts = 2048;

        /// <summary>An impact exceeds 2^1 = twice the bout's running mean peak (and <see cref="ImpactCounts"/>).</summary>
        public const int ImpactRatioShift = 1;

        /// <summary>
        /// Rival window inside a bout: a candidate less than 5/8 of the bout's mean step interval after the last step
        /// is not a step (walking's intervals, asymmetric gait included, stay above about 70% of their mean). Slow and impaired gait put a second hump into a step's loading, or a
        /// walking aid's impact between steps (on the MS walk with an aid at 50 steps/min, three to four candidates a
        /// stride); a fixed refractory time cannot tell these from a brisk walker's next step. 1/2 and 3/4 were also
        /// tried: 1/2 keeps the aid's impacts, 3/4 drops the short steps of healthy turns.
        /// </summary>
        public const int RivalFractionNumerator = 5;

        /// <summary>Eighths: the rival window is (mean interval × <see cref="RivalFractionNumerator"/>) &gt;&gt; 3.</summary>
        private const int RivalFractionShift = 3;

        /// <summary>
        /// Early window of a walking aid's impact, in eighths of the bout's mean step interval: a candidate sooner than
        /// 6/8 = 3/4 of the rhythm after the last step is tested for the pelvis's rotation (<see cref="AidYawNumerator"/>).
        /// A cane or crutch is planted between two steps (with the opposite foot's step, or after the stronger step in a
        /// "step-to" pattern), so its impact comes early; walking's own steps, asymmetric gait included, come after
        /// about 70% of the rhythm and later, and a step that comes on time is never judged by its rotation.
        /// </summary>
        public const int AidWindowNumerator = 6;

        /// <summary>
        /// An early candidate (<see cref="AidWindowNumerator"/>) whose yaw since its contact is below 3/8 of the bout's
        /// mean (<see cref="PelvisRotation"/>: each step's contact starts the pelvis's rotation towards the other side;
        /// an aid's impact lands with the pelvis between two rotations) is an impact, not a step. Relative to the
        /// walker's own rotation, so a small rotation of brisk gait and a large one of slow gait are judged alike; on the
        /// slow MS walk with an aid, the steps turn the pelvis 3–11° from contact to detection, the aid's impacts 0–1.5°.
        /// </summary>
        public const int AidYawNumerator = 3;

        /// <summary>
        /// Least mean yaw of the bout's steps for the aid test, <see cref="PelvisRotation"/> units: 1229 = 3°. The
        /// rotation since a contact is read on the 12.5 Hz yaw history, so the contact's place in it is known to one
        /// update (80 ms); at the pelvis's yaw rates in walking (20–40 °/s) that is 1.6–3.2°, so a gait whose steps
        /// rotate the pelvis by less than about 3° from contact to detection (brisk, stiff or short steps) cannot be
        /// told from an impact by its rotation, and the test is not applied.
        /// </summary>
        public const int AidMinMeanYaw = 1229;

        /// <summary>
        /// A turn's steps inside a bout: a candidate dropped as a rival (<see cref="RivalFractionNumerator"/>) while the
        /// wearer turns, at least half as strong as the bout's steps (<see cref="StoppingStepShift"/>), is a step when the
        /// next step shows it split the interval into halves, differing by at most 1/2^2 = a quarter of the longer
        /// (walking's left and right steps, asymmetric gait included, differ by less than 30%). Turning steps are
        /// shorter and irregular (Hase &amp; Stein 1999), the detector loses some of them in the turn's rotation, and the
        /// rival window set by the walk's rhythm then drops every other turning step; turns make up a large part of
        /// daily-living walking (Glaister et al. 2007) (in HA002's daily-living walk, a turning bout of 22 reference
        /// steps came out as 13). The rival is counted when the next step arrives, with its own contact time,
        /// and the rhythm learns both halves: they are the intervals between the walk's steps now. Left whole, the
        /// interval kept the rhythm at a stride, so the rival window dropped the turn's next steps unless they too came in
        /// halves; a turn's steps are irregular, and each is judged against the turn's own rhythm. Only
        /// while turning: on straight paths a halfway candidate is a second hump or an aid's impact (the very slow MS
        /// walk with an aid has one in most strides). The quarter was set from the physical bound, not tuned.
        /// </summary>
        private const int TurnStepHalvesShift = 2;

        /// <summary>Yaw of a step taken while turning: not measured (a turn's own rotation hides the step's), left out of the mean.</summary>
        private const int UnmeasuredYaw = -1;

        /// <summary>Eighths: an aid's impact turns the pelvis by less than (mean yaw × <see cref="AidYawNumerator"/>) &gt;&gt; 3.</summary>
        private const int AidYawShift = 3;

        /// <summary>
        /// Divisor from swing × step² (counts × samples²) to a rise in tenths of mm: 4096 counts/g × 4π² /
        /// (9.80665 m/s² × (0.02 s)² × 10⁴ tenths of mm/m) = 4122.
        /// </summary>
        public const int RiseDivisor = 4122;

        /// <summary>
        /// Least mean pelvis rise over the confirming steps: 6 mm. The inverted pendulum of walking (Zijlstra &amp; Hof
        /// 2003) lifts the pelvis by l − √(l² − (s/2)²) a step: about 9 mm for a very slow walker's 0.25 m steps on a
        /// 0.9 m leg, against under 1.5 mm for the 0.1 m steps of shuffling or turning on the spot. Not fitted to data.
        /// </summary>
        public const int MinConfirmRiseTenthsMm = 60;

        /// <summary>
        /// A step that follows a pause longer than 3/2 of the walking rhythm (the bout's mean step interval, or the
        /// confirming steps' mean) is a hesitation: a leading one is not the walk's first step (rising from a chair, a
        /// weight shift before setting off), and inside a bout it is held back like a stopping step, counted only if
        /// walking goes on. Gait initiation reaches the steady rhythm within the first step or two (Jian et al. 1993),
        /// and walking's step intervals, left/right asymmetry included, stay within about ±30% of their mean, so a
        /// pause of half a step more is not walking's rhythm. A step held after a hesitation does not move the bout's
        /// mean peak: the step that shows walking goes on (not weak, <see cref="StoppingStepShift"/>) is judged against
        /// the walk's own steps, not against a mean that the held step, perhaps a stop's, has lowered. Not fitted to data.
        /// </summary>
        public const int HesitationRatioNumerator = 3;

        /// <summary>
        /// Stride regularity while confirming (the step regularity over strides of Moe-Nilssen &amp; Helbostad 2004,
        /// as intervals): a step interval may differ from the interval two steps before, the same foot's step, by at
        /// most 1/2 of the longer. A limp or an aid makes left and right steps differ, but each foot keeps its own
        /// rhythm, so asymmetric gait passes; weight shifts, turning on the spot and fidgeting do not keep a stride.
        /// (1/3 was tried: it rejects the irregular walking of daily life that the reference counts as walking.)
        /// </summary>
        public const int SameFootTolerance = 2;

        /// <summary>Intervals averaged for the cadence: the last 4 (two strides, so left/right asymmetry cancels).</summary>
        public const int CadenceIntervals = 4;

        /// <summary>Centi-steps per minute times samples: 60 s × 50 samples/s × 100 = 300000.</summary>
        private const int CentiStepsPerMinuteSamples = 60 * ImuFormat.SampleRateHz * 100;

        private readonly EventQueue _events;

        /// <summary>This tracker's <see cref="RivalFractionNumerator"/> (eighths).</summary>
        private readonly int _rivalFraction;

        /// <summary>This tracker's <see cref="SameFootTolerance"/>.</summary>
        private readonly int _sameFootTolerance;

        /// <summary>This tracker's <see cref="AidWindowNumerator"/> (eighths).</summary>
        private readonly int _aidWindow;

        /// <summary>This tracker's <see cref="AidYawNumerator"/> (eighths).</summary>
        private readonly int _aidYaw;

        /// <summary>This tracker's <see cref="AidMinMeanYaw"/> (<see cref="PelvisRotation"/> units).</summary>
        private readonly int _aidMinMeanYaw;

        private readonly int[] _pendingSample = new int[ConfirmSteps];
        private readonly long[] _pendingTimeUs = new long[ConfirmSteps];
        private readonly int[] _pendingPeak = new int[ConfirmSteps];

        /// <summary>Magnitude of each pending step's yaw since its contact, <see cref="PelvisRotation"/> units (409.6 = 1°).</summary>
        private readonly int[] _pendingYaw = new int[ConfirmSteps];

        /// <summary>Pelvis rise of each pending step over the interval from the pending step before it, tenths of mm (0 for the first).</summary>
        private readonly int[] _pendingRise = new int[ConfirmSteps];

        /// <summary>Bit k set: the interval from pending candidate k − 1 to k spans two of the run's steps (one the detector missed).</summary>
        private int _pendingDoubles;
        private int _pendingCount;

        /// <summary>Contact times of the weak steps held back at the end of the bout, oldest first.</summary>
        private readonly long[] _heldTimeUs = new long[MaxStoppingSteps];
        private int _heldCount;

        /// <summary>Bit k set: held step k is as strong as the bout's steps, held only because a pause came before it.</summary>
        private int _heldStrong;

        private readonly int[] _intervals = new int[CadenceIntervals];
        private int _intervalIndex;
        private int _intervalCount;

        /// <summary>True while in a confirmed walking bout.</summary>
        internal bool Walking;

        /// <summary>
        /// True once the current bout holds <see cref="ConfirmSteps"/> counted steps and has been reported
        /// (<see cref="RecordBout"/>); until then its counted steps wait in the pending times.
        /// </summary>
        private bool _boutRecorded;

        /// <summary>Cadence over the last <see cref="CadenceIntervals"/> step intervals of the bout, centi-steps/min.</summary>
        internal int CadenceCenti;

        /// <summary>Sample of the last step accepted into the bout (counted or held back).</summary>
        private int _lastStepSample;

        /// <summary>Time of the last counted step (the bout's end time if it ended now).</summary>
        private long _lastCountedTimeUs;

        /// <summary>Mean of the last <see cref="CadenceIntervals"/> step intervals of the bout, samples.</summary>
        private int _meanInterval;

        /// <summary>
        /// Sample after which <see cref="Tick"/> ends the bout: no step can still follow the last one within
        /// <see cref="MaxGapSamples"/>. Internal field so the band tests it every sample without a call (IL budget).
        /// </summary>
        internal int Deadline;


        /// <summary>Sample of the last turning candidate dropped as a rival inside the bout (at or before the last step when none since).</summary>
        private int _rivalSample;

        /// <summary>Contact time of that rival, µs.</summary>
        private long _rivalTimeUs;

        /// <summary>That rival's peak, counts (4096 = 1 g); 0 when the wearer was not turning (no turn's step).</summary>
        private int _rivalPeak;

        /// <summary>Running mean of the bout's step peaks, counts (4096 = 1 g).</summary>
        private int _meanPeak;

        /// <summary>Running mean of the magnitude of the bout's steps' yaw since contact, <see cref="PelvisRotation"/> units (409.6 = 1°).</summary>
        private int _meanYaw;
        private int _boutSteps;
        private int _totalSteps;
        private int _bouts;

        /// <summary>Creates a tracker that writes its events to <paramref name="events"/>.</summary>
        public WalkingBoutTracker(EventQueue events)
            : this(events, RivalFractionNumerator, SameFootTolerance, AidWindowNumerator, AidYawNumerator, AidMinMeanYaw)
        {
        }

        /// <summary>
        /// Creates a tracker with other values of the constants chosen among a few on the shared walks (the band uses the
        /// shipped ones): for the leave-one-subject-out runs of <c>lumbarband validate</c>, which replay a recording's
        /// candidate steps through trackers built with each value.
        /// </summary>
        public WalkingBoutTracker(EventQueue events, int rivalFractionNumerator, int sameFootTolerance, int aidWindowNumerator, int aidYawNumerator, int aidMinMeanYaw)
        {
            _events = events;
            _rivalFraction = rivalFractionNumerator;
            _sameFootTolerance = sameFootTolerance;
            _aidWindow = aidWindowNumerator;
            _aidYaw = aidYawNumerator;
            _aidMinMeanYaw = aidMinMeanYaw;
        }

        /// <summary>True while in a confirmed walking bout.</summary>
        public bool IsWalking { get { return Walking; } }

        /// <summary>
        /// Cadence in centi-steps per minute (11250 = 112.5 steps/min) over the last four step intervals of the current
        /// bout; 0 when not walking.
        /// </summary>
        public int CadenceCentiStepsPerMinute { get { return CadenceCenti; } }

        /// <summary>Steps counted in the current bout (0 when not walking); held-back stopping steps are not counted yet.</summary>
        public int BoutSteps { get { return _boutSteps; } }

        /// <summary>Steps since power-on.</summary>
        public int TotalSteps { get { return _totalSteps; } }

        /// <summary>Walking bouts since power-on.</summary>
        public int Bouts { get { return _bouts; } }

        /// <summary>Running mean of the current bout's step peaks, counts (4096 = 1 g); 0 when not walking.</summary>
        public int MeanPeakCounts { get { return Walking ? _meanPeak : 0; } }

        /// <summary>
        /// Ends the current bout if no step can follow its last one within <see cref="MaxGapSamples"/>. Call every sample with
        /// the current sample number.
        /// </summary>
        public void Tick(int sample)
        {
            if (Walking && sample - Deadline > 0)
            {
                EndBout();
            }
        }

        /// <summary>Ends the current bout now, at its last counted step, as a long pause would (the stream of samples ends).</summary>
        public void EndNow()
        {
            if (Walking)
            {
                EndBout();
            }
        }

        /// <summary>
        /// Takes a candidate step: its initial contact's sample number and device time, its smoothed vertical
        /// peak and trough-to-peak swing (<see cref="StepDetector.StepPeakCounts"/>, <see cref="StepDetector.StepSwingCounts"/>),
        /// the trunk's yaw since its contact (<see cref="PelvisRotation.SinceSample"/>, 409.6 = 1°) and whether the wearer
        /// turns (<see cref="Sensing.TurnDetector.IsTurning"/>: a turn's rotation hides the step's). Returns true if the
        /// step was taken into a walking bout (counted now, counted with the held-back steps that confirm walking, or
        /// held back as a possible stopping step).
        /// </summary>
        public bool OnCandidateStep(int contactSample, long contactTimeUs, int peakCounts, int swingCounts, int yawSinceContact, bool turning)
        {
            int yaw = turning ? UnmeasuredYaw : (yawSinceContact < 0 ? -yawSinceContact : yawSinceContact);
            if (Walking)
            {
                if (peakCounts > ImpactCounts && peakCounts > _meanPeak << ImpactRatioShift)
                {
                    // Sitting down: the walk ended at the seat. A step held only for the pause before it, as strong as
                    // the walk's steps, was the last step to the seat, not a stop in place; weak held steps are dropped.
                    CountStrongHeldSteps();
                    EndBout();
                    return false;
                }

                int interval = contactSample - _lastStepSample;
                int mean = _meanInterval;
                if (interval < MinStepSamples || interval < RivalWindow())
                {
                    // Too soon after the last step: a second hump of its loading or a walking aid's impact; while
                    // turning, kept in case the next step shows it was a turn's step halfway between (TurnStepHalvesShift).
                    _rivalSample = contactSample;
                    _rivalTimeUs = contactTimeUs;
                    _rivalPeak = turning ? peakCounts : 0;
                    return false;
                }

                int meanYaw = _meanYaw;
                if (!turning && interval < (mean * _aidWindow) >> RivalFractionShift && meanYaw >= _aidMinMeanYaw
                    && yaw < (meanYaw * _aidYaw) >> AidYawShift)
                {
                    // Early, and the pelvis does not turn as after a step's contact: a walking aid's impact.
                    return false;
                }

                if (interval > MaxGapSamples)
                {
                    EndBout();
                    return OnCandidateStep(contactSample, contactTimeUs, peakCounts, swingCounts, yawSinceContact, turning);
                }

                int split = _rivalSample - _lastStepSample;
                if (split > 0 && _rivalPeak >= _meanPeak >> StoppingStepShift && HalvesOf(split, interval - split))
                {
                    // A turning candidate as strong as a step, halfway between two steps: a turn's short step. Counted
                    // with its own time, and the rhythm learns both halves (the interval between steps).
                    AcceptStep(_rivalTimeUs, _rivalPeak, UnmeasuredYaw, false);
                    AddInterval(split);
                    interval -= split;
                    _lastStepSample = _rivalSample;
                }

                _rivalSample = contactSample;
                AddInterval(interval);
                _lastStepSample = contactSample;
                Deadline = contactSample + MaxGapSamples + DetectionLatencySamples;
                AcceptStep(contactTimeUs, peakCounts, yaw, (interval << 1) > _meanInterval * HesitationRatioNumerator);
                return true;
            }

            bool spansTwo = false;
            if (_pendingCount > 0)
            {
                int last = _pendingCount - 1;
                int interval = contactSample - _pendingSample[last];
                if (interval < MinStepSamples)
                {
                    return false;
                }

                if (interval > MaxStepSamples)
                {
                    _pendingCount = 0;
                    _pendingDoubles = 0;
                }
                else if (_pendingCount >= 2)
                {
                    int previous = PendingUnit(last);
                    if (interval < previous >> ExtraHumpShift && _pendingCount >= 3)
                    {
                        // Judged against a walking interval only: a run's first interval may be the pause before walking.
                        return false;
                    }

                    if (_pendingCount >= 3 && _pendingDoubles == 0 && SpansTwo(interval, last))
                    {
                        spansTwo = true;
                        interval >>= 1;
                    }

                    if (!Regular(previous, interval))
                    {
                        // Start again from the previous candidate: it and this one may begin a walk.
                        KeepLastPending(1);
                        spansTwo = false;
                        interval = contactSample - _pendingSample[0];
                    }
                    else if (_pendingCount >= 3 && !SameFootRegular(PendingUnit(last - 1), interval))
                    {
                        // This step and the same foot's step before it differ: walking has no such stride.
                        KeepLastPending(2);
                        spansTwo = false;
                        interval = contactSample - _pendingSample[1];
                    }
                }
            }

            int n = _pendingCount;
            if (spansTwo)
            {
                _pendingDoubles |= 1 << n;
            }

            _pendingSample[n] = contactSample;
            _pendingTimeUs[n] = contactTimeUs;
            _pendingPeak[n] = peakCounts;
            _pendingYaw[n] = yaw;
            _pendingRise[n] = n == 0 ? 0 : RiseTenthsMm(swingCounts, PendingUnit(n));
            _pendingCount = n + 1;
            if (_pendingCount < ConfirmSteps)
            {
                return false;
            }

            int riseSum = 0;
            for (int k = 1; k < ConfirmSteps; k++)
            {
                riseSum += _pendingRise[k];
            }

            if (riseSum < MinConfirmRiseTenthsMm * (ConfirmSteps - 1))
            {
                // Steps that barely lift the pelvis: shuffling or turning on the spot, weight shifts. Slide on by one.
                KeepLastPending(ConfirmSteps - 1);
                return false;
            }

            StartBout();
            return true;
        }

        /// <summary>
        /// Samples after a step within which a candidate is not the next step: <see cref="RivalFractionNumerator"/>/8 of the bout's
        /// mean step interval.
        /// </summary>
        private int RivalWindow()
        {
            return (_meanInterval * _rivalFraction) >> RivalFractionShift;
        }

        /// <summary>
        /// The pelvis's vertical excursion over a step, tenths of mm, from the trough-to-peak swing of the trunk's
        /// smoothed vertical acceleration (<see cref="StepDetector.StepSwingCounts"/>, counts, 4096 = 1 g) and the
        /// step's duration (samples at 50 Hz): the vertical motion of the pelvis is close to a sinusoid at the step
        /// frequency (Zijlstra &amp; Hof 2003), whose displacement range is its acceleration range over ω², ω = 2π / step.
        /// </summary>
        public static int RiseTenthsMm(int swingCounts, int stepSamples)
        {
            return (swingCounts * stepSamples * stepSamples) / RiseDivisor;
        }

        /// <summary>Keeps the newest <paramref name="count"/> pending candidates, dropping the older ones.</summary>
        private void KeepLastPending(int count)
        {
            int from = _pendingCount - count;
            for (int k = 0; k < count; k++)
            {
                _pendingSample[k] = _pendingSample[from + k];
                _pendingTimeUs[k] = _pendingTimeUs[from + k];
                _pendingPeak[k] = _pendingPeak[from + k];
                _pendingYaw[k] = _pendingYaw[from + k];
                _pendingRise[k] = _pendingRise[from + k];
            }

            _pendingRise[0] = 0;
            _pendingDoubles = (_pendingDoubles >> from) & ~1;
            _pendingCount = count;
        }

        /// <summary>The step interval ending at pending candidate <paramref name="k"/> (k ≥ 1), halved when it spans two steps, samples.</summary>
        private int PendingUnit(int k)
        {
            int interval = _pendingSample[k] - _pendingSample[k - 1];
            return (_pendingDoubles & (1 << k)) != 0 ? interval >> 1 : interval;
        }

        /// <summary>
        /// True when <paramref name="interval"/> after pending candidate <paramref name="last"/> is nearer two of the
        /// run's steps than one or three: 3/2 to 5/2 of the run's mean step interval so far (at least two intervals).
        /// </summary>
        /// <remarks>
        /// Why: the detector misses a step now and then inside real walking (a step taken while the trunk is bent, whose
        /// lift the lagging vertical hides; a weak step in a turn), and a missed step left a confirming run an interval
        /// far longer than its neighbours, so the run started again and a walk of six or seven steps was no bout at all
        /// (real HA002 141.8–147.3 s, a walked turn with a bend in it). Walking's rhythm goes on through a missed step:
        /// the interval is two of its steps, the rule by which <see cref="WalkingSpeed"/> already counts steps spanned.
        /// The halves are then judged as walking's intervals are (regularity, the same foot's stride, the pelvis's
        /// rise), and the bout's rhythm learns both. Once a run only: a run of six candidates missing two of eight
        /// steps is no longer walking's rhythm seen through a detector's miss. Not fitted: 3/2 and 5/2 are the midpoints
        /// between one, two and three steps.
        /// </remarks>
        private bool SpansTwo(int interval, int last)
        {
            int run = _pendingSample[last] - _pendingSample[0];
            int steps = last;
            return interval * 2 * steps >= run * 3 && interval * 2 * steps <= run * 5;
        }

        /// <summary>
        /// Stride regularity: a step interval and the interval two steps before (the same foot's step) differ by at most
        /// 1/<see cref="SameFootTolerance"/> of the longer.
        /// </summary>
        private bool SameFootRegular(int sameFootInterval, int interval)
        {
            int longer = sameFootInterval > interval ? sameFootInterval : interval;
            int difference = sameFootInterval > interval ? sameFootInterval - interval : interval - sameFootInterval;
            return difference * _sameFootTolerance <= longer;
        }

        /// <summary>
        /// Two parts of a step interval are its halves when they differ by at most 1/2^<see cref="TurnStepHalvesShift"/> of
        /// the longer.
        /// </summary>
        private static bool HalvesOf(int first, int second)
        {
            int longer = first > second ? first : second;
            int difference = first > second ? first - second : second - first;
            return difference <= longer >> TurnStepHalvesShift;
        }

        private static bool Regular(int previous, int interval)
        {
            int longer = previous > interval ? previous : interval;
            int difference = previous > interval ? previous - interval : interval - previous;
            return difference <= longer >> RegularityShift;
        }

        /// <summary>
        /// Walking is confirmed by <see cref="ConfirmSteps"/> pending steps: the bout starts at the first of them that
        /// is not a weak starting step, and they are counted (the weak ones among them held back like any other).
        /// </summary>
        private void StartBout()
        {
            int sum = 0;
            int yawSum = 0;
            int yawCount = 0;
            for (int k = 0; k < ConfirmSteps; k++)
            {
                sum += _pendingPeak[k];
                int yaw = _pendingYaw[k];
                if (yaw != UnmeasuredYaw)
                {
                    yawSum += yaw;
                    yawCount++;
                }
            }

            int mean = sum / ConfirmSteps;
            int first = 0;
            int startingLimit = mean >> StartingStepShift;
            while (first < ConfirmSteps - 1 && _pendingPeak[first] < startingLimit)
            {
                first++;
            }

            // A leading candidate followed by a pause far longer than the walking rhythm after it (standing up, a
            // weight shift before walking) is not the walk's first step.
            if (first < ConfirmSteps - 3)
            {
                int rhythm = (_pendingSample[ConfirmSteps - 1] - _pendingSample[first + 1]) / (ConfirmSteps - first - 2 + DoublesAfter(first + 1));
                if ((_pendingSample[first + 1] - _pendingSample[first]) << 1 > rhythm * HesitationRatioNumerator)
                {
                    first++;
                }
            }

            Walking = true;
            _boutRecorded = false;
            _boutSteps = 0;
            _heldCount = 0;
            _meanPeak = mean;
            _meanYaw = yawCount == 0 ? 0 : yawSum / yawCount;
            _lastCountedTimeUs = _pendingTimeUs[first];
            _intervalCount = 0;
            _intervalIndex = 0;
            for (int k = first; k < ConfirmSteps; k++)
            {
                if (k > first)
                {
                    int unit = PendingUnit(k);
                    if ((_pendingDoubles & (1 << k)) != 0)
                    {
                        AddInterval(unit);
                    }

                    AddInterval(unit);
                }

                AcceptStep(_pendingTimeUs[k], _pendingPeak[k], _pendingYaw[k], false);
            }

            _lastStepSample = _pendingSample[ConfirmSteps - 1];
            _rivalSample = _lastStepSample;
            Deadline = _lastStepSample + MaxGapSamples + DetectionLatencySamples;
            _pendingCount = 0;
            _pendingDoubles = 0;
        }

        /// <summary>Pending intervals after candidate <paramref name="k"/> that span two steps (0 or 1).</summary>
        private int DoublesAfter(int k)
        {
            return (_pendingDoubles >> (k + 1)) != 0 ? 1 : 0;
        }

        /// <summary>
        /// A step of the bout (its yaw since contact feeds the bout's mean unless <see cref="UnmeasuredYaw"/>): held back if it is weak and fewer than <see cref="MaxStoppingSteps"/> weak steps are
        /// held; otherwise counted, after the held ones.
        /// </summary>
        private void AcceptStep(long timeUs, int peakCounts, int yaw, bool afterHesitation)
        {
            int mean = _meanPeak;
            _meanPeak = mean + ((peakCounts - mean) >> MeanPeakShift);
            if (yaw != UnmeasuredYaw)
            {
                _meanYaw += (yaw - _meanYaw) >> MeanPeakShift;
            }
            bool weak = peakCounts < (mean >> StoppingStepShift);
            if ((afterHesitation || weak) && _heldCount < MaxStoppingSteps)
            {
                if (afterHesitation)
                {
                    // On probation: the step that shows walking goes on is judged against the walk's own steps, not a
                    // mean this step, perhaps a stop's, has lowered.
                    _meanPeak = mean;
                }

                int k = _heldCount;
                _heldTimeUs[k] = timeUs;
                _heldStrong = weak ? _heldStrong & ~(1 << k) : _heldStrong | (1 << k);
                _heldCount = k + 1;
                return;
            }

            for (int k = 0; k < _heldCount; k++)
            {
                CountStep(_heldTimeUs[k]);
            }

            _heldCount = 0;
            CountStep(timeUs);
        }

        /// <summary>
        /// Counts the held steps that were held only because a pause came before them (as strong as the bout's steps,
        /// <see cref="HesitationRatioNumerator"/>), in order; used when an impact shows that the walk ended by sitting down.
        /// </summary>
        private void CountStrongHeldSteps()
        {
            int held = _heldCount;
            _heldCount = 0;
            for (int k = 0; k < held; k++)
            {
                if ((_heldStrong & (1 << k)) != 0)
                {
                    CountStep(_heldTimeUs[k]);
                }
            }
        }

        /// <summary>
        /// Ends the bout at its last counted step (at its start if none was counted); held-back stopping steps are
        /// dropped.
        /// </summary>
        private void EndBout()
        {
            if (_boutRecorded)
            {
                _events.Add(BandEventKind.BoutEnd, _lastCountedTimeUs, _boutSteps);
            }

            Walking = false;
            _boutRecorded = false;
            _boutSteps = 0;
            _heldCount = 0;
            CadenceCenti = 0;
            _pendingCount = 0;
            _pendingDoubles = 0;
        }

        /// <summary>
        /// Counts a step of the bout. Until the bout holds <see cref="ConfirmSteps"/> counted steps (the Mobilise-D
        /// bout's least, two strides of each foot) its steps are kept, not reported: a run that ends shorter is no
        /// walking bout and leaves no event (see <see cref="RecordBout"/>).
        /// </summary>
        private void CountStep(long timeUs)
        {
            int n = _boutSteps + 1;
            _boutSteps = n;
            _lastCountedTimeUs = timeUs;
            if (_boutRecorded)
            {
                _totalSteps++;
                _events.Add(BandEventKind.Step, timeUs, n);
                return;
            }

            // While walking the pending candidates' times are not in use (they are read only while confirming, and
            // StartBout reads each before it can be overwritten here: the k-th counted step is at most the k-th
            // pending one), so the bout's first counted steps wait there.
            _pendingTimeUs[n - 1] = timeUs;
            if (n == ConfirmSteps)
            {
                RecordBout();
            }
        }

        /// <summary>
        /// The bout reaches <see cref="ConfirmSteps"/> counted steps: it is a walking bout by the Mobilise-D definition
        /// (at least 4 strides, Kluge et al. 2021), so its start and the steps kept so far are reported, each with its
        /// own contact time. Most bouts get there at confirmation; one whose confirming run began with a weak or
        /// hesitant step that is not counted (a weight shift, rising from a seat), or whose last confirming steps are
        /// held as weak, waits for the steps that follow, and a few steps to a chair that stop first are no bout.
        /// </summary>
        private void RecordBout()
        {
            _boutRecorded = true;
            _bouts++;
            _events.Add(BandEventKind.BoutStart, _pendingTimeUs[0], 0);
            for (int k = 0; k < ConfirmSteps; k++)
            {
                _totalSteps++;
                _events.Add(BandEventKind.Step, _pendingTimeUs[k], k + 1);
            }
        }

        private void AddInterval(int interval)
        {
            _intervals[_intervalIndex] = interval;
            _intervalIndex = (_intervalIndex + 1) % CadenceIntervals;
            if (_intervalCount < CadenceIntervals)
            {
                _intervalCount++;
            }

            int sum = 0;
            for (int k = 0; k < _intervalCount; k++)
            {
                sum += _intervals[k];
            }

            CadenceCenti = (CentiStepsPerMinuteSamples * _intervalCount) / sum;
            _meanInterval = sum / _intervalCount;
        }
    }
}
