namespace LumbarBand.Core.Storage
{
    /// <summary>What a decoder made of some bytes. Decoders report bad input through this, never by throwing.</summary>
    public enum DecodeResult : byte
    {
        /// <summary>A well-formed, checksum-verified record or header.</summary>
        Ok = 0,

        /// <summary>Fewer bytes than the structure (or its length field) needs: a torn tail or the end of data.</summary>
        Truncated = 1,

        /// <summary>A record type byte this format version does not define.</summary>
        InvalidType = 2,

        /// <summary>A field outside its allowed range (e.g. a control record whose payload is not 4 bytes).</summary>
        InvalidField = 3,

        /// <summary>The stored CRC-32 does not match the bytes it covers.</summary>
        BadChecksum = 4,

        /// <summary>A segment header without the log's magic bytes.</summary>
        BadMagic = 5,

        /// <summary>A checksum-verified segment header of another format version.</summary>
        UnsupportedVersion = 6,
    }
}
