using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// One central connected to the virtual band: the GATT operations of <see cref="TcpLinkFraming"/> turned into calls
/// on Core's <see cref="CommandHandler"/>, with the link's trust decided by Core's <see cref="LinkTrust"/> (the
/// same controller the firmware's GATT adapter drives), and a data pump that sends chunks while a download runs, as the firmware's
/// adapter does.
/// </summary>
internal sealed class VirtualBandConnection : IDisposable
{
    private readonly VirtualBandServer _server;
    private readonly TcpClient _client;
    private readonly LinkTrust _trust;
    private readonly bool[] _subscribed = new bool[4];
    private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly byte[] _chunk = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly byte[] _status = new byte[StatusMessage.EncodedBytes];
    private readonly CancellationTokenSource _drop = new();
    private NetworkStream? _stream;
    private ulong _hostId;
    private bool _greeted;

    public VirtualBandConnection(VirtualBandServer server, TcpClient client)
    {
        _server = server;
        _client = client;
        _trust = server.Handler.Trust!;
    }

    /// <summary>Drops the link at once (fault injection, or the server stopping).</summary>
    public void Drop()
    {
        try
        {
            _drop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }

        _client.Close();
    }

    /// <summary>Serves the connection until the central leaves, the link drops, or the server stops.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        _client.NoDelay = true;
        _stream = _client.GetStream();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, _drop.Token);
        CancellationToken token = linked.Token;
        var incoming = Channel.CreateUnbounded<TcpLinkMessage>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task reader = ReadAsync(incoming.Writer, token);
        lock (_server.Gate)
        {
            _server.Handler.OnConnected();
        }

        try
        {
            await ServeAsync(incoming.Reader, token).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The central went away mid-write: a dropped link.
        }
        catch (ObjectDisposedException)
        {
            // Dropped by fault injection or server stop.
        }
        catch (OperationCanceledException)
        {
            // Server stopping or link dropped.
        }
        finally
        {
            lock (_server.Gate)
            {
                _server.Handler.OnDisconnected();
            }

            _client.Close();
            await reader.ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _drop.Dispose();
    }

    private async Task ServeAsync(ChannelReader<TcpLinkMessage> incoming, CancellationToken token)
    {
        long nextStatus = Environment.TickCount64 + _server.Options.StatusIntervalMs;
        while (!token.IsCancellationRequested)
        {
            if (incoming.TryRead(out TcpLinkMessage? message))
            {
                if (!await HandleAsync(message, token).ConfigureAwait(false))
                {
                    return;
                }

                continue;
            }

            if (incoming.Completion.IsCompleted)
            {
                return;
            }

            if (_subscribed[(int)BandCharacteristic.Data] && await PumpChunkAsync(token).ConfigureAwait(false))
            {
                continue;
            }

            long wait = nextStatus - Environment.TickCount64;
            if (wait > 0)
            {
                try
                {
                    await incoming.WaitToReadAsync(token).AsTask().WaitAsync(TimeSpan.FromMilliseconds(wait), token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Time for a status notification.
                }

                continue;
            }

            nextStatus = Environment.TickCount64 + _server.Options.StatusIntervalMs;
            await NotifyStatusAsync(token).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the next data chunk if a download runs; false when there is none.</summary>
    private async Task<bool> PumpChunkAsync(CancellationToken token)
    {
        int n;
        lock (_server.Gate)
        {
            n = _server.Handler.NextDataChunk(_chunk);
        }

        if (n == 0)
        {
            return false;
        }

        await NotifyAsync(BandCharacteristic.Data, _chunk.AsMemory(0, n), token).ConfigureAwait(false);
        _server.DataChunksSent++;
        if (_server.Faults.OnDataChunkSent())
        {
            Drop();
        }

        return true;
    }

    private async Task NotifyStatusAsync(CancellationToken token)
    {
        if (!_subscribed[(int)BandCharacteristic.Status])
        {
            return;
        }

        int n;
        lock (_server.Gate)
        {
            n = _server.Handler.ReadStatus(_status);
        }

        if (n > 0)
        {
            await NotifyAsync(BandCharacteristic.Status, _status.AsMemory(0, n), token).ConfigureAwait(false);
        }
    }

    /// <summary>Handles one message from the central; false when the link must end.</summary>
    private async Task<bool> HandleAsync(TcpLinkMessage message, CancellationToken token)
    {
        ReadOnlyMemory<byte> body = message.Body;
        if (!_greeted && message.Type != TcpLinkMessageType.Hello)
        {
            return false;
        }

        switch (message.Type)
        {
            case TcpLinkMessageType.Hello:
                await HelloAsync(body, token).ConfigureAwait(false);
                return true;
            case TcpLinkMessageType.Pair:
                await PairAsync(token).ConfigureAwait(false);
                return true;
            case TcpLinkMessageType.Subscribe when body.Length >= 2:
                await SubscribeAsync((BandCharacteristic)body.Span[0], body.Span[1] != 0, token).ConfigureAwait(false);
                return true;
            case TcpLinkMessageType.Write when body.Length >= 1:
                return await WriteAsync((BandCharacteristic)body.Span[0], body[1..], token).ConfigureAwait(false);
            case TcpLinkMessageType.Read when body.Length >= 1:
                await ReadAsync((BandCharacteristic)body.Span[0], token).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    private async Task HelloAsync(ReadOnlyMemory<byte> body, CancellationToken token)
    {
        int requested = body.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(body.Span) : ProtocolConstants.DefaultAttMtu;
        _hostId = body.Length >= 10 ? BinaryPrimitives.ReadUInt64LittleEndian(body.Span[2..]) : 0;
        int mtu = Math.Clamp(requested, ProtocolConstants.DefaultAttMtu, ProtocolConstants.MaxAttMtu);
        bool bonded = _server.IsBonded(_hostId);
        lock (_server.Gate)
        {
            _server.Handler.OnMtuChanged(mtu);
            if (bonded)
            {
                // A bonded central re-encrypts with its stored keys: encrypted, not trusted until it proves its key.
                _trust.OnEncrypted(Environment.TickCount64);
            }
        }

        _greeted = true;
        byte[] label = Encoding.UTF8.GetBytes(_server.Band.Description);
        var welcome = new byte[3 + Math.Min(label.Length, 1000)];
        BinaryPrimitives.WriteUInt16LittleEndian(welcome, (ushort)mtu);
        welcome[2] = bonded ? (byte)1 : (byte)0;
        label.AsSpan(0, welcome.Length - 3).CopyTo(welcome.AsSpan(3));
        await SendAsync(TcpLinkMessageType.Welcome, welcome, token).ConfigureAwait(false);
    }

    private async Task PairAsync(CancellationToken token)
    {
        byte outcome;
        lock (_server.Gate)
        {
            if (_trust.OnEncrypted(Environment.TickCount64))
            {
                _server.AddBond(_hostId);
                outcome = TcpLinkFraming.PairBonded;
            }
            else
            {
                // Outside the window the bond is not kept; the link is encrypted but trusted only by a key's proof.
                outcome = TcpLinkFraming.PairRefused;
            }
        }

        await SendAsync(TcpLinkMessageType.PairResult, new[] { outcome }, token).ConfigureAwait(false);
    }

    private async Task SubscribeAsync(BandCharacteristic characteristic, bool enable, CancellationToken token)
    {
        byte error = 0;
        if (!Enum.IsDefined(characteristic))
        {
            error = TcpLinkFraming.AttWriteNotPermitted;
        }
        else if (characteristic != BandCharacteristic.ControlPoint && (_trust.Security & LinkSecurity.Encrypted) == 0)
        {
            // Status and data require encryption at the GATT level (docs/protocol.md §2).
            error = TcpLinkFraming.AttInsufficientAuthentication;
        }
        else
        {
            _subscribed[(int)characteristic] = enable;
        }

        await SendAsync(TcpLinkMessageType.SubscribeResult, new[] { (byte)characteristic, error }, token).ConfigureAwait(false);
    }

    /// <summary>A write with response: the ATT response first, then the band's response as a notification.</summary>
    private async Task<bool> WriteAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken token)
    {
        if (characteristic != BandCharacteristic.ControlPoint)
        {
            await SendAsync(TcpLinkMessageType.WriteResult, new[] { (byte)characteristic, TcpLinkFraming.AttWriteNotPermitted }, token).ConfigureAwait(false);
            return true;
        }

        if (value.Length >= 1 && _server.Faults.OnRequest((Opcode)value.Span[0]))
        {
            return false;
        }

        byte[] frame = value.ToArray();
        int n;
        lock (_server.Gate)
        {
            n = _server.Handler.OnControlWrite(frame, frame.Length, _response);
            if (_server.Handler.IsAwaitingBand)
            {
                // The band's owner applies the request at its next drain (the firmware's sampling thread, every 40 ms).
                _server.Band.RunBandOwner();
                n = _server.Handler.CompletePending(_response);
            }
        }

        await SendAsync(TcpLinkMessageType.WriteResult, new[] { (byte)characteristic, (byte)0 }, token).ConfigureAwait(false);
        if (_subscribed[(int)BandCharacteristic.ControlPoint])
        {
            await NotifyAsync(BandCharacteristic.ControlPoint, _response.AsMemory(0, n), token).ConfigureAwait(false);
        }

        return true;
    }

    private async Task ReadAsync(BandCharacteristic characteristic, CancellationToken token)
    {
        if (characteristic != BandCharacteristic.Status)
        {
            await SendAsync(TcpLinkMessageType.ReadResult, new[] { (byte)characteristic, TcpLinkFraming.AttReadNotPermitted }, token).ConfigureAwait(false);
            return;
        }

        int n;
        lock (_server.Gate)
        {
            n = _server.Handler.ReadStatus(_status);
        }

        var result = new byte[2 + n];
        result[0] = (byte)characteristic;
        result[1] = n == 0 ? TcpLinkFraming.AttInsufficientAuthentication : (byte)0;
        _status.AsSpan(0, n).CopyTo(result.AsSpan(2));
        await SendAsync(TcpLinkMessageType.ReadResult, result, token).ConfigureAwait(false);
    }

    private Task NotifyAsync(BandCharacteristic characteristic, ReadOnlyMemory<byte> value, CancellationToken token)
    {
        var body = new byte[1 + value.Length];
        body[0] = (byte)characteristic;
        value.CopyTo(body.AsMemory(1));
        return SendAsync(TcpLinkMessageType.Notify, body, token);
    }

    private Task SendAsync(TcpLinkMessageType type, ReadOnlyMemory<byte> body, CancellationToken token) =>
        TcpLinkFraming.WriteAsync(_stream!, type, body, token);

    private async Task ReadAsync(ChannelWriter<TcpLinkMessage> incoming, CancellationToken token)
    {
        try
        {
            while (true)
            {
                TcpLinkMessage? message = await TcpLinkFraming.ReadAsync(_stream!, token).ConfigureAwait(false);
                if (message is null)
                {
                    break;
                }

                incoming.TryWrite(message);
            }
        }
        catch (IOException)
        {
            // The link dropped.
        }
        catch (InvalidDataException)
        {
            // A broken central: end the link.
        }
        catch (ObjectDisposedException)
        {
            // Closed on our side.
        }
        catch (OperationCanceledException)
        {
            // Server stopping or link dropped.
        }

        incoming.TryComplete();
    }
}
