using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>The serial from the chip's MAC, and the faults the band carries on through shown in its status.</summary>
public sealed class DeviceSerialAndFaultTests
{
    [Fact]
    public void TheSerialIsTheMacsLastFourBytesAndTwoChipsDiffer()
    {
        Assert.Equal(0x28AB_CDEFu, DeviceSerial.FromMac([0x24, 0x0A, 0x28, 0xAB, 0xCD, 0xEF]));
        Assert.NotEqual(DeviceSerial.FromMac([0x24, 0x0A, 0xC4, 0x00, 0x00, 0x01]), DeviceSerial.FromMac([0x24, 0x0A, 0xC4, 0x00, 0x00, 0x02]));
    }

    [Fact]
    public void AMissingOrBlankMacGivesTheUnknownSerial()
    {
        Assert.Equal(DeviceSerial.Unknown, DeviceSerial.FromMac(null!));
        Assert.Equal(DeviceSerial.Unknown, DeviceSerial.FromMac([1, 2, 3]));
        Assert.Equal(DeviceSerial.Unknown, DeviceSerial.FromMac([0, 0, 0, 0, 0, 0]));
        Assert.Equal(DeviceSerial.Unknown, DeviceSerial.FromMac([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));
    }

    [Fact]
    public void TheSessionHeaderCarriesTheSerialAndOlderHeadersReadAsUnknown()
    {
        var header = new LumbarBand.Core.Session.SessionHeader { SessionId = 7, EpochSeconds = 60, SerialNumber = 0x28AB_CDEF };
        var bytes = new byte[LumbarBand.Core.Session.SessionHeader.EncodedLength];
        Assert.Equal(LumbarBand.Core.Session.SessionHeader.MinEncodedLength + 4, header.Encode(bytes, 0));
        var back = new LumbarBand.Core.Session.SessionHeader();
        back.Decode(bytes, 0, bytes.Length);
        Assert.Equal(0x28AB_CDEFu, back.SerialNumber);
        Assert.Equal(LumbarBand.Core.Session.SessionHeader.CurrentFormatVersion, back.FormatVersion);

        // A format-2 header is 38 bytes: it decodes, with the serial unknown.
        back.Decode(bytes, 0, LumbarBand.Core.Session.SessionHeader.MinEncodedLength);
        Assert.Equal(DeviceSerial.Unknown, back.SerialNumber);
        Assert.Equal(7u, back.SessionId);
    }

    [Fact]
    public void TheHostsFaultsReachTheStatusConditionsAndClearWithThem()
    {
        var rig = new Session.BandSessionRig();
        var status = new StatusMessage();
        rig.Port.GetStatus(status);
        Assert.Equal(0, status.Conditions & (StatusMessage.FaultStorage | StatusMessage.FaultImu));

        rig.Host.Faults = StatusMessage.FaultStorage;
        rig.Port.GetStatus(status);
        Assert.Equal(StatusMessage.FaultStorage, status.Conditions & (StatusMessage.FaultStorage | StatusMessage.FaultImu));

        // Conditions keep bit (rule − 1) for the cue rules; the fault bits sit above them.
        Assert.Equal(0, (StatusMessage.FaultStorage | StatusMessage.FaultImu) & 0x07);

        rig.Host.Faults = 0;
        rig.Port.GetStatus(status);
        Assert.Equal(0, status.Conditions & (StatusMessage.FaultStorage | StatusMessage.FaultImu));
    }
}
