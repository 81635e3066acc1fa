using System;

namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// Encodes records into, and decodes them from, byte buffers (layout in <see cref="RecordFormat"/>). Decoding
    /// never throws on bad bytes: it says what is wrong through <see cref="DecodeResult"/>.
    /// </summary>
    public static class RecordCodec
    {
        /// <summary>
        /// Writes a record into <paramref name="destination"/> at <paramref name="destinationIndex"/> and returns its
        /// length. The caller passes a valid type and payload (control types take exactly four bytes); anything else is
        /// a programming error and throws <see cref="ArgumentException"/>.
        /// </summary>
        public static int Encode(byte type, uint sequence, byte[] payload, int payloadIndex, int payloadLength, byte[] destination, int destinationIndex)
        {
            if (!RecordTypes.IsValid(type))
            {
                throw new ArgumentException("not a record type of this format version", nameof(type));
            }

            if (payloadLength < 0 || payloadLength > RecordFormat.MaxPayloadLength
                || (RecordTypes.IsControl(type) && payloadLength != RecordFormat.ControlPayloadLength))
            {
                throw new ArgumentOutOfRangeException(nameof(payloadLength));
            }

            int length = RecordFormat.EncodedLength(payloadLength);
            if (destination == null || destinationIndex < 0 || destinationIndex + length > destination.Length)
            {
                throw new ArgumentException("the record does not fit", nameof(destination));
            }

            destination[destinationIndex + RecordFormat.TypeOffset] = type;
            destination[destinationIndex + RecordFormat.PayloadLengthOffset] = (byte)payloadLength;
            LittleEndian.WriteUInt32(destination, destinationIndex + RecordFormat.SequenceOffset, sequence);
            if (payloadLength > 0)
            {
                Array.Copy(payload, payloadIndex, destination, destinationIndex + RecordFormat.HeaderLength, payloadLength);
            }

            int checksumIndex = destinationIndex + RecordFormat.HeaderLength + payloadLength;
            LittleEndian.WriteUInt32(destination, checksumIndex, Crc32.Compute(destination, destinationIndex, checksumIndex - destinationIndex));
            return length;
        }

        /// <summary>
        /// Decodes the header of a record from the <paramref name="available"/> bytes at <paramref name="index"/>,
        /// without checking the CRC (the rest of the record need not be there yet). Checks the type, and the payload
        /// length of control records.
        /// </summary>
        public static DecodeResult DecodeHeader(byte[] source, int index, int available, out RecordHeader header)
        {
            CheckRange(source, index, available);
            header = new RecordHeader();
            if (available < RecordFormat.HeaderLength)
            {
                return DecodeResult.Truncated;
            }

            header.Type = source[index + RecordFormat.TypeOffset];
            header.PayloadLength = source[index + RecordFormat.PayloadLengthOffset];
            header.Sequence = LittleEndian.ReadUInt32(source, index + RecordFormat.SequenceOffset);
            if (!RecordTypes.IsValid(header.Type))
            {
                return DecodeResult.InvalidType;
            }

            if (RecordTypes.IsControl(header.Type) && header.PayloadLength != RecordFormat.ControlPayloadLength)
            {
                return DecodeResult.InvalidField;
            }

            return DecodeResult.Ok;
        }

        /// <summary>
        /// Decodes a whole record from the <paramref name="available"/> bytes at <paramref name="index"/> and checks its
        /// CRC. On <see cref="DecodeResult.Ok"/> the payload is at index + <see cref="RecordFormat.HeaderLength"/>.
        /// </summary>
        public static DecodeResult Decode(byte[] source, int index, int available, out RecordHeader header)
        {
            DecodeResult result = DecodeHeader(source, index, available, out header);
            if (result != DecodeResult.Ok)
            {
                return result;
            }

            int covered = RecordFormat.HeaderLength + header.PayloadLength;
            if (available < covered + RecordFormat.ChecksumLength)
            {
                return DecodeResult.Truncated;
            }

            uint stored = LittleEndian.ReadUInt32(source, index + covered);
            return stored == Crc32.Compute(source, index, covered) ? DecodeResult.Ok : DecodeResult.BadChecksum;
        }

        /// <summary>The session id in the payload of a control record decoded at <paramref name="index"/>.</summary>
        public static uint ReadControlSessionId(byte[] source, int index)
        {
            return LittleEndian.ReadUInt32(source, index + RecordFormat.HeaderLength);
        }

        /// <summary>Rejects a window outside the buffer: that is a caller's bug, not bad data.</summary>
        internal static void CheckRange(byte[] source, int index, int available)
        {
            ArgumentNullException.ThrowIfNull(source, nameof(source));
            if (index < 0 || available < 0 || available > source.Length - index)
            {
                throw new ArgumentOutOfRangeException(nameof(available));
            }
        }
    }
}
