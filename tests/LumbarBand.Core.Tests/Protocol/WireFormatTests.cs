using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// The bytes on the wire are exactly those docs/protocol.md shows (golden frames), every message of the protocol
/// fits a 20-byte payload, and the message codecs round-trip.
/// </summary>
public sealed class WireFormatTests
{
    [Fact]
    public void RequestsAreTheDocumentedBytes()
    {
        var f = new byte[20];
        Assert.Equal("0107", Hex(f, RequestBuilder.GetDeviceInfo(f, 7)));
        Assert.Equal("02078091A66A", Hex(f, RequestBuilder.SetTime(f, 7, 1_789_301_120)));
        Assert.Equal("03075100", Hex(f, RequestBuilder.GetConfiguration(f, 7, 81)));
        Assert.Equal("04071000AABB", Hex(f, RequestBuilder.WriteConfiguration(f, 7, 16, [0xAA, 0xBB], 0, 2)));
        Assert.Equal("05075100EFBEADDE", Hex(f, RequestBuilder.CommitConfiguration(f, 7, 81, 0xDEADBEEF)));
        Assert.Equal("060703000000", Hex(f, RequestBuilder.ListSessions(f, 7, 3)));
        Assert.Equal("070704000000B4000000", Hex(f, RequestBuilder.ReadSession(f, 7, 4, 180)));
        Assert.Equal("080704000000EFBEADDE", Hex(f, RequestBuilder.AcknowledgeSessions(f, 7, 4, 0xDEADBEEF)));
        Assert.Equal("090745524153", Hex(f, RequestBuilder.EraseSessions(f, 7)));
        Assert.Equal("0A07", Hex(f, RequestBuilder.StartCalibration(f, 7)));
        Assert.Equal("0B0702", Hex(f, RequestBuilder.TestCue(f, 7, 2)));
        Assert.Equal("0C0700", Hex(f, RequestBuilder.SetMode(f, 7, CueMode.Tracking)));
        Assert.Equal("0D0752534554", Hex(f, RequestBuilder.FactoryReset(f, 7)));
        Assert.Equal("0E07", Hex(f, RequestBuilder.CancelRead(f, 7)));
    }

    [Fact]
    public void ResponsesAreTheDocumentedBytes()
    {
        var band = new FakeBand();
        uint id = band.AddSession([0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
        var link = new BandLink(band);

        int n = link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));
        Assert.Equal("0701" + "00" + "09000000" + "839206E3", Hex(link.Response, n)); // CRC-32C("123456789") = E3069283
        n = link.PumpChunk();
        Assert.Equal("0000" + "313233343536373839", Hex(link.Chunk, n));

        n = link.Send((f, r) => RequestBuilder.ListSessions(f, r, 0));
        Assert.Equal("0602" + "00" + "01000000" + "09000000" + "839206E3" + "80E14E68" + "00", Hex(link.Response, n));

        n = link.Send((f, r) => RequestBuilder.ReadSession(f, r, 9, 0));
        Assert.Equal("0703" + "06" + "00", Hex(link.Response, n));

        n = link.Send((f, r) => { f[0] = 0x42; f[1] = r; return 2; });
        Assert.Equal("4204" + "01" + "00", Hex(link.Response, n));

        n = link.Send((f, r) => RequestBuilder.GetDeviceInfo(f, r));
        Assert.Equal("0105" + "00" + "0101" + "000301" + "01" + "E5B1000B" + "03" + "0001" + "00000200", Hex(link.Response, n));
    }

