namespace LumbarBand.Core.Session
{
    /// <summary>Why a session began. Values are stable: they are stored in the header.</summary>
    public enum SessionStartReason : byte
    {
        /// <summary>Not known (a header of a later format, or none).</summary>
        Unknown = 0,

        /// <summary>A walking bout began (the session starts at the bout's first step).</summary>
        Walking = 1,

        /// <summary>The button: a pain marker, or an explicit start, outside a session.</summary>
        Button = 2,

        /// <summary>The previous session reached <see cref="SessionRecorder.MaxSessionSeconds"/> while the wearer walked on.</summary>
        Continued = 3,
    }
}
