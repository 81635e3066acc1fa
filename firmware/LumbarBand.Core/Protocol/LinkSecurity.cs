namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// What the BLE link to the current central is protected by, as the GATT adapter learns it from the stack. Data,
    /// configuration and control require both flags (<see cref="Trusted"/>).
    /// </summary>
    [System.Flags]
    public enum LinkSecurity : byte
    {
        /// <summary>A plain link: no encryption, no bond.</summary>
        None = 0,

        /// <summary>The link is encrypted (pairing completed, or a bond's keys were used on this connection).</summary>
        Encrypted = 1,

        /// <summary>The peer holds a bond that the band accepted (made inside a pairing window).</summary>
        Bonded = 2,

        /// <summary>Encrypted and bonded: what every request except <see cref="Opcode.GetDeviceInfo"/> needs.</summary>
        Trusted = Encrypted | Bonded,
    }
}
