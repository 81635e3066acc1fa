namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// SipHash-2-4, the keyed 64-bit pseudorandom function of J.-P. Aumasson and D. J. Bernstein, "SipHash: a fast
    /// short-input PRF", INDOCRYPT 2012 (LNCS 7668): a 128-bit key, 2 compression rounds per 8-byte block, 4
    /// finalization rounds. The band's link proof (<see cref="LinkTrust"/>) uses it as a MAC, because nanoFramework's
    /// mscorlib has no cryptography; integer code only (64-bit add, xor, rotate), nothing allocated.
    /// </summary>
    /// <remarks>
    /// Keys and messages are little-endian, as in the paper (§2): k0 is the key's first 8 bytes. The paper's test
    /// vector (Appendix A: key 00..0f, message 00..0e → a129ca6149be45e5) is a host test.
    /// </remarks>
    public static class SipHash24
    {
        /// <summary>Bytes in a key.</summary>
        public const int KeyBytes = 16;

        // The initialization constants of §2: "somepseudorandomlygeneratedbytes" in ASCII, 8 bytes each.
        private const ulong InitV0 = 0x736f6d6570736575UL;
        private const ulong InitV1 = 0x646f72616e646f6dUL;
        private const ulong InitV2 = 0x6c7967656e657261UL;
        private const ulong InitV3 = 0x7465646279746573UL;

        /// <summary>The finalization constant xored into v2 (§2).</summary>
        private const ulong FinalXor = 0xff;

        /// <summary>SipHash-2-4 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> under key (k0, k1).</summary>
        public static ulong Hash(ulong k0, ulong k1, byte[] data, int offset, int count)
        {
            ulong v0 = k0 ^ InitV0;
            ulong v1 = k1 ^ InitV1;
            ulong v2 = k0 ^ InitV2;
            ulong v3 = k1 ^ InitV3;
            int whole = count - (count % 8);
            for (int i = 0; i < whole; i += 8)
            {
                Compress(ref v0, ref v1, ref v2, ref v3, ReadUInt64(data, offset + i));
            }

            // The last block: the remaining bytes, and the message length mod 256 in the top byte.
            ulong last = ((ulong)count & 0xff) << 56;
            for (int i = whole; i < count; i++)
            {
                last |= (ulong)data[offset + i] << (8 * (i - whole));
            }

            return Finish(v0, v1, v2, v3, last);
        }

        /// <summary>SipHash-2-4 of the 24-byte message w0 ‖ w1 ‖ w2 (each little-endian) under key (k0, k1), without a buffer.</summary>
        public static ulong Hash3(ulong k0, ulong k1, ulong w0, ulong w1, ulong w2)
        {
            ulong v0 = k0 ^ InitV0;
            ulong v1 = k1 ^ InitV1;
            ulong v2 = k0 ^ InitV2;
            ulong v3 = k1 ^ InitV3;
            Compress(ref v0, ref v1, ref v2, ref v3, w0);
            Compress(ref v0, ref v1, ref v2, ref v3, w1);
            Compress(ref v0, ref v1, ref v2, ref v3, w2);
            const ulong length24 = 24UL << 56;
            return Finish(v0, v1, v2, v3, length24);
        }

        /// <summary>Reads 8 bytes little-endian.</summary>
        public static ulong ReadUInt64(byte[] data, int offset)
        {
            ulong value = 0;
            for (int i = 7; i >= 0; i--)
            {
                value = (value << 8) | data[offset + i];
            }

            return value;
        }

        /// <summary>Writes 8 bytes little-endian.</summary>
        public static void WriteUInt64(byte[] data, int offset, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                data[offset + i] = (byte)(value >> (8 * i));
            }
        }

        private static void Compress(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3, ulong m)
        {
            v3 ^= m;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
        }

        private static ulong Finish(ulong v0, ulong v1, ulong v2, ulong v3, ulong last)
        {
            Compress(ref v0, ref v1, ref v2, ref v3, last);
            v2 ^= FinalXor;
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            Round(ref v0, ref v1, ref v2, ref v3);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        /// <summary>One SipRound (§2, Figure 2.1).</summary>
        private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
        {
            v0 += v1;
            v1 = Rotl(v1, 13);
            v1 ^= v0;
            v0 = Rotl(v0, 32);
            v2 += v3;
            v3 = Rotl(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Rotl(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Rotl(v1, 17);
            v1 ^= v2;
            v2 = Rotl(v2, 32);
        }

        private static ulong Rotl(ulong x, int b)
        {
            return (x << b) | (x >> (64 - b));
        }
    }
}
