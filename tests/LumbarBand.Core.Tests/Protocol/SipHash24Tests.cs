using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>SipHash-2-4 against the vectors of Aumasson and Bernstein's paper and reference implementation.</summary>
public sealed class SipHash24Tests
{
    private static readonly byte[] Key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();

    [Fact]
    public void PaperAppendixAVectorMatches()
    {
        // "SipHash: a fast short-input PRF", Appendix A: key 00..0f, the 15-byte message 00..0e.
        byte[] message = Enumerable.Range(0, 15).Select(i => (byte)i).ToArray();
        ulong k0 = SipHash24.ReadUInt64(Key, 0);
        ulong k1 = SipHash24.ReadUInt64(Key, 8);
        Assert.Equal(0xa129ca6149be45e5UL, SipHash24.Hash(k0, k1, message, 0, message.Length));
    }

    [Fact]
    public void ReferenceVectorForTheEmptyMessageMatches()
    {
        // The reference implementation's first 64-bit vector (key 00..0f, empty message): 31 0e 0e dd 47 db 6f 72.
        ulong k0 = SipHash24.ReadUInt64(Key, 0);
        ulong k1 = SipHash24.ReadUInt64(Key, 8);
        Assert.Equal(0x726fdb47dd0e0e31UL, SipHash24.Hash(k0, k1, [], 0, 0));
    }

    [Fact]
    public void ThreeWordFormEqualsTheByteForm()
    {
        ulong k0 = 0x0706050403020100UL;
        ulong k1 = 0x0f0e0d0c0b0a0908UL;
        byte[] message = new byte[24];
        SipHash24.WriteUInt64(message, 0, 0x1122334455667788UL);
        SipHash24.WriteUInt64(message, 8, 0x99aabbccddeeff00UL);
        SipHash24.WriteUInt64(message, 16, 42UL);
        Assert.Equal(SipHash24.Hash(k0, k1, message, 0, 24), SipHash24.Hash3(k0, k1, 0x1122334455667788UL, 0x99aabbccddeeff00UL, 42UL));
    }
}
