namespace LumbarBand.Core.Controls
{
    /// <summary>What the wearer did with the band's one button, as <see cref="ButtonGestureDetector"/> reports it.</summary>
    public enum ButtonGesture : byte
    {
        /// <summary>Nothing completed.</summary>
        None = 0,

        /// <summary>One short press, reported once the double-press window has passed without a second one.</summary>
        Press = 1,

        /// <summary>Held for at least the long-press time; reported while still held, so the wearer can feel it.</summary>
        LongPress = 2,

        /// <summary>
        /// Two short presses in quick succession; reported once the double-press window after the second has passed
        /// without a third.
        /// </summary>
        DoublePress = 3,

        /// <summary>
        /// Three short presses in quick succession, reported on the third release: the dedicated gesture that opens
        /// the Bluetooth pairing window (never the long press, which recalibrates).
        /// </summary>
        TriplePress = 4,
    }
}