    [Fact]
    public void EveryMessageFitsTheDefaultPayload()
    {
        Assert.Equal(20, ProtocolConstants.DefaultPayloadBytes);
        for (int op = 1; op <= (int)MessageLayout.LastOpcode; op++)
        {
            Assert.InRange(MessageLayout.RequestLength((Opcode)op), 2, 20);
        }

        Assert.Equal(20, MessageLayout.ConfigurationErrorResponseBytes);
        Assert.Equal(20, MessageLayout.DeviceInfoResponseBytes);
        Assert.Equal(20, StatusMessage.EncodedBytes);
        Assert.Equal(20, MessageLayout.PayloadOffset + SessionInfo.EncodedBytes);
        Assert.True(MessageLayout.ReadSessionResponseBytes <= 20);
        Assert.Equal(16, RequestBuilder.MaxConfigurationChunk(20));

        // Through the handler at MTU 23: every valid request gets a response of at most 20 bytes.
        var band = new FakeBand();
        uint id = band.AddSession(new byte[100]);
        var handler = new CommandHandler(band);
        var frame = new byte[ProtocolConstants.MaxPayloadBytes];
        var response = new byte[ProtocolConstants.MaxPayloadBytes];
        for (int op = 1; op <= (int)MessageLayout.LastOpcode; op++)
        {
            int length = SecurityTests.ValidRequest((Opcode)op, frame, id, band);
            Assert.InRange(length, 2, 20);
            Assert.InRange(handler.OnControlWrite(frame, length, LinkSecurity.Trusted, response), 3, 20);
            Assert.InRange(handler.NextDataChunk(response), 0, 20);
        }
    }

    [Fact]
    public void StatusRoundTripsAndSaturates()
    {
        var status = new StatusMessage();
        status.Clear();
        status.Set(StatusMessage.FlagWalking, on: true);
        status.Set(StatusMessage.FlagStorageFull, on: true);
        status.Conditions = 0b101;
        status.BatteryPercent = 64;
        status.StorageUsedPercent = 300;
        status.Steps = 123_456;
        status.CadenceCentiStepsPerMinute = 11_250;
        status.Cues = 70_000;
        status.FlexionDegrees = 200;
        status.LateralBendDegrees = -12;
        status.SessionSeconds = 3600;
        status.WalkingSeconds = 2400;
        status.StoredSessions = 7;
        status.UnacknowledgedSessions = 2;
        var buffer = new byte[StatusMessage.EncodedBytes];
        Assert.Equal(20, status.Write(buffer, 0));
        Assert.Equal("11" + "05" + "40" + "FF" + "40E20100" + "F22B" + "FFFF" + "7F" + "F4" + "100E" + "6009" + "07" + "02", Hex(buffer, 20));

        var read = new StatusMessage();
        Assert.True(read.Read(buffer, 0, 20));
        Assert.True(read.Has(StatusMessage.FlagWalking) && read.Has(StatusMessage.FlagStorageFull));
        Assert.False(read.Has(StatusMessage.FlagCharging));
        Assert.Equal(255, read.StorageUsedPercent);
        Assert.Equal(65535, read.Cues);
        Assert.Equal(127, read.FlexionDegrees);
        Assert.Equal(-12, read.LateralBendDegrees);
        Assert.Equal(123_456, read.Steps);
        Assert.False(read.Read(buffer, 0, 19));

        status.Clear();
        status.Write(buffer, 0);
        Assert.True(read.Read(buffer, 0, 20));
        Assert.Equal(StatusMessage.UnknownAngle, read.FlexionDegrees);
        Assert.Equal(StatusMessage.UnknownBattery, read.BatteryPercent);
    }

    [Fact]
    public void NewerMinorVersionsMayAppendFieldsThatOldClientsIgnore()
    {
        var response = new byte[40];
        var info = new DeviceInfo { ProtocolMajor = 1, ProtocolMinor = 4, SerialNumber = 99, StorageCapacityBytes = 5 };
        response[0] = (byte)Opcode.GetDeviceInfo;
        info.Write(response, MessageLayout.PayloadOffset);
        var read = new DeviceInfo();
        Assert.True(ResponseParser.ReadDeviceInfo(response, 30, read));
        Assert.Equal(4, read.ProtocolMinor);
        Assert.Equal(99u, read.SerialNumber);
        Assert.False(ResponseParser.ReadDeviceInfo(response, 19, read));
    }

    [Fact]
    public void GattIdsAreDistinctValidUuids()
    {
        string[] ids = [GattIds.Service, GattIds.Status, GattIds.ControlPoint, GattIds.Data];
        Assert.Equal(4, ids.Select(Guid.Parse).Distinct().Count());
        Assert.All(ids, id => Assert.Equal(id, id.ToLowerInvariant()));
    }

    private static string Hex(byte[] bytes, int count) => Convert.ToHexString(bytes, 0, count);
}
