using System.Text;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

public sealed class Crc32Tests
{
    [Fact]
    public void MatchesTheStandardCheckValue()
    {
        byte[] check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
        Assert.Equal(0u, Crc32.Compute([], 0, 0));
    }

    [Fact]
    public void MatchesABitwiseReferenceAndCanBeFedInPieces()
    {
        var random = new Random(32);
        for (int trial = 0; trial < 500; trial++)
        {
            byte[] data = StorageTestKit.RandomBytes(random, random.Next(0, 600));
            uint expected = BitwiseCrc32(data);
            Assert.Equal(expected, Crc32.Compute(data, 0, data.Length));

            int split = random.Next(0, data.Length + 1);
            uint running = Crc32.Update(Crc32.Initial, data, 0, split);
            running = Crc32.Update(running, data, split, data.Length - split);
            Assert.Equal(expected, Crc32.Finish(running));
        }
    }

    /// <summary>CRC-32 (IEEE, reflected) one bit at a time, straight from the definition.</summary>
    private static uint BitwiseCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
