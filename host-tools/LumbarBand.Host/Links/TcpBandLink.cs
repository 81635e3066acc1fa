using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Links;

/// <summary>
/// <see cref="IBandLink"/> to the virtual band over TCP on the loopback interface, in the framing of
/// <see cref="TcpLinkFraming"/>. Behaves like a BLE link: an MTU exchange, a bond that the band must accept, write
/// responses before notifications, and a link that can drop at any moment.
/// </summary>
public sealed class TcpBandLink : IBandLink
{
    private readonly int _port;
    private readonly int _requestedMtu;
    private readonly ulong _hostId;
    private readonly TimeSpan _timeout;
    private readonly Channel<BandNotification> _notifications = Channel.CreateUnbounded<BandNotification>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly SemaphoreSlim _operation = new(1, 1);
    private readonly object _pendingLock = new();
    private TcpClient? _client;
    private NetworkStream? _stream;
    private Task? _reader;
    private TaskCompletionSource<TcpLinkMessage>? _pending;
    private TcpLinkMessageType _pendingType;
    private volatile bool _connected;
    private volatile bool _closing;

    /// <summary>
    /// A link to the virtual band on 127.0.0.1:<paramref name="port"/>, asking for ATT MTU
    /// <paramref name="requestedMtu"/>, as host <paramref name="hostId"/> (the band keeps bonds by it; null: an id
    /// derived from this user and machine, so bonds outlive one run).
    /// </summary>
    public TcpBandLink(int port, int requestedMtu = ProtocolConstants.MaxAttMtu, ulong? hostId = null, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, ushort.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(requestedMtu, ProtocolConstants.DefaultAttMtu);
        _port = port;
        _requestedMtu = Math.Min(requestedMtu, ushort.MaxValue);
        _hostId = hostId ?? DefaultHostId();
        _timeout = timeout ?? TimeSpan.FromSeconds(5);
        Description = string.Create(CultureInfo.InvariantCulture, $"virtual band at 127.0.0.1:{port}");
    }

    /// <inheritdoc/>
    public string Description { get; private set; }

    /// <summary>What the virtual band said it replays (from its Welcome), e.g. "simulated walk (seed 1): …".</summary>
    public string BandLabel { get; private set; } = "";

    /// <inheritdoc/>
    public int AttMtu { get; private set; } = ProtocolConstants.DefaultAttMtu;

    /// <inheritdoc/>
    public bool IsConnected => _connected;

    /// <inheritdoc/>
    public bool IsPaired { get; private set; }

    /// <inheritdoc/>
    public ChannelReader<BandNotification> Notifications => _notifications.Reader;

    /// <summary>A host id stable for this user on this machine (FNV-1a of user and machine name).</summary>
    public static ulong DefaultHostId()
    {
        const ulong offsetBasis = 14695981039346656037;
        const ulong prime = 1099511628211;
        ulong hash = offsetBasis;
        foreach (char c in Environment.UserName + "@" + Environment.MachineName)
        {
            hash = (hash ^ c) * prime;
        }

        return hash;
    }

    /// <inheritdoc/>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_connected)
        {
            return;
        }

