namespace LumbarBand.Core.Cueing
{
    /// <summary>
    /// Priorities of what the one motor plays (<see cref="HapticPlayer.Play(HapticPattern, long, int)"/>): a pattern
    /// is never replaced by one of lower priority while it plays.
    /// </summary>
    public static class HapticPriority
    {
        /// <summary>
        /// Button acknowledgements (the firmware plays them on the band's own player, the motor's one owner): below
        /// everything, so an acknowledgement never cuts a cue or a pacing signal short.
        /// </summary>
        public const int Acknowledgement = -1;

        /// <summary>Posture cues of the <see cref="CueEngine"/>: rationed, and a later one is as good as a missed one.</summary>
        public const int PostureCue = 0;

        /// <summary>
        /// The walking plan's "time to rest" and "ready to go" (<see cref="Pacing.WalkingPacer"/>): above posture cues,
        /// because the plan exists to stop the walk short of the pain, and a swallowed rest signal walks the wearer into it.
        /// </summary>
        public const int Pacing = 1;
    }
}
