using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>Property tests of the record and segment-header encodings: round trips, and random bytes never throwing.</summary>
public sealed class RecordCodecTests
{
    [Fact]
    public void EveryRecordTypeRoundTripsWithRandomPayloadsAndLengths()
    {
        var random = new Random(7);
        var buffer = new byte[RecordFormat.MaxRecordLength + 16];
        for (int type = 0; type <= byte.MaxValue; type++)
        {
            if (!RecordTypes.IsValid((byte)type))
            {
                Assert.Throws<ArgumentException>(() => RecordCodec.Encode((byte)type, 1, new byte[4], 0, 4, buffer, 0));
                continue;
            }

            for (int trial = 0; trial < 40; trial++)
            {
                int length = RecordTypes.IsControl((byte)type) ? RecordFormat.ControlPayloadLength
                    : trial == 0 ? 0 : trial == 1 ? RecordFormat.MaxPayloadLength : random.Next(0, RecordFormat.MaxPayloadLength + 1);
                byte[] payload = StorageTestKit.RandomBytes(random, length + 8);
                int payloadIndex = random.Next(0, 8);
                uint sequence = trial == 2 ? uint.MaxValue : (uint)random.NextInt64(1, uint.MaxValue);
                int at = random.Next(0, 16);

                int written = RecordCodec.Encode((byte)type, sequence, payload, payloadIndex, length, buffer, at);
                Assert.Equal(length + RecordFormat.OverheadLength, written);

                Assert.Equal(DecodeResult.Ok, RecordCodec.Decode(buffer, at, written, out RecordHeader header));
                Assert.Equal((byte)type, header.Type);
                Assert.Equal(length, header.PayloadLength);
                Assert.Equal(sequence, header.Sequence);
                Assert.Equal(written, header.EncodedLength);
                Assert.Equal(payload.AsSpan(payloadIndex, length).ToArray(), buffer.AsSpan(at + RecordFormat.HeaderLength, length).ToArray());

                // One byte short anywhere is a truncation, not a record.
                Assert.Equal(DecodeResult.Truncated, RecordCodec.Decode(buffer, at, written - 1, out _));
            }
        }
    }

