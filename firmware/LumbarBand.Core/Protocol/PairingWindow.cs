namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// Decides whether a host may enroll (<see cref="LinkTrust"/>): only on a link encrypted while the window that the
    /// dedicated gesture (three quick presses, <c>ButtonGesture.TriplePress</c>) opened is open, and only one host per
    /// opening. Times are the device's monotonic milliseconds (e.g. <c>Environment.TickCount64</c>), passed
    /// in, so the decision is deterministic and testable.
    /// </summary>
    /// <remarks>
    /// The GATT adapter sets the stack's <c>Pairing.AllowBonding</c> to <see cref="IsOpen"/> when the window opens
    /// and closes; a bond made outside it is deleted. Trust itself never follows from a bond.
    /// </remarks>
    public sealed class PairingWindow
    {
        private readonly int _durationMs;
        private long _closesAtMs;
        private bool _open;

        /// <summary>Creates a closed window that stays open <see cref="ProtocolConstants.PairingWindowMs"/> once opened.</summary>
        public PairingWindow()
            : this(ProtocolConstants.PairingWindowMs)
        {
        }

        /// <summary>Creates a closed window that stays open <paramref name="durationMs"/> once opened.</summary>
        public PairingWindow(int durationMs)
        {
            if (durationMs <= 0)
            {
                throw new System.ArgumentException("must be positive", nameof(durationMs));
            }

            _durationMs = durationMs;
        }

        /// <summary>How long the window stays open, in ms.</summary>
        public int DurationMs { get { return _durationMs; } }

        /// <summary>Opens (or reopens) the window at <paramref name="nowMs"/>: the pairing gesture.</summary>
        public void Open(long nowMs)
        {
            _open = true;
            _closesAtMs = nowMs + _durationMs;
        }

        /// <summary>Closes the window.</summary>
        public void Close()
        {
            _open = false;
        }

        /// <summary>True while new bonds are accepted.</summary>
        public bool IsOpen(long nowMs)
        {
            return _open && nowMs < _closesAtMs;
        }

        /// <summary>Milliseconds until the window closes (0 when closed).</summary>
        public long RemainingMs(long nowMs)
        {
            return IsOpen(nowMs) ? _closesAtMs - nowMs : 0;
        }
    }
}
