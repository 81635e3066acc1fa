using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

public sealed class Crc32CTests
{
    [Fact]
    public void MatchesTheCastagnoliCheckValue()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xE3069283u, Crc32C.Compute(check, 0, check.Length));
    }

    [Fact]
    public void TellsApartRunsOfSelfCheckedRecordsThatCrc32CannotTell()
    {
        // Two runs of two records of equal lengths, each record followed by its own CRC-32 (as stored records are).
        byte[] a = Run([1, 2, 3, 4], [5, 6, 7]);
        byte[] b = Run([9, 9, 9, 9], [0, 1, 2]);
        Assert.NotEqual(a, b);
        Assert.Equal(Crc32.Compute(a, 0, a.Length), Crc32.Compute(b, 0, b.Length)); // the residue: CRC-32 is blind here
        Assert.NotEqual(Crc32C.Compute(a, 0, a.Length), Crc32C.Compute(b, 0, b.Length));
    }

    private static byte[] Run(params byte[][] records)
    {
        var bytes = new List<byte>();
        foreach (byte[] r in records)
        {
            bytes.AddRange(r);
            uint crc = Crc32.Compute(r, 0, r.Length);
            bytes.AddRange(BitConverter.GetBytes(crc)); // little-endian, as LittleEndian.WriteUInt32 stores it
        }

        return bytes.ToArray();
    }
}
