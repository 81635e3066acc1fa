using System.Reflection;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Cueing;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Runtime;
using LumbarBand.Core.Session;
using LumbarBand.Core.Storage;
using LumbarBand.Core.Tests.Session;

namespace LumbarBand.Core.Tests.Firmware;

/// <summary>
/// One owner per resource (issue 16): the sampling thread owns <see cref="Band"/>; the protocol's port and handler
/// (control thread) reach it only through Core's <see cref="BandCommandChannel"/>, so no BLE or flash work can take a
/// lock the sampling thread holds. These tests fail if a request touched the band directly: the band must not change
/// before its owner drains the queue, the port's object graph must not reach the band, and with real threads every
/// motor write must come from the owner's thread.
/// </summary>
public sealed class BandOwnershipTests
{
    private readonly byte[] _frame = new byte[ProtocolConstants.MaxPayloadBytes];
    private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];

    [Fact]
    public void ARequestChangesTheBandOnlyWhenItsOwnerDrainsTheQueue()
    {
        var band = new Band();
        var host = new FakePortHost { UptimeUs = 3_000_000 };
        var wiring = new PortAndOwner(band, band.Sessions, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), host);
        var handler = new CommandHandler(wiring.Port);
        handler.OnConnected();

        AssertAppliedOnlyAtDrain(handler, wiring, (f, id) => RequestBuilder.SetTime(f, id, 1_750_000_000), () => band.Sessions.Clock.IsSet);
        AssertAppliedOnlyAtDrain(handler, wiring, (f, id) => RequestBuilder.SetMode(f, id, CueMode.Tracking), () => band.Settings.CueMode == CueMode.Tracking);
        AssertAppliedOnlyAtDrain(handler, wiring, (f, id) => RequestBuilder.TestCue(f, id, 3), () => band.Cues.Player.Current == HapticPatterns.ForLevel(3));
        band.Sessions.StartNow(host.UptimeUs);
        AssertAppliedOnlyAtDrain(handler, wiring, (f, id) => RequestBuilder.EraseSessions(f, id), () => !band.Sessions.IsSessionOpen);
        Assert.Equal(4, wiring.Receiver.Applied);

        // The band's own answer travels back: a fresh band is still waiting for its first neutral capture.
        Assert.Equal(0, handler.OnControlWrite(_frame, RequestBuilder.StartCalibration(_frame, 9), LinkSecurity.Trusted, _response));
        wiring.RunOwner();
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, handler.CompletePending(_response));
        Assert.Equal(ErrorCode.Busy, (ErrorCode)_response[ProtocolConstants.StatusOffset]);
    }

    [Fact]
    public void AWriteWhileTheBandAppliesTheLastIsRefusedBusyAndAnAnswerForADroppedLinkIsNotSent()
    {
        var band = new Band();
        var wiring = new PortAndOwner(band, band.Sessions, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), new FakePortHost());
        var handler = new CommandHandler(wiring.Port);
        handler.OnConnected();

        Assert.Equal(0, handler.OnControlWrite(_frame, RequestBuilder.TestCue(_frame, 1, 2), LinkSecurity.Trusted, _response));
        int n = handler.OnControlWrite(_frame, RequestBuilder.GetDeviceInfo(_frame, 2), LinkSecurity.Trusted, _response);
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, n);
        Assert.Equal(ErrorCode.Busy, (ErrorCode)_response[ProtocolConstants.StatusOffset]);

        handler.OnDisconnected();
        wiring.RunOwner();
        Assert.Equal(0, handler.CompletePending(_response));
        Assert.False(handler.IsAwaitingBand);
        Assert.Same(HapticPatterns.Firm, band.Cues.Player.Current); // it took effect; only its response is gone
    }

    [Fact]
    public void NothingThePortOrTheHandlerReachesBelongsToTheBand()
    {
        var band = new Band();
        var wiring = new PortAndOwner(band, band.Sessions, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), new FakePortHost());
        var handler = new CommandHandler(wiring.Port, new LinkTrust(new PairingWindow(1000), new TrustedHosts(), 1));

        HashSet<object> bandSide = Reachable(band, stopAt: null);
        HashSet<object> controlSide = Reachable(handler, stopAt: band.Sessions.Outbox);
        controlSide.IntersectWith(bandSide);

        // The recorder's outbox is the one object both sides hold: a single-producer single-consumer queue.
        Assert.Equal([band.Sessions.Outbox], controlSide);
        Assert.Contains(wiring.Port, Reachable(handler, stopAt: null));
    }

    [Fact]
    public void WithRealThreadsEveryMotorWriteComesFromTheBandsOwner()
    {
        var motor = new ThreadRecordingMotor();
        var band = new Band(new BandSettings(), motor);
        var host = new FakePortHost();
        var channel = new BandCommandChannel();
        var port = new BandPort(channel, band.Sessions.Outbox, new RecordLog(new MemoryRecordStorage(8, 4096)), new BandSettings(), host);
        var receiver = new BandCommandReceiver(band, band.Sessions, channel, port.Identity);
        var handler = new CommandHandler(port);
        handler.OnConnected();

        using var stop = new CancellationTokenSource();
        int ownerThread = 0;
        var sampling = new Thread(() =>
        {
            ownerThread = Environment.CurrentManagedThreadId;
            long t = 0;
            while (!stop.IsCancellationRequested)
            {
                // A band lying still, face up: 1 g on z (4096 counts at ±8 g).
                band.OnSample(t, 0, 0, 4096, 0, 0, 0);
                receiver.TakeEvents(t);
                receiver.Drain(t);
                t += 20_000;
            }
        });
        sampling.Start();

        for (int i = 0; i < 20; i++)
        {
            byte id = (byte)(i + 1);
            int n = handler.OnControlWrite(_frame, i % 2 == 0 ? RequestBuilder.TestCue(_frame, id, (byte)(1 + (i % 3))) : RequestBuilder.SetMode(_frame, id, (CueMode)(i % 2)), LinkSecurity.Trusted, _response);
            Assert.Equal(0, n);
            SpinWait.SpinUntil(() => (n = handler.CompletePending(_response)) > 0, TimeSpan.FromSeconds(10));
            Assert.True(n > 0, "the band's owner did not answer within 10 s");
            Assert.Equal(id, _response[ProtocolConstants.RequestIdOffset]);
            Assert.Equal(ErrorCode.None, (ErrorCode)_response[ProtocolConstants.StatusOffset]);
        }

        var status = new StatusMessage();
        port.GetStatus(status);
        stop.Cancel();
        sampling.Join();

        Assert.NotEmpty(motor.Threads);
        Assert.All(motor.Threads, thread => Assert.Equal(ownerThread, thread));
        Assert.True(channel.Publications > 0);
    }

    [Fact]
    public void TheOutboxCarriesEntriesBetweenTwoThreadsInOrderWithoutALock()
    {
        var outbox = new SessionOutbox();
        const int entries = 5_000;
        var producer = new Thread(() =>
        {
            var payload = new byte[SessionOutbox.MaxPayloadLength];
            for (int i = 0; i < entries;)
            {
                int length = i % (SessionOutbox.MaxPayloadLength + 1);
                for (int k = 0; k < length; k++)
                {
                    payload[k] = (byte)(i + k);
                }

                if (outbox.Put(SessionOperation.Append, (byte)i, payload, length, control: true))
                {
                    i++;
                }
                else
                {
                    Thread.Yield();
                }
            }
        });
        producer.Start();

        var entry = new SessionOutboxEntry();
        int wrong = 0;
        for (int i = 0; i < entries;)
        {
            if (!outbox.TryTake(entry))
            {
                Thread.Yield();
                continue;
            }

            bool same = entry.Type == (byte)i && entry.Length == i % (SessionOutbox.MaxPayloadLength + 1);
            for (int k = 0; same && k < entry.Length; k++)
            {
                same = entry.Payload[k] == (byte)(i + k);
            }

            wrong += same ? 0 : 1;
            i++;
        }

        producer.Join();
        Assert.Equal(0, wrong);
        Assert.Equal(entries, outbox.Produced);
        Assert.Equal(entries, outbox.Consumed);
        Assert.Equal(0, outbox.Count);
    }

    [Fact]
    public void AReaderNeverSeesAHalfPublishedSnapshot()
    {
        var channel = new BandCommandChannel();
        using var stop = new CancellationTokenSource();
        var writer = new Thread(() =>
        {
            var snapshot = new BandSnapshot();
            for (int k = 1; !stop.IsCancellationRequested; k++)
            {
                snapshot.Steps = k;
                snapshot.Cues = k;
                snapshot.SessionStartUs = k;
                snapshot.SessionWalkingUs = k;
                channel.Publish(snapshot);
            }
        });
        writer.Start();

        // Read until enough whole snapshots were seen, not a fixed count: the writer thread may not have published
        // anything yet when a fixed number of reads is already over (a busy 2-core machine).
        var read = new BandSnapshot();
        int consistent = 0;
        int attempts = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((attempts < 20_000 || consistent < 1_000) && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            attempts++;
            if (channel.ReadSnapshot(read))
            {
                Assert.Equal(read.Steps, read.Cues);
                Assert.Equal(read.Steps, read.SessionStartUs);
                Assert.Equal(read.Steps, read.SessionWalkingUs);
                consistent++;
            }
        }

        stop.Cancel();
        writer.Join();
        Assert.True(consistent >= 1_000, $"only {consistent} whole snapshots read in {attempts} attempts while the writer ran");
    }

    private void AssertAppliedOnlyAtDrain(CommandHandler handler, PortAndOwner wiring, Func<byte[], byte, int> build, Func<bool> applied)
    {
        Assert.False(applied(), "already applied before the request");
        int length = build(_frame, 7);
        Assert.Equal(0, handler.OnControlWrite(_frame, length, LinkSecurity.Trusted, _response));
        Assert.True(handler.IsAwaitingBand);
        Assert.Equal(0, handler.CompletePending(_response));
        Assert.False(applied(), $"opcode {(Opcode)_frame[0]} changed the band before its owner drained the queue");

        wiring.RunOwner();
        Assert.True(applied(), $"opcode {(Opcode)_frame[0]} was not applied by the band's owner");
        int n = handler.CompletePending(_response);
        Assert.True(n > 0);
        Assert.Equal(_frame[0], _response[ProtocolConstants.OpcodeOffset]);
        Assert.Equal(7, _response[ProtocolConstants.RequestIdOffset]);
        Assert.Equal(ErrorCode.None, (ErrorCode)_response[ProtocolConstants.StatusOffset]);
        Assert.False(handler.IsAwaitingBand);
    }

    /// <summary>Every object reachable from <paramref name="root"/> through instance fields (not entering <paramref name="stopAt"/>).</summary>
    private static HashSet<object> Reachable(object root, object? stopAt)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<object>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            object current = pending.Pop();
            Type type = current.GetType();
            if (type.IsPrimitive || type.IsEnum || current is string || current is Delegate || current is Type || !seen.Add(current) || ReferenceEquals(current, stopAt))
            {
                continue;
            }

            if (current is Array array)
            {
                if (!type.GetElementType()!.IsPrimitive)
                {
                    foreach (object? element in array)
                    {
                        if (element is not null)
                        {
                            pending.Push(element);
                        }
                    }
                }

                continue;
            }

            for (Type? t = type; t is not null; t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (!field.FieldType.IsPrimitive && field.GetValue(current) is object value)
                    {
                        pending.Push(value);
                    }
                }
            }
        }

        return seen;
    }

    /// <summary>A motor that notes which thread drives it.</summary>
    private sealed class ThreadRecordingMotor : IHapticMotor
    {
        private readonly List<int> _threads = [];

        public IReadOnlyList<int> Threads
        {
            get
            {
                lock (_threads)
                {
                    return [.. _threads];
                }
            }
        }

        public void SetDuty(int dutyPercent)
        {
            lock (_threads)
            {
                _threads.Add(Environment.CurrentManagedThreadId);
            }
        }
    }
}