    [Fact]
    public void InvalidTypesAndBadControlLengthsAreRejectedEvenWithAGoodChecksum()
    {
        var buffer = new byte[32];
        foreach (byte type in new byte[] { 0x00, 0x04, 0x0F, 0xFF })
        {
            WriteRaw(buffer, type, 4, 9);
            Assert.Equal(DecodeResult.InvalidType, RecordCodec.Decode(buffer, 0, buffer.Length, out _));
        }

        WriteRaw(buffer, RecordTypes.SessionStart, 3, 9);
        Assert.Equal(DecodeResult.InvalidField, RecordCodec.Decode(buffer, 0, buffer.Length, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.Encode(RecordTypes.SessionEnd, 1, new byte[8], 0, 8, buffer, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordCodec.Encode(0x10, 1, new byte[300], 0, 256, new byte[400], 0));
    }

    [Fact]
    public void EverySingleBitFlipIsDetected()
    {
        var random = new Random(11);
        var buffer = new byte[RecordFormat.MaxRecordLength];
        for (int trial = 0; trial < 60; trial++)
        {
            int length = random.Next(0, 80);
            int written = RecordCodec.Encode(StorageTestKit.RandomApplicationType(random), (uint)random.Next(1, int.MaxValue),
                StorageTestKit.RandomBytes(random, length), 0, length, buffer, 0);
            for (int bit = 0; bit < written * 8; bit++)
            {
                buffer[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.NotEqual(DecodeResult.Ok, RecordCodec.Decode(buffer, 0, buffer.Length, out _));
                buffer[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Assert.Equal(DecodeResult.Ok, RecordCodec.Decode(buffer, 0, written, out _));
        }
    }

    [Fact]
    public void SegmentHeadersRoundTripAndDetectDamage()
    {
        var random = new Random(5);
        var buffer = new byte[SegmentHeader.EncodedLength + 8];
        for (int trial = 0; trial < 2000; trial++)
        {
            uint last = (uint)random.NextInt64(0, uint.MaxValue);
            var header = new SegmentHeader
            {
                FirstSequence = (uint)random.NextInt64(1, uint.MaxValue),
                LastSessionId = last,
                SessionOpen = last > 0 && random.Next(2) == 0,
                AcknowledgedThrough = (uint)random.NextInt64(0, (long)last + 1),
            };
            int at = random.Next(0, 8);
            header.Encode(buffer, at);
            Assert.Equal(DecodeResult.Ok, SegmentHeader.Decode(buffer, at, SegmentHeader.EncodedLength, out SegmentHeader decoded));
            Assert.Equal(header, decoded);
            Assert.Equal(DecodeResult.Truncated, SegmentHeader.Decode(buffer, at, random.Next(0, SegmentHeader.EncodedLength), out _));

            int bit = random.Next(SegmentHeader.EncodedLength * 8);
            buffer[at + (bit / 8)] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(DecodeResult.Ok, SegmentHeader.Decode(buffer, at, SegmentHeader.EncodedLength, out _));
        }
    }

    [Fact]
    public void TheExamplesInDocsStorageMdAreExact()
    {
        var header = new byte[SegmentHeader.EncodedLength];
        new SegmentHeader { FirstSequence = 42, LastSessionId = 3, SessionOpen = true, AcknowledgedThrough = 2 }.Encode(header, 0);
        Assert.Equal("4C424C47010100002A0000000300000002000000F44A14CA", Convert.ToHexString(header));

        var record = new byte[RecordFormat.MaxRecordLength];
        int length = RecordCodec.Encode(RecordTypes.SessionStart, 1, [1, 0, 0, 0], 0, 4, record, 0);
        Assert.Equal("01040100000001000000BF35B225", Convert.ToHexString(record, 0, length));
        length = RecordCodec.Encode(0x20, 42, [1, 2, 3], 0, 3, record, 0);
        Assert.Equal("20032A00000001020333AE472B", Convert.ToHexString(record, 0, length));
    }

    [Fact]
    public void SegmentHeaderOfAnotherVersionIsReportedAsSuch()
    {
        var buffer = new byte[SegmentHeader.EncodedLength];
        new SegmentHeader { FirstSequence = 1 }.Encode(buffer, 0);
        buffer[4] = 2;
        LittleEndian.WriteUInt32(buffer, 20, Crc32.Compute(buffer, 0, 20));
        Assert.Equal(DecodeResult.UnsupportedVersion, SegmentHeader.Decode(buffer, 0, buffer.Length, out _));
    }

    [Fact]
    public void DecodingOneHundredThousandRandomInputsNeverThrows()
    {
        var random = new Random(100_000);
        var outcomes = new int[Enum.GetValues<DecodeResult>().Length];
        for (int trial = 0; trial < 100_000; trial++)
        {
            byte[] bytes = StorageTestKit.RandomBytes(random, random.Next(0, 300));
            if (bytes.Length > 0 && random.Next(2) == 0)
            {
                // Half the inputs start with a plausible type and length, to get past the first checks.
                bytes[0] = (byte)random.Next(0, 0x20);
                if (bytes.Length > 1)
                {
                    bytes[1] = (byte)random.Next(0, bytes.Length);
                }
            }

            int index = random.Next(0, bytes.Length + 1);
            int available = random.Next(0, bytes.Length - index + 1);

            DecodeResult record = RecordCodec.Decode(bytes, index, available, out RecordHeader header);
            outcomes[(int)record]++;
            if (record == DecodeResult.Ok)
            {
                Assert.True(header.EncodedLength <= available);
            }

            RecordCodec.DecodeHeader(bytes, index, available, out _);
            outcomes[(int)SegmentHeader.Decode(bytes, index, available, out _)]++;
        }

        Assert.True(outcomes[(int)DecodeResult.Ok] < 10, "random bytes decoded as valid records or headers");
        Assert.True(outcomes[(int)DecodeResult.BadChecksum] > 1000, "too few inputs reached the checksum test");
        Assert.True(outcomes[(int)DecodeResult.Truncated] > 1000);
        Assert.True(outcomes[(int)DecodeResult.InvalidType] > 1000);
    }

    /// <summary>A record with any type byte and a correct CRC, bypassing the encoder's checks.</summary>
    private static void WriteRaw(byte[] buffer, byte type, int payloadLength, uint sequence)
    {
        buffer[0] = type;
        buffer[1] = (byte)payloadLength;
        LittleEndian.WriteUInt32(buffer, 2, sequence);
        int covered = RecordFormat.HeaderLength + payloadLength;
        LittleEndian.WriteUInt32(buffer, covered, Crc32.Compute(buffer, 0, covered));
    }
}
