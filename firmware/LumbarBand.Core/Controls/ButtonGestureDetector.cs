namespace LumbarBand.Core.Controls
{
    /// <summary>
    /// Turns one button into four gestures: press, long press, double press, triple press. It takes either the raw level of a GPIO
    /// button, polled every few tens of milliseconds (<see cref="Update"/>, debounced here), or the finished clicks of
    /// a button that classifies presses itself, such as the AXP192 power key on M5Stack boards
    /// (<see cref="OnShortClick"/>, <see cref="OnLongClick"/>). Times are milliseconds on any monotonic clock. Plain
    /// integer state, nothing allocated, so it runs the same on the device and in host tests.
    /// </summary>
    /// <remarks>
    /// A short press is held back for <see cref="DoublePressWindowMs"/> after its release, to see whether a second one
    /// follows; the caller must therefore keep calling <see cref="Update"/> (or <see cref="Poll"/>) while idle, and
    /// the <see cref="ButtonGesture.Press"/> comes out of that call.
    /// </remarks>
    public sealed class ButtonGestureDetector
    {
        /// <summary>Default debounce: a level must hold this long to count.</summary>
        public const int DefaultDebounceMs = 30;

        /// <summary>Default long press: held at least this long.</summary>
        public const int DefaultLongPressMs = 1500;

        /// <summary>Short presses that make the pairing gesture (<see cref="ButtonGesture.TriplePress"/>).</summary>
        public const int TriplePressClicks = 3;

        /// <summary>Default double-press window: second press released within this long after the first release.</summary>
        public const int DefaultDoublePressWindowMs = 400;

        private readonly int _debounceMs;
        private readonly int _longPressMs;
        private readonly int _doubleWindowMs;

        private bool _rawLevel;
        private long _rawSinceMs;
        private bool _pressed;
        private long _pressedSinceMs;
        private bool _longReported;
        private bool _clickPending;
        private int _clicks;
        private long _clickReleasedMs;
        private bool _started;

        /// <summary>Creates a detector with the default timings.</summary>
        public ButtonGestureDetector()
            : this(DefaultDebounceMs, DefaultLongPressMs, DefaultDoublePressWindowMs)
        {
        }

        /// <summary>Creates a detector with the given timings in milliseconds.</summary>
        public ButtonGestureDetector(int debounceMs, int longPressMs, int doublePressWindowMs)
        {
            _debounceMs = debounceMs < 0 ? 0 : debounceMs;
            _longPressMs = longPressMs;
            _doubleWindowMs = doublePressWindowMs;
        }

        /// <summary>Debounce time in ms.</summary>
        public int DebounceMs { get { return _debounceMs; } }

        /// <summary>Long-press time in ms.</summary>
        public int LongPressMs { get { return _longPressMs; } }

        /// <summary>Double-press window in ms.</summary>
        public int DoublePressWindowMs { get { return _doubleWindowMs; } }

        /// <summary>The debounced button state.</summary>
        public bool IsPressed { get { return _pressed; } }

        /// <summary>
        /// Feeds the raw level of the button at <paramref name="nowMs"/> (<paramref name="pressed"/> true while held)
        /// and returns the gesture completed by it, if any.
        /// </summary>
        public ButtonGesture Update(long nowMs, bool pressed)
        {
            if (!_started)
            {
                _started = true;
                _rawLevel = pressed;
                _rawSinceMs = nowMs;

                // A button already held at start-up (or stuck) must be released before it counts.
                _pressed = pressed;
                _pressedSinceMs = nowMs;
                _longReported = pressed;
                return ButtonGesture.None;
            }

            if (pressed != _rawLevel)
            {
                _rawLevel = pressed;
                _rawSinceMs = nowMs;
            }

            if (_rawLevel != _pressed && nowMs - _rawSinceMs >= _debounceMs)
            {
                _pressed = _rawLevel;
                if (_pressed)
                {
                    _pressedSinceMs = _rawSinceMs;
                    _longReported = false;
                }
                else if (!_longReported)
                {
                    return OnShortClick(_rawSinceMs);
                }
                else
                {
                    _longReported = false;
                }
            }

            if (_pressed && !_longReported && nowMs - _pressedSinceMs >= _longPressMs)
            {
                _longReported = true;
                _clickPending = false;
                _clicks = 0;
                return ButtonGesture.LongPress;
            }

            return Poll(nowMs);
        }

        /// <summary>
        /// A short press released at <paramref name="releasedMs"/> (from a button that classifies presses itself):
        /// the third in a row (each within the double-press window of the one before) completes a triple press;
        /// otherwise it is counted and stays pending (<see cref="Poll"/> reports a press or double press).
        /// </summary>
        public ButtonGesture OnShortClick(long releasedMs)
        {
            if (_clickPending && releasedMs - _clickReleasedMs <= _doubleWindowMs)
            {
                _clicks++;
                _clickReleasedMs = releasedMs;
                if (_clicks >= TriplePressClicks)
                {
                    _clickPending = false;
                    _clicks = 0;
                    return ButtonGesture.TriplePress;
                }

                return ButtonGesture.None;
            }

            _clickPending = true;
            _clicks = 1;
            _clickReleasedMs = releasedMs;
            return ButtonGesture.None;
        }

        /// <summary>A long press reported by a button that classifies presses itself; drops any pending short press.</summary>
        public ButtonGesture OnLongClick(long nowMs)
        {
            _clickPending = false;
            _clicks = 0;
            _clickReleasedMs = nowMs;
            return ButtonGesture.LongPress;
        }

        /// <summary>
        /// Reports pending short presses once the double-press window after the last has passed: one as
        /// <see cref="ButtonGesture.Press"/>, two as <see cref="ButtonGesture.DoublePress"/>.
        /// </summary>
        public ButtonGesture Poll(long nowMs)
        {
            if (_clickPending && nowMs - _clickReleasedMs > _doubleWindowMs)
            {
                _clickPending = false;
                int clicks = _clicks;
                _clicks = 0;
                return clicks >= 2 ? ButtonGesture.DoublePress : ButtonGesture.Press;
            }

            return ButtonGesture.None;
        }
    }
}
