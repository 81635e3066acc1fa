namespace LumbarBand.Core.Configuration
{
    /// <summary>
    /// The binary form of <see cref="BandSettings"/> that flash storage and the BLE protocol carry.
    /// </summary>
    /// <remarks>
    /// <para>Layout: one version byte (<see cref="FormatVersion"/>), then (id, value) pairs to the end. The id is an
    /// unsigned LEB128 varint (one byte for every id below 128); the value is a zigzag LEB128 varint of a 32-bit
    /// integer (one byte for −64..63, two up to ±8191, at most five). All 38 settings at their defaults take
    /// 99 bytes, five 20-byte BLE writes; a message may also carry only the settings it changes.</para>
    /// <para>Forward compatible: ids this firmware does not know are skipped and counted (a newer host's settings
    /// reach an older band without breaking it, and the count lets the protocol say so); new settings take new ids,
    /// so the version changes only if the pair layout itself does. Decoding applies the pairs on top of the current
    /// settings, validates the result as a whole, and either takes all of it or none.</para>
    /// </remarks>
    public static class SettingsCodec
    {
        /// <summary>Version of the pair layout this firmware writes and reads.</summary>
        public const byte FormatVersion = 1;

        /// <summary>A 32-bit value takes at most five 7-bit groups.</summary>
        public const int MaxVarintBytes = 5;

        /// <summary>
        /// Largest encoding a band accepts and the size of the buffers that carry one (storage, BLE upload): 256
        /// bytes. Fixed rather than derived from this firmware's settings so that the protocol does not change with
        /// each new setting and a newer host's message, with ids this band does not know, still fits: the version
        /// byte and 42 settings at the worst case of six bytes each (a one-byte id below 128 and a five-byte value);
        /// real settings take two to four bytes.
        /// </summary>
        public const int MaxEncodedLength = 256;

        /// <summary>Low seven bits of a varint byte carry data.</summary>
        private const int PayloadMask = 0x7F;

        /// <summary>High bit of a varint byte: more bytes follow.</summary>
        private const int ContinuationBit = 0x80;

        /// <summary>The fifth byte of a 32-bit varint may carry only the top four bits.</summary>
        private const int LastByteMaxPayload = 0x0F;

        /// <summary>Encodes every setting into a new array (for storage and hosts; not used per sample).</summary>
        public static byte[] Encode(BandSettings settings)
        {
            byte[] buffer = new byte[EncodedLength(settings)];
            Encode(settings, buffer, 0);
            return buffer;
        }

        /// <summary>Bytes <see cref="Encode(BandSettings, byte[], int)"/> writes for <paramref name="settings"/>.</summary>
        public static int EncodedLength(BandSettings settings)
        {

            int length = 1;
            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                length += VarintLength((uint)id) + VarintLength(ZigZag(settings.Get((SettingId)id)));
            }

            return length;
        }

        /// <summary>
        /// Encodes every setting into <paramref name="buffer"/> at <paramref name="offset"/>; returns the bytes
        /// written. Throws <see cref="System.ArgumentException"/> when the buffer is too small
        /// (<see cref="MaxEncodedLength"/> always suffices).
        /// </summary>
        public static int Encode(BandSettings settings, byte[] buffer, int offset)
        {
            int needed = EncodedLength(settings);
            if (buffer == null || offset < 0 || offset + needed > buffer.Length)
            {
                throw new System.ArgumentException("buffer too small for the settings", nameof(buffer));
            }

            int at = WriteHeader(buffer, offset);
            for (int id = 1; id <= SettingCatalog.Count; id++)
            {
                at = WriteSetting(buffer, at, id, settings.Get((SettingId)id));
            }

            return at - offset;
        }

        /// <summary>Writes the version byte of a message at <paramref name="offset"/>; returns the offset after it.</summary>
        public static int WriteHeader(byte[] buffer, int offset)
        {
            buffer[offset] = FormatVersion;
            return offset + 1;
        }

        /// <summary>
        /// Writes one (id, value) pair at <paramref name="offset"/> (for messages that change a few settings, and for
        /// ids of newer firmware); returns the offset after it.
        /// </summary>
        public static int WriteSetting(byte[] buffer, int offset, int id, int value)
        {
            int at = WriteVarint(buffer, offset, (uint)id);
            return WriteVarint(buffer, at, ZigZag(value));
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes at <paramref name="offset"/> onto <paramref name="target"/>: the
        /// settings a message names take its values, the others keep theirs. Unknown ids are skipped and counted in
        /// <paramref name="unknownSkipped"/>. If anything is wrong (version, truncation, malformed or repeated pairs,
        /// a value out of range, an inconsistency of the result) <paramref name="target"/> is left exactly as it was
        /// and the error says why; byte offsets in it count from <paramref name="offset"/>.
        /// </summary>
        public static SettingsError Decode(byte[] data, int offset, int count, BandSettings target, out int unknownSkipped)
        {
            unknownSkipped = 0;
            if (data == null || target == null || offset < 0 || count < 0 || offset + count > data.Length)
            {
                throw new System.ArgumentException("no such byte range", nameof(data));
            }

            if (count == 0)
            {
                return SettingsError.InEncoding(SettingsErrorCode.Truncated, 0);
            }

            int version = data[offset];
            if (version != FormatVersion)
            {
                SettingsError e = SettingsError.InEncoding(SettingsErrorCode.UnsupportedVersion, 0);
                e.Value = version;
                e.Min = FormatVersion;
                e.Max = FormatVersion;
                return e;
            }

            BandSettings candidate = new BandSettings(target);
            bool[] seen = new bool[SettingCatalog.Count];
            int end = offset + count;
            int at = offset + 1;
            while (at < end)
            {
                int pairStart = at - offset;
                uint rawId;
                int next = ReadVarint(data, at, end, out rawId);
                if (next < 0)
                {
                    return SettingsError.InEncoding(next == TruncatedMark ? SettingsErrorCode.Truncated : SettingsErrorCode.Malformed, pairStart);
                }

                if (rawId == 0)
                {
                    return SettingsError.InEncoding(SettingsErrorCode.Malformed, pairStart);
                }

                uint rawValue;
                int valueStart = next - offset;
                at = ReadVarint(data, next, end, out rawValue);
                if (at < 0)
                {
                    return SettingsError.InEncoding(at == TruncatedMark ? SettingsErrorCode.Truncated : SettingsErrorCode.Malformed, valueStart);
                }

                SettingDefinition d;
                if (rawId > SettingCatalog.Count || !SettingCatalog.TryGet((int)rawId, out d))
                {
                    unknownSkipped++;
                    continue;
                }

                int value = UnZigZag(rawValue);
                if (seen[rawId - 1])
                {
                    SettingsError duplicate = SettingsError.InEncoding(SettingsErrorCode.DuplicateSetting, pairStart);
                    duplicate.Setting = d.Id;
                    duplicate.Value = value;
                    return duplicate;
                }

                seen[rawId - 1] = true;
                if (!d.Allows(value))
                {
                    SettingsError range = SettingsError.OutOfRange(d, value);
                    range.ByteOffset = valueStart;
                    return range;
                }

                candidate.SetUnchecked((int)rawId, value);
            }

            SettingsError consistency = SettingsValidator.Validate(candidate);
            if (!consistency.IsOk)
            {
                return consistency;
            }

            target.CopyFrom(candidate);
            return SettingsError.Ok;
        }

        /// <summary>Returned by <see cref="ReadVarint"/> when the data ends inside the number.</summary>
        private const int TruncatedMark = -1;

        /// <summary>Returned by <see cref="ReadVarint"/> when the number has more than 32 bits.</summary>
        private const int MalformedMark = -2;

        private static uint ZigZag(int value)
        {
            return (uint)((value << 1) ^ (value >> 31));
        }

        private static int UnZigZag(uint value)
        {
            return (int)(value >> 1) ^ -(int)(value & 1);
        }

        private static int VarintLength(uint value)
        {
            int length = 1;
            while (value > PayloadMask)
            {
                value >>= 7;
                length++;
            }

            return length;
        }

        private static int WriteVarint(byte[] buffer, int offset, uint value)
        {
            while (value > PayloadMask)
            {
                buffer[offset++] = (byte)((value & PayloadMask) | ContinuationBit);
                value >>= 7;
            }

            buffer[offset++] = (byte)value;
            return offset;
        }

        /// <summary>Reads a varint at <paramref name="at"/>; returns the offset after it, or a negative mark.</summary>
        private static int ReadVarint(byte[] data, int at, int end, out uint value)
        {
            value = 0;
            for (int i = 0; i < MaxVarintBytes; i++)
            {
                if (at >= end)
                {
                    return TruncatedMark;
                }

                int b = data[at++];
                int payload = b & PayloadMask;
                if (i == MaxVarintBytes - 1 && (payload > LastByteMaxPayload || (b & ContinuationBit) != 0))
                {
                    return MalformedMark;
                }

                value |= (uint)payload << (7 * i);
                if ((b & ContinuationBit) == 0)
                {
                    return at;
                }
            }

            return MalformedMark;
        }
    }
}
