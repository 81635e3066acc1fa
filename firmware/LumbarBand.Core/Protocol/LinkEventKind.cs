namespace LumbarBand.Core.Protocol
{
    /// <summary>What the BLE stack reported, as queued for the <see cref="LinkController"/> (<see cref="LinkEventQueue"/>).</summary>
    public enum LinkEventKind
    {
        /// <summary>A central connected.</summary>
        Connected = 1,

        /// <summary>The central disconnected.</summary>
        Disconnected = 2,

        /// <summary>A new ATT MTU; the value is the MTU.</summary>
        MtuChanged = 3,

        /// <summary>Status subscription; the value is 1 (subscribed) or 0.</summary>
        StatusSubscribed = 4,

        /// <summary>Data subscription; the value is 1 (subscribed) or 0.</summary>
        DataSubscribed = 5,

        /// <summary>The link became encrypted (pairing completed, or re-encryption with a bond).</summary>
        Encrypted = 6,

        /// <summary>A control-point write; the bytes are the frame.</summary>
        ControlWrite = 7,
    }
}
