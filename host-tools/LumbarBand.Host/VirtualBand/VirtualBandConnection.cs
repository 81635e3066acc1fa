using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using LumbarBand.Core.Protocol;
using LumbarBand.Host.Links;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// One central connected to the virtual band: the GATT operations of <see cref="TcpLinkFraming"/> turned into events
/// of Core's <see cref="LinkController"/> (the same controller the firmware's GATT adapter drives, with its
/// <see cref="CommandHandler"/> and <see cref="LinkTrust"/>), and the controller's actions turned into TCP messages:
/// responses, download chunks (retries, order), status every period, the factory reset and its reboot.
/// </summary>
internal sealed class VirtualBandConnection : IDisposable
{
    private readonly VirtualBandServer _server;
    private readonly TcpClient _client;
    /// <summary>The firmware's control tick: how often the controller is asked for actions when nothing arrives, ms.</summary>
    private const int TickMs = 20;

    /// <summary>Actions taken before incoming messages are looked at again (a cancel must not wait for a whole download).</summary>
    private const int ActionsPerTurn = 16;

    private readonly LinkController _link;
    private readonly bool[] _subscribed = new bool[4];
    private readonly byte[] _status = new byte[StatusMessage.EncodedBytes];
    private readonly CancellationTokenSource _drop = new();
    private NetworkStream? _stream;
    private ulong _hostId;
    private bool _greeted;

    public VirtualBandConnection(VirtualBandServer server, TcpClient client)
    {
        _server = server;
        _client = client;
        _link = server.Link;
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
            _link.OnConnected(Environment.TickCount64);
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
                _link.OnDisconnected();
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
        while (!token.IsCancellationRequested)
        {
            if (incoming.TryRead(out TcpLinkMessage? message))
            {
                if (!await HandleAsync(message, token).ConfigureAwait(false))
                {
                    return;
                }
            }
            else if (incoming.Completion.IsCompleted)
            {
                return;
            }

            if (await TakeActionsAsync(token).ConfigureAwait(false))
            {
                continue;
            }

            try
            {
                await incoming.WaitToReadAsync(token).AsTask().WaitAsync(TimeSpan.FromMilliseconds(TickMs), token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The next tick: status, retries, the reboot.
            }
        }
    }

    /// <summary>
    /// Does what the link controller asks, up to <see cref="ActionsPerTurn"/> actions (the band's owner first applies a
    /// request waiting for it, as the sampling thread would within 40 ms); false when it asked for nothing.
    /// </summary>
    private async Task<bool> TakeActionsAsync(CancellationToken token)
    {
        for (int taken = 0; taken < ActionsPerTurn; taken++)
        {
            LinkAction action;
            byte[] payload = [];
            lock (_server.Gate)
            {
                if (_link.Handler.IsAwaitingBand)
                {
                    _server.Band.RunBandOwner();
                }

                action = _link.Next(Environment.TickCount64);
                if (action is LinkAction.NotifyControl or LinkAction.NotifyData or LinkAction.NotifyStatus)
                {
                    payload = _link.Payload.AsSpan(0, _link.PayloadLength).ToArray();
                }
                else if (action == LinkAction.SaveTrustedHosts)
                {
                    _link.OnTrustedHostsSaved(true); // the virtual band keeps its hosts in memory
                }
                else if (action == LinkAction.CompleteFactoryReset)
                {
                    _server.CompleteFactoryReset();
                }
            }

            switch (action)
            {
                case LinkAction.None:
                    return taken > 0;
                case LinkAction.NotifyControl:
                    await NotifyIfSubscribedAsync(BandCharacteristic.ControlPoint, payload, token).ConfigureAwait(false);
                    break;
                case LinkAction.NotifyStatus:
                    await NotifyIfSubscribedAsync(BandCharacteristic.Status, payload, token).ConfigureAwait(false);
                    break;
                case LinkAction.NotifyData:
                    await NotifyIfSubscribedAsync(BandCharacteristic.Data, payload, token).ConfigureAwait(false);
                    _server.DataChunksSent++;
                    if (_server.Faults.OnDataChunkSent())
                    {
                        Drop();
                    }

                    break;
                case LinkAction.Reboot:
                    // The band reboots: the link ends (the simulation goes on with its state as the flash kept it).
                    Drop();
                    return true;
                default:
                    // SetBonding, DeleteNewBonds: the virtual band keeps a bond only when trust accepted the pairing.
                    break;
            }

            if (action is LinkAction.NotifyControl or LinkAction.NotifyData or LinkAction.NotifyStatus)
            {
                lock (_server.Gate)
                {
                    _link.OnNotified(true, Environment.TickCount64);
                }
            }
        }

        return true;
    }

    private Task NotifyIfSubscribedAsync(BandCharacteristic characteristic, byte[] value, CancellationToken token) =>
        _subscribed[(int)characteristic] ? NotifyAsync(characteristic, value, token) : Task.CompletedTask;

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
            _link.OnMtuChanged(mtu);
            if (bonded)
            {
                // A bonded central re-encrypts with its stored keys: encrypted, not trusted until it proves its key.
                _link.OnEncrypted(Environment.TickCount64);
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
            if (_link.OnEncrypted(Environment.TickCount64))
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
        else if (characteristic != BandCharacteristic.ControlPoint && (_link.Handler.Trust!.Security & LinkSecurity.Encrypted) == 0)
        {
            // Status and data require encryption at the GATT level (docs/protocol.md §2).
            error = TcpLinkFraming.AttInsufficientAuthentication;
        }
        else
        {
            _subscribed[(int)characteristic] = enable;
            lock (_server.Gate)
            {
                if (characteristic == BandCharacteristic.Status)
                {
                    _link.OnStatusSubscribed(enable);
                }
                else if (characteristic == BandCharacteristic.Data)
                {
                    _link.OnDataSubscribed(enable);
                }
            }
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

        // The ATT write response first (the firmware's Respond() in the write event); the band's response follows
        // as the controller's NotifyControl action. Messages are handled one at a time and the actions taken after
        // each, so the controller is always ready for the next write.
        await SendAsync(TcpLinkMessageType.WriteResult, new[] { (byte)characteristic, (byte)0 }, token).ConfigureAwait(false);
        byte[] frame = value.ToArray();
        lock (_server.Gate)
        {
            _link.OnControlWrite(frame, frame.Length);
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
            n = _link.ReadStatus(_status);
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
