namespace LumbarBand.Core.Storage
{
    /// <summary>
    /// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF; the CRC of the
    /// ASCII bytes "123456789" is 0xE3069283), computed four bits at a time like <see cref="Crc32"/>.
    /// </summary>
    /// <remarks>
    /// Why a second polynomial: it checks whole sessions, whose bytes are records that each end with their own
    /// CRC-32. A CRC run over data followed by that data's CRC under the same polynomial always ends in the same state
    /// (the CRC residue), so a CRC-32 over a run of such records depends on nothing but their lengths: two different
    /// sessions of equal length would check the same. Under another polynomial the record CRCs are just data.
    /// </remarks>
    public static class Crc32C
    {
        /// <summary>The running value to start <see cref="Update"/> from.</summary>
        public const uint Initial = 0xFFFFFFFF;

        /// <summary>The CRC of each 4-bit value under the reflected polynomial 0x82F63B78 (64 bytes of RAM).</summary>
        private static readonly uint[] NibbleTable =
        {
            0x00000000, 0x105EC76F, 0x20BD8EDE, 0x30E349B1, 0x417B1DBC, 0x5125DAD3, 0x61C69362, 0x7198540D,
            0x82F63B78, 0x92A8FC17, 0xA24BB5A6, 0xB21572C9, 0xC38D26C4, 0xD3D3E1AB, 0xE330A81A, 0xF36E6F75,
        };

        /// <summary>Feeds bytes into a running value (start from <see cref="Initial"/>; finish with <see cref="Finish"/>).</summary>
        public static uint Update(uint running, byte[] buffer, int index, int count)
        {
            return NibbleCrc.Update(NibbleTable, running, buffer, index, count);
        }

        /// <summary>The CRC of everything fed in so far.</summary>
        public static uint Finish(uint running)
        {
            return ~running;
        }

        /// <summary>The CRC-32C of <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="index"/>.</summary>
        public static uint Compute(byte[] buffer, int index, int count)
        {
            return Finish(Update(Initial, buffer, index, count));
        }
    }
}
