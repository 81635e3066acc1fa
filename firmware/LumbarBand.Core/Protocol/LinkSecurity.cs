namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// What the BLE link to the current central is protected by (<see cref="LinkTrust.Security"/>). Data,
    /// configuration and control require both flags (<see cref="Trusted"/>).
    /// </summary>
    [System.Flags]
    public enum LinkSecurity : byte
    {
        /// <summary>A plain link: no encryption, no bond.</summary>
        None = 0,

        /// <summary>The link is encrypted (pairing completed, or a bond's keys were used on this connection).</summary>
        Encrypted = 1,

        /// <summary>
        /// The host proved on this link the key it received when it enrolled inside a pairing window (or enrolled on
        /// this link); never inferred from the Bluetooth bond list (<see cref="LinkTrust"/>).
        /// </summary>
        Proven = 2,

        /// <summary>Encrypted and proven: what every request except the link requests and <see cref="Opcode.GetDeviceInfo"/> needs.</summary>
        Trusted = Encrypted | Proven,
    }
}
