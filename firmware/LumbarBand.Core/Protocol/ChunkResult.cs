namespace LumbarBand.Core.Protocol
{
    /// <summary>What <see cref="DownloadReceiver.Accept"/> made of a data notification.</summary>
    public enum ChunkResult : byte
    {
        /// <summary>Stored; more bytes are expected.</summary>
        Accepted = 0,

        /// <summary>Stored; the session is complete and its CRC-32 matches.</summary>
        Complete = 1,

        /// <summary>
        /// A chunk was lost (the sequence number skipped): nothing stored. Send <see cref="Opcode.ReadSession"/> from
        /// <see cref="DownloadReceiver.Received"/> and call <see cref="DownloadReceiver.Begin"/> on its response.
        /// </summary>
        SequenceGap = 2,

        /// <summary>All bytes arrived but their CRC-32 is wrong: download again from offset 0.</summary>
        CrcMismatch = 3,

        /// <summary>Shorter than a chunk header, or more bytes than the session has left: nothing stored.</summary>
        Malformed = 4,

        /// <summary>No download is in progress (e.g. a stale chunk after a gap): ignored.</summary>
        NotReceiving = 5,
    }
}
