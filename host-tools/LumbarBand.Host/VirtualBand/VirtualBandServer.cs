using System.Net;
using System.Net.Sockets;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// The virtual band: a simulated band (<see cref="ISimulatedBand"/>) behind Core's <see cref="CommandHandler"/> and
/// link trust (<see cref="LinkTrust"/>, <see cref="PairingWindow"/>), served over TCP on 127.0.0.1 in the
/// framing of <see cref="Links.TcpLinkFraming"/>, one connection at a time as a BLE peripheral. Its clock replays the
/// walk in real time or faster (<see cref="RunWalkAsync"/>).
/// </summary>
/// <remarks>
/// One lock (<see cref="Gate"/>) serializes the handler, the port and the simulation, as the firmware's adapter does
/// with its own lock: a chunk of an old transfer can never follow the response to a new ReadSession.
/// </remarks>
public sealed class VirtualBandServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<ulong> _bonds = [];
    private Task? _acceptLoop;
    private VirtualBandConnection? _current;

    /// <summary>Creates the server of <paramref name="band"/>; call <see cref="Start"/> to listen.</summary>
    public VirtualBandServer(ISimulatedBand band, VirtualBandOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(band);
        Band = band;
        Options = options ?? new VirtualBandOptions();
        Window = new PairingWindow(Options.PairingWindowMs);
        var hosts = new TrustedHosts();
        hosts.Reset(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SipHash24.KeyBytes), 0);
        Handler = new CommandHandler(band.Port, new LinkTrust(Window, hosts, BitConverter.ToUInt64(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))));
        Link = new LinkController(Handler, Window, Options.StatusIntervalMs);
        if (Options.PairingWindowOpenAtStart)
        {
            Window.Open(Environment.TickCount64);
        }

        // Called under Gate (the handler's status requests), like every other use of the window.
        band.ConnectPairingWindow(() => Window.IsOpen(Environment.TickCount64));
        _listener = new TcpListener(IPAddress.Loopback, Options.Port);
    }

    /// <summary>The simulated band.</summary>
    public ISimulatedBand Band { get; }

    /// <summary>The options it serves with.</summary>
    public VirtualBandOptions Options { get; }

    /// <summary>Faults to inject (dropped links).</summary>
    public VirtualBandFaults Faults { get; } = new();

    /// <summary>The TCP port it listens on (after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Connections accepted so far.</summary>
    public int ConnectionsAccepted { get; private set; }

    /// <summary>Data chunks sent so far, over every connection.</summary>
    public int DataChunksSent { get; internal set; }

    /// <summary>The lock held around every call into the band (handler, port, simulation).</summary>
    public object Gate { get; } = new();

    /// <summary>Core's protocol engine around the band's port.</summary>
    internal CommandHandler Handler { get; }

    /// <summary>The band's pairing window.</summary>
    internal PairingWindow Window { get; }

    /// <summary>Core's link controller around <see cref="Handler"/> (the one the firmware's GATT adapter drives).</summary>
    internal LinkController Link { get; }

    /// <summary>
    /// A factory reset's response has left (under <see cref="Gate"/>): the band's storage and settings reset, every host
    /// forgotten (a new band secret), every bond deleted; the link controller reboots the band (drops the link) next.
    /// </summary>
    internal void CompleteFactoryReset()
    {
        Band.CompleteFactoryReset();
        Handler.Trust!.ForgetAll(System.Security.Cryptography.RandomNumberGenerator.GetBytes(SipHash24.KeyBytes), 0);
        lock (_bonds)
        {
            _bonds.Clear();
        }
    }

    /// <summary>Opens the pairing window now, as three quick presses of the band's button do.</summary>
    public void PressPairingButton()
    {
        lock (Gate)
        {
            Window.Open(Environment.TickCount64);
        }
    }

    /// <summary>Runs <paramref name="read"/> under the band's lock (for tests and status output).</summary>
    public T Inspect<T>(Func<ISimulatedBand, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (Gate)
        {
            return read(Band);
        }
    }

    /// <summary>Starts listening on 127.0.0.1 and accepting connections in the background.</summary>
    public void Start()
    {
        _listener.Start(1);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
    }

    /// <summary>
    /// Replays the walk: <paramref name="speed"/> simulated seconds per real second (1 = real time); 0 or less
    /// replays as fast as the machine goes. Returns when the walk is over or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public async Task RunWalkAsync(double speed, CancellationToken cancellationToken)
    {
        const int batch = 500;
        if (speed <= 0)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                lock (Gate)
                {
                    if (Band.Advance(batch) == 0)
                    {
                        return;
                    }
                }

                await Task.Yield();
            }

            return;
        }

        long startTicks = Environment.TickCount64;
        long startSamples = Band.SamplesDone;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            double elapsedS = (Environment.TickCount64 - startTicks) / 1000.0;
            long target = startSamples + (long)(elapsedS * speed * Band.SampleRateHz);
            lock (Gate)
            {
                int due = (int)Math.Min(int.MaxValue, Math.Max(0, target - Band.SamplesDone));
                if (due > 0 && Band.Advance(due) == 0)
                {
                    return;
                }

                if (Band.SamplesRemaining == 0)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Drops the current connection, if any, as a band going out of range would.</summary>
    public void DropLink()
    {
        _current?.Drop();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        _current?.Drop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    /// <summary>True when <paramref name="hostId"/> holds a bond the band accepted.</summary>
    internal bool IsBonded(ulong hostId)
    {
        lock (_bonds)
        {
            return _bonds.Contains(hostId);
        }
    }

    /// <summary>Keeps the bond of <paramref name="hostId"/>.</summary>
    internal void AddBond(ulong hostId)
    {
        lock (_bonds)
        {
            _bonds.Add(hostId);
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            // A BLE peripheral takes one central at a time: serve this one to the end, then accept the next.
            ConnectionsAccepted++;
            using (client)
            {
                using var connection = new VirtualBandConnection(this, client);
                _current = connection;
                await connection.RunAsync(_stop.Token).ConfigureAwait(false);
                _current = null;
            }
        }
    }
}
