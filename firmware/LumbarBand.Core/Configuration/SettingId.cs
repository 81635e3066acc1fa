namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// The band's settings, each with a stable wire id (stored in flash and carried over BLE by
    /// <see cref="SettingsCodec"/>): never renumber or reuse an id; add new settings at the end. Defaults, units and
    /// allowed ranges are the rows of <see cref="SettingCatalog"/>; each member says why its default is what it is.
    /// </summary>
    /// <remarks>
    /// Angles are centidegrees (100 = 1°) relative to the neutral posture the band captured while the wearer stood
    /// still; times are milliseconds or seconds as the name says. Sources cited below:
    /// <list type="bullet">
    /// <item>Punnett et al. 1991, Scand J Work Environ Health 17:337–346 (Keyserling's posture categories: mild
    /// trunk flexion 20–45°, severe &gt; 45°, lateral bend or twist &gt; 20°; odds ratios for back disorders 4.9, 5.7
    /// and 5.9).</item>
    /// <item>ISO 11226:2000, Evaluation of static working postures (trunk inclination below 20° acceptable, 20–60°
    /// only for limited holding times, about 4 min at 20°; a posture held more than 4 s counts as static).</item>
    /// <item>Ribeiro et al. 2014, J Orthop Sports Phys Ther 44:702–711, and Ribeiro et al. 2020 (ELF trial), Occup
    /// Environ Med 77:462–469: lumbo-pelvic monitors that sound whenever a flexion threshold is exceeded; in the large
    /// trial such feedback did not change how often workers exceeded it, hence cues here are kept for sustained
    /// excess, are rationed, and a tracking mode measures before training.</item>
    /// <item>Winstein &amp; Schmidt 1990, J Exp Psychol Learn Mem Cogn 16:677–691 (guidance hypothesis: feedback on
    /// fewer occasions leads to better retention than feedback every time).</item>
    /// <item>Moe-Nilssen 1998, Arch Phys Med Rehabil 79:1377–1385, and Moe-Nilssen &amp; Helbostad 2004, J Biomech
    /// 37:121–126 / 2005, Gait Posture 21:164–170 (trunk motion in walking is reliable within a person but differs
    /// widely between people, and its stride-to-stride variability separates fit from frail walkers).</item>
    /// <item>The project's reference walks (../shared/data/lowerback-walks, see the simulator's GaitWaveforms):
    /// per-stride ranges at L5 of 2–4° roll (mediolateral tilt), 3–6° pitch (anteroposterior tilt) and 8–11° yaw
    /// (transverse rotation) at comfortable speed.</item>
    /// </list>
    /// </remarks>
    public enum SettingId : byte
    {
        /// <summary>Not a setting (id 0 is reserved on the wire).</summary>
        None = 0,

        /// <summary>
        /// <see cref="Cueing.CueMode"/>: 0 tracking (cues recorded, motor never driven), 1 training (cues vibrate).
        /// Default 1, training: cueing is the band's purpose; a therapist who wants a baseline week switches to
        /// tracking, as the feedback trials above measured behaviour before feedback.
        /// </summary>
        CueMode = 1,

        /// <summary>
        /// 1: the posture rules judge only while walking; 0: always. Default 1: the band cues gait (DESIGN.md), and
        /// sitting or bending to a task is not the motion it trains (ISO 11226 judges those by holding time and
        /// support, which the band cannot see).
        /// </summary>
        WalkingOnly = 2,

        /// <summary>1 enables rule 1, sustained flexion. Default 1.</summary>
        FlexionRuleEnabled = 3,

        /// <summary>
        /// Flexion beyond neutral that counts as excessive, centidegrees. Default 2000 (20°), range 500–6000 (5–60°):
        /// 20° is where mild flexion begins in Keyserling's categories (Punnett et al. 1991) and where ISO 11226 stops
        /// calling trunk inclination acceptable without a time limit; normal walking leans the lower back only 5–10°
        /// forward of standing (reference walks), so 20° is not reached by walking upright. 60° is ISO 11226's
        /// not-acceptable limit, above which a cue would come too late.
        /// </summary>
        FlexionThresholdCentidegrees = 4,

        /// <summary>
        /// Hysteresis of the flexion rule, centidegrees: once beyond the threshold, the condition clears only below
        /// threshold minus this. Default 500 (5°), range 0–2000, less than the threshold: larger than the ±2–3° the
        /// trunk pitches within each stride (reference walks), so a held posture near the threshold does not flicker.
        /// </summary>
        FlexionHysteresisCentidegrees = 5,

        /// <summary>
        /// How long flexion must stay beyond the threshold before it is sustained, milliseconds. Default 5000 (5 s),
        /// range 1000–120000: ISO 11226 counts a posture held more than 4 s as static; 5 s passes over a glance down
        /// or a stoop round an obstacle, and leaves room to cue within 10 s of the onset.
        /// </summary>
        FlexionDwellMs = 6,

        /// <summary>1 enables rule 2, sustained lateral lean. Default 1.</summary>
        LateralRuleEnabled = 7,

        /// <summary>
        /// Lateral bend (either side) beyond neutral that counts as excessive, centidegrees. Default 1000 (10°),
        /// range 300–4500: half of the 20° lateral-bend criterion of Keyserling's categories (Punnett et al. 1991),
        /// because a lean held while walking lasts minutes, not a task's seconds; still 2.5–5 times the ±2° the lower
        /// back rolls within a stride (reference walks), so upright walking does not reach it.
        /// </summary>
        LateralThresholdCentidegrees = 8,

        /// <summary>
        /// Hysteresis of the lateral rule, centidegrees. Default 300 (3°), range 0–1500, less than the threshold:
        /// above the per-stride roll of ±1–2°.
        /// </summary>
        LateralHysteresisCentidegrees = 9,

        /// <summary>Dwell of the lateral rule, milliseconds. Default 5000, range 1000–120000 (as the flexion dwell).</summary>
        LateralDwellMs = 10,

        /// <summary>1 enables rule 3, excessive sway while walking. Default 1.</summary>
        SwayRuleEnabled = 11,

        /// <summary>
        /// <see cref="Cueing.SwayLimitMode"/>: 0 relative to the wearer's own baseline, learned at the start of each
        /// walk; 1 absolute limits set by a therapist. Default 0: trunk motion in walking is reliable within a person
        /// but differs widely between people (Moe-Nilssen 1998), so a population limit would either nag some wearers
        /// or never notice others.
        /// </summary>
        SwayLimitMode = 12,

        /// <summary>
        /// Which per-stride ranges the sway rule judges, <see cref="Cueing.SwayAxes"/> bits: 1 mediolateral tilt,
        /// 2 anteroposterior tilt, 4 transverse rotation. Default 7 (all), range 1–7: excess in any plane is the
        /// lumbar motion the band is for.
        /// </summary>
        SwayAxes = 13,

        /// <summary>
        /// Relative limit, percent of the baseline range per axis. Default 150, range 110–400: single strides of the
        /// reference walks vary by some 10–20% around their mean (roll 2–4°, yaw 8–11°), so a stride at 150% is
        /// several standard deviations out and a majority of such strides is a real change, while twice the
        /// baseline is clearly caught.
        /// </summary>
        SwayRelativeLimitPercent = 14,

        /// <summary>
        /// Relative mode: the limit is at least the baseline plus this, centidegrees. Default 200 (2°), range 0–2000:
        /// keeps a small baseline (an AP range of 3°) from making a fraction of a degree count as excess.
        /// </summary>
        SwayMinimumExcessCentidegrees = 15,

        /// <summary>
        /// Absolute mode: limit of the per-stride mediolateral tilt range, centidegrees. Default 800 (8°), range
        /// 100–9000: about twice the 2–4° of the reference walks.
        /// </summary>
        SwayMediolateralLimitCentidegrees = 16,

        /// <summary>
        /// Absolute mode: limit of the per-stride anteroposterior tilt range, centidegrees. Default 1000 (10°), range
        /// 100–9000: about twice the 3–6° of the reference walks.
        /// </summary>
        SwayAnteroposteriorLimitCentidegrees = 17,

        /// <summary>
        /// Absolute mode: limit of the per-stride transverse rotation range, centidegrees. Default 2000 (20°), range
        /// 100–9000: about twice the 8–11° of the reference walks.
        /// </summary>
        SwayRotationLimitCentidegrees = 18,

        /// <summary>
        /// M: strides over the limit, among the last N, that make sway excessive. Default 6, range 1–30, at most N:
        /// a majority, so a turn, a kerb or a stumble (one or two strides) never cues.
        /// </summary>
        SwayStridesOverLimit = 19,

        /// <summary>
        /// N: the stride window. Default 10 strides (about 11 s at 105 steps/min), range 1–30: short enough to cue
        /// within seconds of a change, long enough for a majority vote.
        /// </summary>
        SwayStrideWindow = 20,

        /// <summary>
        /// Hysteresis of the sway rule, percent of the limit: excessive sway clears only when fewer than M of the last
        /// N strides are above (100 − this)% of the limit. Default 20, range 0–50.
        /// </summary>
        SwayHysteresisPercent = 21,

        /// <summary>
        /// Strides averaged into the baseline at the start of each walk. Default 60 (about 70 s at 105 steps/min),
        /// range 10–250: means of gait measures settle within a few dozen steps (Galna et al. 2013, Gait Posture
        /// 37:580–585), and the first minute or two of a walk is before the pain that grows with walking time.
        /// </summary>
        SwayBaselineStrides = 22,

        /// <summary>
        /// Strides skipped at the start of each walk before the baseline: gait initiation (steady state within the
        /// first steps, Brenière &amp; Do 1986, J Biomech 19:1035–1040). Default 5, range 0–50.
        /// </summary>
        SwayBaselineSkipStrides = 23,

        /// <summary>
        /// Least time between two cues of any rule, milliseconds. Default 30000 (30 s), range 5000–600000: feedback
        /// that comes less often teaches better than feedback every time (Winstein &amp; Schmidt 1990), and a wearer
        /// needs some seconds to correct before being told again.
        /// </summary>
        CooldownMs = 24,

        /// <summary>
        /// Most cues in any 10 minutes. Default 6, range 1–20 (the rate limiter's capacity): with the cooldown at most
        /// 20 would fit; 6 keeps a bad stretch from turning into nagging, the reason peers are abandoned.
        /// </summary>
        MaxCuesPerTenMinutes = 25,

        /// <summary>
        /// Escalation: when the condition persists this long after the rule's last cue, it cues again one pattern
        /// level stronger (up to <see cref="EscalationMaxLevel"/>). Milliseconds; default 30000, range 5000–600000.
        /// </summary>
        RepeatAfterMs = 26,

        /// <summary>
        /// Pattern level of a first cue (<see cref="Cueing.HapticPatterns"/>: 1 gentle, 2 firm, 3 strong). Default 1,
        /// range 1–3; a wearer who does not feel the gentle pattern while walking starts higher.
        /// </summary>
        CueStartLevel = 27,

        /// <summary>
        /// Strongest pattern level escalation reaches. Default 3, range 1–3, at least the start level (equal: no
        /// escalation).
        /// </summary>
        EscalationMaxLevel = 28,

        /// <summary>
        /// Quiet time after a button press, milliseconds. Default 600000 (10 min, the cap's window), range
        /// 60000–3600000.
        /// </summary>
        SnoozeMs = 29,

        /// <summary>
        /// Seconds without walking after which a walk (session) ends: the next walking starts a new one, with a new
        /// sway baseline. Default 300 (5 min), range 30–3600: a rest on a park bench belongs to the same walk.
        /// </summary>
        SessionEndIdleSeconds = 30,

        /// <summary>
        /// Length of a session summary epoch, seconds. Default 60, range 10–3600: the usual epoch of physical-activity
        /// monitoring, fine enough to show when in a walk things changed.
        /// </summary>
        EpochSeconds = 31,

        /// <summary>
        /// With <see cref="WalkingOnly"/>: after walking starts, the posture rules wait this long before judging,
        /// milliseconds. Default 5000 (about nine steps), range 0–60000: rising from a chair, the trunk is still
        /// flexed over the first steps (steady gait within the first steps, Brenière &amp; Do 1986), and in the real
        /// daily-living walk HA002 Test11 standing up and setting off read as 30–70° of flexion for five seconds;
        /// a cue for getting up is nagging.
        /// </summary>
        PostureSettleMs = 32,

        /// <summary>
        /// 1: the walking plan (<see cref="Pacing.WalkingPacer"/>) paces walks: a "time to rest" pattern after
        /// <see cref="PlanWalkSeconds"/> of walking, a rest of <see cref="PlanRestSeconds"/>, for
        /// <see cref="PlanStretches"/> stretches. Default 0, no plan: pacing is a therapist's decision for one wearer
        /// (time-contingent graded activity, Lindström et al. 1992, Phys Ther 72:279–290; Macedo et al. 2010, Phys
        /// Ther 90:860–879), never a default.
        /// </summary>
        PlanActive = 33,

        /// <summary>
        /// Walking time of one stretch of the plan, seconds of confirmed walking (short stops do not count and do not
        /// restart it). Default 300 (5 min), range 30–7200: graded activity sets the first quota below the time the
        /// wearer tolerates, then raises it in small steps (Fordyce 1976; Lindström et al. 1992); a few minutes is
        /// where walking-related back pain usually stops a walk. Seconds rather than minutes so a +10% step of a short
        /// stretch is not rounded away.
        /// </summary>
        PlanWalkSeconds = 34,

        /// <summary>
        /// Rest between stretches, seconds without walking (the park bench). Default 120, range 10–1800, and less
        /// than <see cref="SessionEndIdleSeconds"/> while the plan is active, so a rest never ends the walk. A stop as
        /// long as this inside a stretch is taken as its rest: the stretch ends there, short of the plan.
        /// </summary>
        PlanRestSeconds = 35,

        /// <summary>Stretches in one walk. Default 3, range 1–20: after the last, the band stays silent until the walk ends.</summary>
        PlanStretches = 36,

        /// <summary>1: a "ready to go" pattern when a rest between stretches is over. Default 1 (the wearer need not watch a clock).</summary>
        PlanReadyCue = 37,

        /// <summary>
        /// The wearer's height, centimetres. Default 170, range 100–230. The band's step length comes from the
        /// inverted pendulum of Zijlstra &amp; Hof 2003, whose pendulum length is the leg (greater trochanter height),
        /// taken as a fixed fraction of body height (the step length estimator,
        /// Winter 2009); step length and walking speed scale with the square root of it, so 10 cm off changes them
        /// by about 3%. 170 cm is close to the adult mean of both sexes in Europe and North America (NCD-RisC 2016,
        /// eLife 5:e13410: about 164 cm women, 177 cm men); 100–230 cm covers every adult and older child who walks
        /// with the band, and a value outside it is a typing error (metres or inches), rejected with its range.
        /// </summary>
        WearerHeightCm = 38,
    }
}
