namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// CRC-32 as in IEEE 802.3, zip and PNG (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF;
    /// the CRC of the ASCII bytes "123456789" is 0xCBF43926), computed four bits at a time.
    /// </summary>
    /// <remarks>
    /// Why a nibble table: the usual 256-entry table costs 1 KB of the band's ~49 KB heap for one lookup per byte;
    /// bit-by-bit costs no table but eight shift-and-XOR steps per byte, which the IL interpreter runs slowly. Sixteen
    /// entries (64 bytes) need two lookups per byte: within a factor of two of the big table's speed for 6% of its RAM.
    /// The log checks CRCs only on boot (the newest segment) and while the host downloads, so this is plenty.
    /// </remarks>
    public static class Crc32
    {
        /// <summary>The running value to start <see cref="Update"/> from.</summary>
        public const uint Initial = 0xFFFFFFFF;

        /// <summary>
        /// The CRC of each 4-bit value under the reflected polynomial 0xEDB88320: entry n is n shifted right four times,
        /// XORing in the polynomial whenever a 1 falls off the end.
        /// </summary>
        private static readonly uint[] NibbleTable =
        {
            0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
            0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
        };

        /// <summary>
        /// Feeds <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="index"/> into a running
        /// value (start from <see cref="Initial"/>; finish with <see cref="Finish"/>).
        /// </summary>
        public static uint Update(uint running, byte[] buffer, int index, int count)
        {
            return NibbleCrc.Update(NibbleTable, running, buffer, index, count);
        }

        /// <summary>The CRC of everything fed in so far.</summary>
        public static uint Finish(uint running)
        {
            return ~running;
        }

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="index"/>.</summary>
        public static uint Compute(byte[] buffer, int index, int count)
        {
            return Finish(Update(Initial, buffer, index, count));
        }
    }
}
