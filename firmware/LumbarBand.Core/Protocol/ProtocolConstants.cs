namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The numbers of the band's BLE protocol (docs/protocol.md): version, payload sizes, frame headers, limits and
    /// timing. Every field on the wire is little-endian.
    /// </summary>
    public static class ProtocolConstants
    {
        /// <summary>
        /// Major protocol version. A peer that sees a higher major than its own stops after reading the device info
        /// (whose layout never changes) and tells its user to update.
        /// </summary>
        public const byte VersionMajor = 1;

        /// <summary>
        /// Minor protocol version: backward-compatible additions only (new opcodes, new error codes, new fields
        /// appended to responses and to the status message). Clients ignore trailing bytes they do not know.
        /// </summary>
        public const byte VersionMinor = 1;

        /// <summary>The ATT MTU every BLE link starts with (Bluetooth Core spec, ATT_MTU default for LE).</summary>
        public const int DefaultAttMtu = 23;

        /// <summary>Bytes of an ATT notification or write PDU before its value: opcode (1) and attribute handle (2).</summary>
        public const int AttHeaderBytes = 3;

        /// <summary>Largest value of one write or notification at the default MTU (20 bytes): every message fits it.</summary>
        public const int DefaultPayloadBytes = DefaultAttMtu - AttHeaderBytes;

        /// <summary>
        /// Largest ATT MTU the band uses (247: a 251-byte LE data-length-extension packet minus the L2CAP header).
        /// Larger negotiated MTUs are treated as this one.
        /// </summary>
        public const int MaxAttMtu = 247;

        /// <summary>Largest payload the band ever sends or expects (244 bytes): the size of the adapter's buffers.</summary>
        public const int MaxPayloadBytes = MaxAttMtu - AttHeaderBytes;

        /// <summary>Offset of the opcode in a request and in its response.</summary>
        public const int OpcodeOffset = 0;

        /// <summary>Offset of the request id in a request and in its response.</summary>
        public const int RequestIdOffset = 1;

        /// <summary>Bytes of a request before its parameters: opcode and request id.</summary>
        public const int RequestHeaderBytes = 2;

        /// <summary>Offset of the status (an <see cref="ErrorCode"/>) in a response.</summary>
        public const int StatusOffset = 2;

        /// <summary>Bytes of a response before its payload: opcode, request id, status.</summary>
        public const int ResponseHeaderBytes = 3;

        /// <summary>Offset of the detail byte of an error response.</summary>
        public const int ErrorDetailOffset = 3;

        /// <summary>Bytes of an error response: the response header and one detail byte.</summary>
        public const int ErrorResponseBytes = 4;

        /// <summary>Offset of the sequence number in a data chunk.</summary>
        public const int ChunkSequenceOffset = 0;

        /// <summary>Bytes of a data chunk before its session bytes: the 16-bit sequence number.</summary>
        public const int ChunkHeaderBytes = 2;

        /// <summary>
        /// Key that <see cref="Opcode.EraseSessions"/> must carry ("ERAS" in ASCII, little-endian), so that no stray
        /// or corrupted write can erase the wearer's walks.
        /// </summary>
        public const uint EraseConfirmKey = 0x53415245;

        /// <summary>Key that <see cref="Opcode.FactoryReset"/> must carry ("RSET" in ASCII, little-endian).</summary>
        public const uint FactoryResetConfirmKey = 0x54455352;

        /// <summary>
        /// Earliest time <see cref="Opcode.SetTime"/> accepts: 2024-01-01T00:00:00Z in seconds since 1970. A smaller
        /// value is a host without a clock, and would date every session wrongly.
        /// </summary>
        public const uint EarliestUtcSeconds = 1704067200;

        /// <summary>How often the band notifies the status characteristic while a client is subscribed, in ms.</summary>
        public const int StatusIntervalMs = 3000;

        /// <summary>
        /// How long a pairing window stays open after the long button press, in ms: time to pick the band in a
        /// phone's or PC's Bluetooth dialog.
        /// </summary>
        public const int PairingWindowMs = 60000;

        /// <summary>The BLE stack's deadline for answering a read or write request, in ms (nanoFramework on ESP32).</summary>
        public const int StackResponseDeadlineMs = 2000;

        /// <summary>The maximum payload for an ATT MTU, clamped to [<see cref="DefaultPayloadBytes"/>, <see cref="MaxPayloadBytes"/>].</summary>
        public static int PayloadForMtu(int attMtu)
        {
            int payload = attMtu - AttHeaderBytes;
            if (payload < DefaultPayloadBytes)
            {
                return DefaultPayloadBytes;
            }

            return payload > MaxPayloadBytes ? MaxPayloadBytes : payload;
        }
    }
}
