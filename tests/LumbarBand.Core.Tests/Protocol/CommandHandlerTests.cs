using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>Each command end to end, through the client codec, the handler and the fake band.</summary>
public sealed class CommandHandlerTests
{
    [Fact]
    public void DeviceInfoCarriesVersionsAndLimits()
    {
        var link = new BandLink(new FakeBand());
        DeviceInfo info = new HostDownloader(link).ReadDeviceInfo();
        Assert.Equal(1, info.ProtocolMajor);
        Assert.Equal(ProtocolConstants.VersionMinor, info.ProtocolMinor);
        Assert.Equal(3, info.FirmwareMinor);
        Assert.Equal(0xB00B1E5u, info.SerialNumber);
        Assert.Equal(SettingsCodec.MaxEncodedLength, info.MaxConfigurationBytes);
        Assert.Equal(DeviceInfo.CapabilityMotor | DeviceInfo.CapabilityBatteryGauge, info.Capabilities);
        Assert.Equal(MessageLayout.DeviceInfoResponseBytes, ProtocolConstants.DefaultPayloadBytes);
    }

    [Fact]
    public void SetTimeRejectsAClocklessHost()
    {
        var link = new BandLink(new FakeBand());
        link.Send((f, id) => RequestBuilder.SetTime(f, id, 12345));
        Assert.Equal(ErrorCode.InvalidParameter, link.LastStatus);
        Assert.Equal(MessageLayout.ParameterOffset, link.Response[ProtocolConstants.ErrorDetailOffset]);
        Assert.Equal(0u, link.Band.UtcSeconds);

        link.Send((f, id) => RequestBuilder.SetTime(f, id, 1_790_000_000));
        Assert.Equal(ErrorCode.None, link.LastStatus);
        Assert.Equal(1_790_000_000u, link.Band.UtcSeconds);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(185)]
    public void ConfigurationReadsBackPageByPage(int mtu)
    {
        var band = new FakeBand();
        band.Settings.Set(SettingId.FlexionDwellMs, 7000);
        var link = new BandLink(band, mtu);
        byte[] expected = SettingsCodec.Encode(band.Settings);

        byte[] read = ReadConfiguration(link, out int pages);
        Assert.Equal(expected, read);
        int perPage = ProtocolConstants.PayloadForMtu(mtu) - MessageLayout.ConfigurationPageDataOffset;
        Assert.Equal((expected.Length + perPage - 1) / perPage, pages);

        link.Send((f, id) => RequestBuilder.GetConfiguration(f, id, expected.Length + 1));
        Assert.Equal(ErrorCode.OffsetOutOfRange, link.LastStatus);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(247)]
    public void ConfigurationUploadIsAppliedAtomicallyOnCommit(int mtu)
    {
        var band = new FakeBand();
        var link = new BandLink(band, mtu);
        var wanted = new BandSettings();
        wanted.Set(SettingId.FlexionThresholdCentidegrees, 2500);
        wanted.Set(SettingId.CueMode, (int)CueMode.Tracking);
        byte[] encoding = SettingsCodec.Encode(wanted);

        Stage(link, encoding);
        Assert.False(band.Settings.SameAs(wanted)); // staged, not applied
        int n = link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, encoding.Length, Crc32.Compute(encoding, 0, encoding.Length)));
        Assert.True(ResponseParser.ReadCommit(link.Response, n, out int skipped));
        Assert.Equal(0, skipped);
        Assert.True(band.Settings.SameAs(wanted));
        Assert.Equal(CueMode.Tracking, band.Mode);
        Assert.Equal(0, link.Handler.Upload.StagedLength);
        Assert.Equal(encoding, ReadConfiguration(link, out _));
    }

    [Fact]
    public void RejectedConfigurationKeepsTheOldOneAndExplainsWhy()
    {
        var band = new FakeBand();
        var link = new BandLink(band);
        byte[] before = SettingsCodec.Encode(band.Settings);
        var message = new byte[16];
        int length = SettingsCodec.WriteHeader(message, 0);
        length = SettingsCodec.WriteSetting(message, length, (int)SettingId.FlexionThresholdCentidegrees, 100);
        Stage(link, message.AsSpan(0, length).ToArray());

        int n = link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, length, Crc32.Compute(message, 0, length)));
        Assert.Equal(ErrorCode.InvalidConfiguration, link.LastStatus);
        Assert.Equal(MessageLayout.ConfigurationErrorResponseBytes, n);
        Assert.True(ResponseParser.ReadConfigurationError(link.Response, n, out SettingsError error));
        SettingsError direct = SettingsCodec.Decode(message, 0, length, new BandSettings(), out _);
        Assert.Equal(direct.Code, error.Code);
        Assert.Equal(SettingsErrorCode.OutOfRange, error.Code);
        Assert.Equal(SettingId.FlexionThresholdCentidegrees, error.Setting);
        Assert.Equal(100, error.Value);
        Assert.Equal(direct.Min, error.Min);
        Assert.Equal(direct.Max, error.Max);
        Assert.Equal(direct.ByteOffset, error.ByteOffset);
        Assert.Equal(before, SettingsCodec.Encode(band.Settings));
        Assert.Equal(length, link.Handler.Upload.StagedLength); // a refused frame changes nothing, staging included
    }

    [Fact]
    public void CommitChecksLengthAndCrcAndPersistence()
    {
        var band = new FakeBand();
        var link = new BandLink(band);
        byte[] message = SecurityTests.ShortSettings;
        link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, message.Length, 0));
        Assert.Equal(ErrorCode.OutOfSequence, link.LastStatus); // nothing staged

        Stage(link, message);
        uint crc = Crc32.Compute(message, 0, message.Length);
        link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, message.Length + 1, crc));
        Assert.Equal(ErrorCode.OutOfSequence, link.LastStatus);
        link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, message.Length, crc ^ 1));
        Assert.Equal(ErrorCode.CrcMismatch, link.LastStatus);

        band.FailNextPersist = true;
        link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, message.Length, crc));
        Assert.Equal(ErrorCode.StorageError, link.LastStatus);
        Assert.Equal(CueMode.Training, band.Mode);

        link.Send((f, id) => RequestBuilder.CommitConfiguration(f, id, message.Length, crc));
        Assert.Equal(ErrorCode.None, link.LastStatus);
        Assert.Equal(CueMode.Tracking, band.Mode);
    }

    [Fact]
    public void ConfigurationWritesMustBeInOrderAndFit()
    {
        var link = new BandLink(new FakeBand());
        byte[] data = new byte[10];
        link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, 0, data, 0, 10));
        Assert.True(ResponseParser.ReadStagedLength(link.Response, MessageLayout.WriteConfigurationResponseBytes, out int staged));
        Assert.Equal(10, staged);
        link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, 5, data, 0, 10));
        Assert.Equal(ErrorCode.OutOfSequence, link.LastStatus);
        link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, 11, data, 0, 10));
        Assert.Equal(ErrorCode.OutOfSequence, link.LastStatus);
        Assert.Equal(10, link.Handler.Upload.StagedLength);

        for (int offset = 10; offset + 16 <= SettingsCodec.MaxEncodedLength; offset += 16)
        {
            int at = offset;
            link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, at, new byte[16], 0, 16));
            Assert.Equal(ErrorCode.None, link.LastStatus);
        }

        int full = link.Handler.Upload.StagedLength;
        link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, full, new byte[16], 0, 16));
        Assert.Equal(ErrorCode.OffsetOutOfRange, link.LastStatus);
        Assert.Equal(full, link.Handler.Upload.StagedLength);

        link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, 0, data, 0, 3));
        Assert.Equal(3, link.Handler.Upload.StagedLength); // offset 0 starts over
    }

    [Theory]
    [InlineData(23, 1)]
    [InlineData(185, 10)]
    public void SessionsArePagedToFitThePayload(int mtu, int perPage)
    {
        var band = new FakeBand();
        for (int i = 0; i < 12; i++)
        {
            band.AddSession(new byte[10 + i], open: i == 11);
        }

        band.AcknowledgeSessions(4);
        var link = new BandLink(band, mtu);
        int exchangesBefore = link.Exchanges;
        List<SessionInfo> sessions = new HostDownloader(link).ListSessions();
        Assert.Equal(12, sessions.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (uint)i), sessions.Select(s => s.Id));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i <= 4), sessions.Select(s => s.Acknowledged));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i == 12), sessions.Select(s => s.Open));
        Assert.Equal(19, sessions[9].Length);
        Assert.Equal(band.Sessions[9].Crc, sessions[9].Crc);
        Assert.Equal(band.Sessions[9].StartUtc, sessions[9].StartUtcSeconds);
        Assert.Equal(((12 + perPage - 1) / perPage) + 1, link.Exchanges - exchangesBefore);
    }

    [Fact]
    public void OpenSessionsCannotBeReadOrAcknowledged()
    {
        var band = new FakeBand();
        uint id = band.AddSession(new byte[30], open: true);
        var link = new BandLink(band);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));
        Assert.Equal(ErrorCode.SessionOpen, link.LastStatus);
        link.Send((f, r) => RequestBuilder.AcknowledgeSessions(f, r, id, band.Sessions[0].Crc));
        Assert.Equal(ErrorCode.SessionOpen, link.LastStatus);
        band.CloseSessions();
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 31));
        Assert.Equal(ErrorCode.OffsetOutOfRange, link.LastStatus);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id + 1, 0));
        Assert.Equal(ErrorCode.SessionNotFound, link.LastStatus);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));
        Assert.True(ResponseParser.ReadSessionHeader(link.Response, MessageLayout.ReadSessionResponseBytes, out int length, out uint crc));
        Assert.Equal(30, length);
        Assert.Equal(band.Sessions[0].Crc, crc);
    }

    [Fact]
    public void AcknowledgementNeedsTheSessionCrcAndIsCumulative()
    {
        var band = new FakeBand();
        band.AddSession([1, 2, 3]);
        band.AddSession([4, 5, 6]);
        var link = new BandLink(band);
        var host = new HostDownloader(link);
        List<SessionInfo> sessions = host.ListSessions();

        link.Send((f, r) => RequestBuilder.AcknowledgeSessions(f, r, sessions[1].Id, sessions[1].Crc ^ 0x80));
        Assert.Equal(ErrorCode.CrcMismatch, link.LastStatus);
        Assert.Equal(0u, band.AcknowledgedThrough);

        Assert.Equal(ErrorCode.None, host.Acknowledge(sessions[1]));
        Assert.All(host.ListSessions(), s => Assert.True(s.Acknowledged));
    }

    [Fact]
    public void EraseAndFactoryResetNeedTheirKeys()
    {
        var band = new FakeBand();
        uint id = band.AddSession(new byte[100]);
        var link = new BandLink(band);
        link.Send((f, r) => RequestBuilder.ReadSession(f, r, id, 0));

        link.Send((f, r) => { int n = RequestBuilder.EraseSessions(f, r); f[2] ^= 1; return n; });
        Assert.Equal(ErrorCode.BadConfirmation, link.LastStatus);
        Assert.Equal(1, band.SessionCount);
        Assert.True(link.Handler.Transfer.Active);

        link.Send(RequestBuilder.EraseSessions);
        Assert.Equal(ErrorCode.None, link.LastStatus);
        Assert.Equal(0, band.SessionCount);
        Assert.False(link.Handler.Transfer.Active);

        link.Send((f, r) => { int n = RequestBuilder.FactoryReset(f, r); f[5] ^= 0x40; return n; });
        Assert.Equal(ErrorCode.BadConfirmation, link.LastStatus);
        Assert.Equal(0, band.FactoryResets);
        link.Send(RequestBuilder.FactoryReset);
        Assert.Equal(ErrorCode.None, link.LastStatus);
        Assert.Equal(1, band.FactoryResets);
    }

    [Fact]
    public void CalibrationCueAndModePassTheBandsVerdictThrough()
    {
        var band = new FakeBand();
        var link = new BandLink(band);
        link.Send(RequestBuilder.StartCalibration);
        Assert.Equal(ErrorCode.None, link.LastStatus);
        link.Send(RequestBuilder.StartCalibration);
        Assert.Equal(ErrorCode.Busy, link.LastStatus);
        Assert.Equal(1, band.Calibrations);

        link.Send((f, r) => RequestBuilder.TestCue(f, r, 2));
        Assert.Equal(ErrorCode.None, link.LastStatus);
        link.Send((f, r) => RequestBuilder.TestCue(f, r, FakeBand.CuePatterns));
        Assert.Equal(ErrorCode.InvalidParameter, link.LastStatus);
        Assert.Equal(MessageLayout.ParameterOffset, link.Response[ProtocolConstants.ErrorDetailOffset]);
        Assert.Equal(1, band.CuesPlayed);

        link.Send((f, r) => RequestBuilder.SetMode(f, r, CueMode.Tracking));
        Assert.Equal(CueMode.Tracking, band.Mode);
        link.Send((f, r) => RequestBuilder.SetMode(f, r, (CueMode)2));
        Assert.Equal(ErrorCode.InvalidParameter, link.LastStatus);
        Assert.Equal(CueMode.Tracking, band.Mode);
    }

    [Fact]
    public void UnknownOpcodesAndWrongLengthsAreRefusedWithDetail()
    {
        var link = new BandLink(new FakeBand());
        link.Send((f, r) => { f[0] = 0x7F; f[1] = r; return 2; });
        Assert.Equal(ErrorCode.UnknownOpcode, link.LastStatus);
        link.Send((f, r) => { RequestBuilder.ReadSession(f, r, 1, 0); return 9; });
        Assert.Equal(ErrorCode.BadLength, link.LastStatus);
        Assert.Equal(MessageLayout.ReadSessionRequestBytes, link.Response[ProtocolConstants.ErrorDetailOffset]);
        link.Send((f, r) => { RequestBuilder.GetDeviceInfo(f, r); return 3; });
        Assert.Equal(ErrorCode.BadLength, link.LastStatus);
    }

    [Fact]
    public void MtuIsClampedAndResetOnReconnect()
    {
        var handler = new CommandHandler(new FakeBand());
        Assert.Equal(20, handler.MaxPayload);
        handler.OnMtuChanged(185);
        Assert.Equal(182, handler.MaxPayload);
        handler.OnMtuChanged(517);
        Assert.Equal(ProtocolConstants.MaxPayloadBytes, handler.MaxPayload);
        handler.OnMtuChanged(10);
        Assert.Equal(20, handler.MaxPayload);
        handler.OnMtuChanged(185);
        handler.OnDisconnected();
        Assert.Equal(20, handler.MaxPayload);
    }

    [Fact]
    public void ResponsesNeverExceedTheResponseBuffer()
    {
        var band = new FakeBand();
        for (int i = 0; i < 20; i++)
        {
            band.AddSession(new byte[5]);
        }

        var handler = new CommandHandler(band);
        handler.OnMtuChanged(247);
        var frame = new byte[20];
        var response = new byte[20]; // an adapter that only ever allocated the default payload
        int n = RequestBuilder.ListSessions(frame, 1, 0);
        Assert.Equal(20, handler.OnControlWrite(frame, n, LinkSecurity.Trusted, response));
        n = RequestBuilder.GetConfiguration(frame, 2, 0);
        Assert.Equal(20, handler.OnControlWrite(frame, n, LinkSecurity.Trusted, response));
        Assert.Throws<ArgumentException>(() => handler.OnControlWrite(frame, n, LinkSecurity.Trusted, new byte[19]));
    }

    internal static void Stage(BandLink link, byte[] encoding)
    {
        int chunk = RequestBuilder.MaxConfigurationChunk(link.MaxPayload);
        for (int offset = 0; offset < encoding.Length; offset += chunk)
        {
            int at = offset;
            int count = Math.Min(chunk, encoding.Length - offset);
            link.Send((f, id) => RequestBuilder.WriteConfiguration(f, id, at, encoding, at, count));
            Assert.Equal(ErrorCode.None, link.LastStatus);
        }
    }

    internal static byte[] ReadConfiguration(BandLink link, out int pages)
    {
        var bytes = new List<byte>();
        pages = 0;
        int total;
        do
        {
            int offset = bytes.Count;
            int n = link.Send((f, id) => RequestBuilder.GetConfiguration(f, id, offset));
            Assert.True(ResponseParser.ReadConfigurationPage(link.Response, n, out total, out int at, out int count));
            Assert.True(count > 0);
            bytes.AddRange(link.Response.AsSpan(at, count).ToArray());
            pages++;
        }
        while (bytes.Count < total);

        return [.. bytes];
    }
}
