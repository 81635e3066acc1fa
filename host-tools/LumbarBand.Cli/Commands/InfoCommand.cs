using System.CommandLine;
using System.Globalization;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;
using LumbarBand.Host.Sync;

namespace LumbarBand.Cli.Commands;

/// <summary><c>lumbarband info</c>: the band's protocol and firmware versions, serial, hardware and, when paired, its live status.</summary>
public static class InfoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var link = new LinkOptions();
        var command = new Command("info", "Show the band's versions, serial and hardware, and its live status when paired.");
        link.AddTo(command);
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "info", async () =>
        {
            await using IBandLink bandLink = link.Create(parse);
            var client = new BandClient(bandLink);
            DeviceInfo info = await client.OpenAsync(pair: false, cancellationToken).ConfigureAwait(false);
            output.WriteLine($"band        {client.DeviceId} ({bandLink.Description})");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"protocol    {info.ProtocolMajor}.{info.ProtocolMinor}"));
            output.WriteLine($"firmware    {DeviceIdentity.FirmwareVersion(info)}");
            output.WriteLine($"hardware    {Board(info.HardwareRevision)}");
            output.WriteLine($"motor       {((info.Capabilities & DeviceInfo.CapabilityMotor) != 0 ? "yes" : "no")}");
            output.WriteLine($"battery     {((info.Capabilities & DeviceInfo.CapabilityBatteryGauge) != 0 ? "gauge" : "no gauge")}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"storage     {info.StorageCapacityBytes / 1024} KB for sessions"));
            output.WriteLine($"paired      {(bandLink.IsPaired ? "yes" : "no (run `lumbarband download` with the band's pairing window open)")}");
            if (bandLink.IsPaired)
            {
                StatusMessage status = await client.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"status      {(status.Has(StatusMessage.FlagWalking) ? "walking" : "not walking")}, {status.Steps} steps, {status.StoredSessions} session(s) stored ({status.UnacknowledgedSessions} not downloaded), battery {(status.BatteryPercent == StatusMessage.UnknownBattery ? "?" : status.BatteryPercent + " %")}, storage {status.StorageUsedPercent} % used"));
                output.WriteLine($"mode        {(status.Has(StatusMessage.FlagTraining) ? "training (cues vibrate)" : "tracking (cues recorded only)")}; clock {(status.Has(StatusMessage.FlagClockSet) ? "set" : "not set (run `lumbarband sync-time`)")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Board(byte revision) => revision switch
    {
        1 => "M5Core2",
        2 => "M5StickC Plus",
        3 => "generic ESP32",
        _ => "unknown (0): a virtual band, or an unidentified board",
    };
}