        var client = new TcpClient { NoDelay = true };
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, _port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            client.Dispose();
            throw new BandNotFoundException(
                string.Create(CultureInfo.InvariantCulture, $"band not found: no virtual band listens on 127.0.0.1:{_port} (start one with `lumbarband virtual-band`)"), e);
        }

        _client = client;
        _stream = client.GetStream();
        _connected = true;
        _reader = Task.Run(ReadLoopAsync, CancellationToken.None);
        var hello = new byte[10];
        BinaryPrimitives.WriteUInt16LittleEndian(hello, (ushort)_requestedMtu);
        BinaryPrimitives.WriteUInt64LittleEndian(hello.AsSpan(2), _hostId);
        TcpLinkMessage welcome = await ExchangeAsync(TcpLinkMessageType.Hello, hello, TcpLinkMessageType.Welcome, cancellationToken).ConfigureAwait(false);
        if (welcome.Body.Length < 3)
        {
            throw new BandLinkLostException("the virtual band sent a malformed welcome");
        }

        AttMtu = BinaryPrimitives.ReadUInt16LittleEndian(welcome.Body.Span);
        IsPaired = welcome.Body.Span[2] != 0;
        BandLabel = Encoding.UTF8.GetString(welcome.Body.Span[3..]);
        if (BandLabel.Length > 0)
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"virtual band at 127.0.0.1:{_port} ({BandLabel})");
        }
    }

    /// <inheritdoc/>
    public async Task PairAsync(CancellationToken cancellationToken)
    {
        if (IsPaired)
        {
            return;
        }

        TcpLinkMessage result = await ExchangeAsync(TcpLinkMessageType.Pair, ReadOnlyMemory<byte>.Empty, TcpLinkMessageType.PairResult, cancellationToken).ConfigureAwait(false);
        if (result.Body.Length < 1 || result.Body.Span[0] != TcpLinkFraming.PairBonded)
        {
            throw new PairingRefusedException();
        }

        IsPaired = true;
    }

    /// <inheritdoc/>
    public async Task SubscribeAsync(BandCharacteristic characteristic, CancellationToken cancellationToken)
    {
        TcpLinkMessage result = await ExchangeAsync(TcpLinkMessageType.Subscribe, new byte[] { (byte)characteristic, 1 }, TcpLinkMessageType.SubscribeResult, cancellationToken).ConfigureAwait(false);
        ThrowOnAttError(result, characteristic, "subscribe to");
    }

    /// <inheritdoc/>
    public async Task WriteAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken cancellationToken)
    {
        var body = new byte[1 + value.Length];
        body[0] = (byte)characteristic;
        value.CopyTo(body.AsMemory(1));
        TcpLinkMessage result = await ExchangeAsync(TcpLinkMessageType.Write, body, TcpLinkMessageType.WriteResult, cancellationToken).ConfigureAwait(false);
        ThrowOnAttError(result, characteristic, "write");
    }

    /// <inheritdoc/>
    public async Task<byte[]> ReadAsync(BandCharacteristic characteristic, CancellationToken cancellationToken)
    {
        TcpLinkMessage result = await ExchangeAsync(TcpLinkMessageType.Read, new byte[] { (byte)characteristic }, TcpLinkMessageType.ReadResult, cancellationToken).ConfigureAwait(false);
        ThrowOnAttError(result, characteristic, "read");
        return result.Body[2..].ToArray();
    }

    /// <inheritdoc/>
    public async Task DisconnectAsync()
    {
        _closing = true;
        _connected = false;
        _client?.Dispose();
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }

        _notifications.Writer.TryComplete();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _operation.Dispose();
    }

    private static void ThrowOnAttError(TcpLinkMessage result, BandCharacteristic characteristic, string what)
    {
        if (result.Body.Length < 2)
        {
            throw new BandLinkLostException("the virtual band sent a malformed result");
        }

        byte error = result.Body.Span[1];
        if (error == TcpLinkFraming.AttInsufficientAuthentication)
        {
            throw new PairingRequiredException(string.Create(CultureInfo.InvariantCulture, $"the band refused to {what} {characteristic}: pair with it first"));
        }

        if (error != 0)
        {
            throw new LumbarBandException(string.Create(CultureInfo.InvariantCulture, $"the band refused to {what} {characteristic} (ATT error 0x{error:X2})"));
        }
    }

    /// <summary>Sends one operation and waits for its result (one at a time, as ATT allows).</summary>
    private async Task<TcpLinkMessage> ExchangeAsync(TcpLinkMessageType type, ReadOnlyMemory<byte> body, TcpLinkMessageType resultType, CancellationToken cancellationToken)
    {
        await _operation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            NetworkStream stream = _stream is not null && _connected ? _stream : throw new BandLinkLostException();
            var pending = new TaskCompletionSource<TcpLinkMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pendingLock)
            {
                _pending = pending;
                _pendingType = resultType;
            }

            try
            {
                await TcpLinkFraming.WriteAsync(stream, type, body, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new BandLinkLostException(BandLinkLostException.DefaultMessage, e);
            }
            catch (ObjectDisposedException e)
            {
                throw new BandLinkLostException(BandLinkLostException.DefaultMessage, e);
            }

            try
            {
                return await pending.Task.WaitAsync(_timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new BandLinkLostException("the band stopped answering; the next download resumes where this one stopped", e);
            }
        }
        finally
        {
            lock (_pendingLock)
            {
                _pending = null;
            }

            _operation.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                TcpLinkMessage? message = await TcpLinkFraming.ReadAsync(_stream!, CancellationToken.None).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                if (message.Type == TcpLinkMessageType.Notify && message.Body.Length >= 1)
                {
                    var source = (BandCharacteristic)message.Body.Span[0];
                    _notifications.Writer.TryWrite(new BandNotification(source, message.Body[1..].ToArray()));
                    continue;
                }

                lock (_pendingLock)
                {
                    if (_pending is not null && message.Type == _pendingType)
                    {
                        _pending.TrySetResult(message);
                    }
                }
            }
        }
        catch (IOException e)
        {
            failure = e;
        }
        catch (ObjectDisposedException e)
        {
            failure = e;
        }
        catch (InvalidDataException e)
        {
            failure = e;
        }

        _connected = false;
        var lost = new BandLinkLostException(BandLinkLostException.DefaultMessage, failure ?? new EndOfStreamException("the virtual band closed the connection"));
        lock (_pendingLock)
        {
            _pending?.TrySetException(lost);
        }

        if (_closing)
        {
            _notifications.Writer.TryComplete();
        }
        else
        {
            _notifications.Writer.TryComplete(lost);
        }
    }
}
