using System.CommandLine;
using System.Globalization;
using LumbarBand.Host.VirtualBand;

namespace LumbarBand.Cli.Commands;

/// <summary>
/// <c>lumbarband virtual-band</c>: runs Core's band on a simulated or recorded walk, in real time or faster, with
/// simulated hardware, and serves the band protocol on 127.0.0.1 until stopped (Ctrl+C).
/// </summary>
public static class VirtualBandCommand
{
    /// <summary>The port the virtual band listens on unless told otherwise.</summary>
    public const int DefaultPort = 47730;

    /// <summary>The fastest replay asked for: a day of walking in under a second; faster is "as fast as possible" (0).</summary>
    private const double MaxSpeed = 100_000;

    /// <summary>The latest pain press accepted, in seconds: a day (the longest recording replayed).</summary>
    private const double MaxPainAtSeconds = 24 * 3600;

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0: any free one)", DefaultValueFactory = _ => DefaultPort }
            .InRange(0, 65535, "a TCP port (0: any free one)");
        var walk = new Option<string?>("--walk") { Description = "IMU recording to replay (CSV: t_s,acc_x_g,…,gyr_z_dps); default: the built-in simulated walk" };
        var speed = new Option<double>("--speed") { Description = "simulated seconds per real second (1: real time; 0: as fast as possible, then serve)", DefaultValueFactory = _ => 1.0 }
            .InRange(0, MaxSpeed, "the replay speed");
        var pain = new Option<double[]>("--pain-at") { Description = "seconds into the walk at which the wearer presses the pain marker", AllowMultipleArgumentsPerToken = true }
            .EachInRange(0, MaxPainAtSeconds, "a time into the walk, in seconds");
        var noPairing = new Option<bool>("--no-pairing") { Description = "keep the pairing window closed (shows a host's \"pairing refused\")" };
        var command = new Command("virtual-band", "Run the band's logic on a simulated or recorded walk and serve the band protocol on 127.0.0.1.")
        {
            port, walk, speed, pain, noPairing,
        };
        command.SetAction((parse, cancellationToken) => HostCommand.RunAsync(error, "virtual-band", async () =>
        {
            double[] painAt = parse.GetValue(pain) ?? [];
            string? file = parse.GetValue(walk);
            WalkToReplay replay;
            try
            {
                replay = file is null
                    ? BuiltInReplays.Demo(DateTimeOffset.UtcNow, painAt.Length > 0 ? painAt : [BuiltInReplays.DemoPainAtSeconds])
                    : BuiltInReplays.FromRecording(file, DateTimeOffset.UtcNow, painAt);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Analysis.Recordings.RecordingFormatException)
            {
                await error.WriteLineAsync($"virtual-band: {file}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.BadInput;
            }

            var band = new SimulatedBand([replay]);
            var options = new VirtualBandOptions { Port = parse.GetValue(port), PairingWindowOpenAtStart = !parse.GetValue(noPairing), PairingWindowMs = 3_600_000 };
            await using var server = new VirtualBandServer(band, options);
            try
            {
                server.Start();
            }
            catch (System.Net.Sockets.SocketException e)
            {
                await error.WriteLineAsync($"virtual-band: cannot listen on 127.0.0.1:{options.Port}: {e.Message} (choose another --port)").ConfigureAwait(false);
                return HostExitCodes.Failed;
            }

            double rate = parse.GetValue(speed);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"virtual band on 127.0.0.1:{server.Port}, serial {SimulatedBand.DefaultSerial:X8}, replaying {band.Description}"));
            output.WriteLine(rate <= 0 ? "speed: as fast as possible" : string.Create(CultureInfo.InvariantCulture, $"speed: {rate}x real time ({band.SamplesRemaining / (double)band.SampleRateHz / Math.Max(rate, 1e-9):0} s to replay)"));
            output.WriteLine(options.PairingWindowOpenAtStart ? "pairing window: open for an hour (one bond)" : "pairing window: closed");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"try: lumbarband download --port {server.Port}   (Ctrl+C stops the band)"));
            await server.RunWalkAsync(rate, cancellationToken).ConfigureAwait(false);
            output.WriteLine(band.SessionsEndedAtReplayEnd > 0
                ? "walk replayed: the band's session was still open (its idle time had not passed), so it was ended as a button press would; it is ready to download"
                : "walk replayed: the band closed its session; it is ready to download");
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
