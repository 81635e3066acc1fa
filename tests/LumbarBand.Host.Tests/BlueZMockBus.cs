using System.Diagnostics;
using System.Text.Json;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Tests;

/// <summary>
/// A private dbus-daemon serving org.bluez from python3-dbusmock's bluez5 template extended with the band
/// (tests/bluez-mock), started by tests/bluez-mock/start-bluez-mock.sh, whose GATT objects forward to a virtual band.
/// Stopped (both processes, by pid) on dispose.
/// </summary>
public sealed class BlueZMockBus : IDisposable
{
    private const string Python = "/usr/bin/python3";

    private readonly int _daemonPid;
    private readonly int _mockPid;

    private BlueZMockBus(string address, int daemonPid, int mockPid, string logFile)
    {
        Address = address;
        _daemonPid = daemonPid;
        _mockPid = mockPid;
        LogFile = logFile;
    }

    /// <summary>The private bus' address.</summary>
    public string Address { get; }

    /// <summary>The mock's log: every D-Bus call it received.</summary>
    public string LogFile { get; }

    /// <summary>Why the mock cannot run here (what to install), or null when it can.</summary>
    public static string? MissingReason()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "the BlueZ mock needs Linux (dbus-daemon, python3-dbusmock)";
        }

        if (!OnPath("dbus-daemon") || !OnPath("dbus-send"))
        {
            return "dbus-daemon is not installed here: apt-get install -y dbus-daemon dbus-bin python3-dbusmock";
        }

        if (!File.Exists(Python) || Run(Python, "-c \"import dbusmock, dbus, gi\"") != 0)
        {
            return "python3-dbusmock is not installed for /usr/bin/python3: apt-get install -y python3-dbusmock";
        }

        return null;
    }

    /// <summary>Starts the bus and the mock, with a band forwarding to the virtual band on <paramref name="bandPort"/>.</summary>
    public static BlueZMockBus Start(int bandPort, string logFile, IReadOnlyDictionary<string, object>? extra = null)
    {
        var parameters = new Dictionary<string, object>
        {
            ["band_port"] = bandPort,
            ["service_uuid"] = GattIds.Service,
            ["status_uuid"] = GattIds.Status,
            ["control_point_uuid"] = GattIds.ControlPoint,
            ["data_uuid"] = GattIds.Data,
        };
        foreach ((string key, object value) in extra ?? new Dictionary<string, object>())
        {
            parameters[key] = value;
        }

        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Script());
        start.ArgumentList.Add(JsonSerializer.Serialize(parameters));
        start.ArgumentList.Add(logFile);
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"start-bluez-mock.sh failed ({process.ExitCode}): {error}");
        }

        Dictionary<string, string> values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1].Trim('\''));
        return new BlueZMockBus(
            values["LUMBARBAND_BLUEZ_BUS"],
            int.Parse(values["DBUS_DAEMON_PID"], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(values["BLUEZ_MOCK_PID"], System.Globalization.CultureInfo.InvariantCulture),
            logFile);
    }

    /// <summary>The mock's log so far.</summary>
    public string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill(_mockPid);
        Kill(_daemonPid);
    }

    private static void Kill(int pid)
    {
        try
        {
            using Process process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            return;
        }
        catch (InvalidOperationException)
        {
            return;
        }

        // Not our child (the script started it), so Process cannot wait for it: watch /proc until it is gone or a zombie.
        for (int i = 0; i < 100 && IsRunning(pid); i++)
        {
            Thread.Sleep(20);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            int end = stat.LastIndexOf(')');
            return end > 0 && end + 2 < stat.Length && stat[end + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Script()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "bluez-mock", "start-bluez-mock.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("tests/bluez-mock/start-bluez-mock.sh not found above " + AppContext.BaseDirectory);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(dir => File.Exists(Path.Combine(dir, program)));

    private static int Run(string program, string arguments)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
