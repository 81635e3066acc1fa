namespace LumbarBand.Core.Protocol
{
    /// <summary>The first bytes of a response, as <see cref="ResponseParser.ReadHeader"/> found them.</summary>
    public sealed class ResponseHeader
    {
        /// <summary>The opcode of the request answered (<see cref="Opcode.None"/> for an empty frame).</summary>
        public Opcode Opcode;

        /// <summary>The request id echoed (0 when the request was too short to carry one).</summary>
        public byte RequestId;

        /// <summary><see cref="ErrorCode.None"/>, or why the request was refused.</summary>
        public ErrorCode Status;

        /// <summary>The detail byte of an error response (0 for success).</summary>
        public byte Detail;

        /// <summary>Offset of the payload (always <see cref="MessageLayout.PayloadOffset"/>).</summary>
        public int PayloadOffset;

        /// <summary>Bytes after the header (for an error: the detail byte and any extension).</summary>
        public int PayloadLength;

        /// <summary>True for a success response.</summary>
        public bool IsOk { get { return Status == ErrorCode.None; } }
    }
}
