namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// The table-driven loop shared by <see cref="Crc32"/> and <see cref="Crc32C"/>: a reflected CRC-32 computed four
    /// bits at a time from a 16-entry table of the polynomial.
    /// </summary>
    internal static class NibbleCrc
    {
        /// <summary>Bits of the running value consumed per table lookup.</summary>
        private const int NibbleBits = 4;

        /// <summary>Selects the low nibble of the running value.</summary>
        private const uint NibbleMask = 0xF;

        /// <summary>Feeds <paramref name="count"/> bytes from <paramref name="index"/> into a running value.</summary>
        internal static uint Update(uint[] table, uint running, byte[] buffer, int index, int count)
        {
            int end = index + count;
            for (int i = index; i < end; i++)
            {
                running ^= buffer[i];
                running = (running >> NibbleBits) ^ table[running & NibbleMask];
                running = (running >> NibbleBits) ^ table[running & NibbleMask];
            }

            return running;
        }
    }
}
