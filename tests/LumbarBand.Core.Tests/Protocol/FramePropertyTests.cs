using LumbarBand.Core.Cueing;
using System.Diagnostics;
using LumbarBand.Core.Configuration;
using LumbarBand.Core.Protocol;
using LumbarBand.Core.Storage;
using Xunit.Abstractions;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Property tests over hundreds of thousands of seeded random and mutated frames: nothing escapes the handler, every
/// frame gets one response that echoes it, every frame an independent oracle says must be refused is refused with the
/// right code, and every refused frame leaves the band and the handler exactly as they were.
/// </summary>
public sealed class FramePropertyTests(ITestOutputHelper output)
{
    /// <summary>Frames of each kind (random, mutated); the brief asks for at least 100,000 in all.</summary>
    private const int FramesPerKind = 100_000;

    private static readonly LinkSecurity[] Links =
        [LinkSecurity.None, LinkSecurity.Encrypted, LinkSecurity.Proven, LinkSecurity.Trusted];

    [Fact]
    public void RandomFramesAreAnsweredAndRefusedFramesChangeNothing()
    {
        var run = new PropertyRun(seed: 0x5EED_0001);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < FramesPerKind; i++)
        {
            run.Churn();
            byte[] frame = run.RandomFrame(out int length);
            LinkSecurity link = run.Random.Next(3) == 0 ? Links[run.Random.Next(Links.Length)] : LinkSecurity.Trusted;
            run.Check(frame, length, link);
        }

        watch.Stop();
        output.WriteLine($"random frames: {FramesPerKind}, refused {run.Refused}, accepted {run.Accepted}, {watch.ElapsedMilliseconds} ms");
        Assert.True(run.Refused > FramesPerKind / 2, "random frames should mostly be refused");
        Assert.True(run.Accepted > 1000, "some random frames should get through to the band");
    }

    [Fact]
    public void MutatedValidFramesAreAnsweredAndRefusedFramesChangeNothing()
    {
        var run = new PropertyRun(seed: 0x5EED_0002);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < FramesPerKind; i++)
        {
            run.Churn();
            byte[] frame = run.ValidFrame(out int length);
            length = run.Mutate(frame, length);
            LinkSecurity link = run.Random.Next(10) == 0 ? Links[run.Random.Next(Links.Length)] : LinkSecurity.Trusted;
            run.Check(frame, length, link);
        }

        watch.Stop();
        output.WriteLine($"mutated frames: {FramesPerKind}, refused {run.Refused}, accepted {run.Accepted}, {watch.ElapsedMilliseconds} ms");
        foreach (KeyValuePair<ErrorCode, int> pair in run.RefusedBy.OrderBy(p => p.Key))
        {
            output.WriteLine($"  {pair.Key}: {pair.Value}");
        }

        Assert.True(run.Refused > 10_000 && run.Accepted > 10_000, $"refused {run.Refused}, accepted {run.Accepted}");

        // The mutations reach deep: refusals by the band and by parameter checks, not only by the header checks.
        foreach (ErrorCode code in new[]
                 {
                     ErrorCode.BadLength, ErrorCode.UnknownOpcode, ErrorCode.NotEncrypted, ErrorCode.NotTrusted, ErrorCode.Unsupported,
                     ErrorCode.InvalidParameter, ErrorCode.SessionNotFound, ErrorCode.OffsetOutOfRange, ErrorCode.CrcMismatch,
                     ErrorCode.InvalidConfiguration, ErrorCode.BadConfirmation, ErrorCode.OutOfSequence, ErrorCode.Busy,
                 })
        {
            Assert.True(run.RefusedBy.ContainsKey(code), $"no frame was refused with {code}");
        }
    }

    [Fact]
    public void InvalidFrameArgumentsGetAnErrorResponseNotAnException()
    {
        var handler = new CommandHandler(new FakeBand());
        var response = new byte[ProtocolConstants.MaxPayloadBytes];
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, handler.OnControlWrite(null!, 5, LinkSecurity.Trusted, response));
        Assert.Equal((byte)ErrorCode.BadLength, response[ProtocolConstants.StatusOffset]);
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, handler.OnControlWrite(new byte[3], 4, LinkSecurity.Trusted, response));
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, handler.OnControlWrite(new byte[3], -1, LinkSecurity.Trusted, response));
        Assert.Equal(ProtocolConstants.ErrorResponseBytes, handler.OnControlWrite([], 0, LinkSecurity.Trusted, response));
        Assert.Equal((byte)Opcode.None, response[ProtocolConstants.OpcodeOffset]);
    }

    /// <summary>
    /// Request lengths by opcode as docs/protocol.md's message table gives them (the minimum for WriteConfiguration),
    /// written out here independently of <see cref="MessageLayout"/>.
    /// </summary>
    private static readonly int[] ExpectedLengths = [0, 2, 6, 4, 5, 8, 6, 10, 10, 6, 2, 3, 3, 6, 2, 10, 2, 18];

    /// <summary>One seeded run: a band with sessions, a handler, a generator of frames, and the checks.</summary>
    private sealed class PropertyRun
    {
        private readonly FakeBand _band = new();
        private readonly CommandHandler _handler;
        private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _chunk = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _staged = new byte[SettingsCodec.MaxEncodedLength];
        private readonly byte[] _encoding = new byte[SettingsCodec.MaxEncodedLength];
        private int _encodingLength;

        public PropertyRun(int seed)
        {
            Random = new Random(seed);
            _handler = new CommandHandler(_band);
            _handler.OnConnected();
            Reseed();
        }

        public Random Random { get; }

        public int Refused { get; private set; }

        public int Accepted { get; private set; }

        public Dictionary<ErrorCode, int> RefusedBy { get; } = [];

        /// <summary>
        /// Between frames, what a live band does on its own: data flows, the MTU changes, sessions close and new
        /// ones are recorded, calibration completes. Not under test for "no change".
        /// </summary>
        public void Churn()
        {
            int roll = Random.Next(100);
            if (roll < 20)
            {
                for (int i = Random.Next(1, 4); i > 0; i--)
                {
                    _handler.NextDataChunk(_chunk);
                }
            }
            else if (roll < 22)
            {
                _handler.OnMtuChanged(Random.Next(ProtocolConstants.DefaultAttMtu - 5, 300));
            }
            else if (roll < 23)
            {
                _band.CompleteCalibration();
            }
            else if (roll < 24)
            {
                _band.CloseSessions();
            }
            else if (roll < 25)
            {
                _handler.OnDisconnected();
                _handler.OnConnected();
            }

            if (_band.SessionCount < 2)
            {
                Reseed();
            }
        }

        public byte[] RandomFrame(out int length)
        {
            length = Random.Next(0, 24);
            var frame = new byte[24];
            Random.NextBytes(frame);
            if (length > 0 && Random.Next(2) == 0)
            {
                // Half of these aim at a real opcode with its documented length, to get past the header checks.
                int opcode = Random.Next(0, ExpectedLengths.Length + 2);
                frame[0] = (byte)opcode;
                if (opcode > 0 && opcode < ExpectedLengths.Length && Random.Next(2) == 0)
                {
                    length = ExpectedLengths[opcode];
                }
            }

            return frame;
        }

        public byte[] ValidFrame(out int length)
        {
            var f = new byte[ProtocolConstants.MaxPayloadBytes];
            byte id = (byte)Random.Next(256);
            FakeSession session = _band.Sessions[Random.Next(_band.Sessions.Count)];
            switch (Random.Next(14))
            {
                case 0:
                    length = RequestBuilder.GetDeviceInfo(f, id);
                    break;
                case 1:
                    length = RequestBuilder.SetTime(f, id, ProtocolConstants.EarliestUtcSeconds + (uint)Random.Next(int.MaxValue));
                    break;
                case 2:
                    length = RequestBuilder.GetConfiguration(f, id, Random.Next(0, 90));
                    break;
                case 3:
                    length = StageSettings(f, id);
                    break;
                case 4:
                    int staged = _handler.Upload.CopyStagedTo(_staged);
                    length = RequestBuilder.CommitConfiguration(f, id, staged, Crc32.Compute(_staged, 0, staged));
                    break;
                case 5:
                    length = RequestBuilder.ListSessions(f, id, Random.Next(2) == 0 ? 0 : session.Id);
                    break;
                case 6:
                    length = RequestBuilder.ReadSession(f, id, session.Id, Random.Next(session.Bytes.Length + 1));
                    break;
                case 7:
                    length = RequestBuilder.AcknowledgeSessions(f, id, session.Id, session.Crc);
                    break;
                case 8:
                    length = Random.Next(8) == 0 ? RequestBuilder.EraseSessions(f, id) : RequestBuilder.CancelRead(f, id);
                    break;
                case 9:
                    length = RequestBuilder.StartCalibration(f, id);
                    break;
                case 10:
                    length = RequestBuilder.TestCue(f, id, (byte)Random.Next(FakeBand.CuePatterns));
                    break;
                case 11:
                    length = RequestBuilder.SetMode(f, id, (CueMode)Random.Next(2));
                    break;
                case 12:
                    length = Random.Next(20) == 0 ? RequestBuilder.FactoryReset(f, id) : RequestBuilder.CancelRead(f, id);
                    break;
                default:
                    length = RequestBuilder.CancelRead(f, id);
                    break;
            }

            return f;
        }

        /// <summary>Changes one thing about a valid frame; returns its new length.</summary>
        public int Mutate(byte[] frame, int length)
        {
            switch (Random.Next(6))
            {
                case 0:
                    frame[Random.Next(length)] ^= (byte)(1 << Random.Next(8));
                    return length;
                case 1:
                    frame[Random.Next(length)] = (byte)Random.Next(256);
                    return length;
                case 2:
                    return Random.Next(length);
                case 3:
                    int extra = Random.Next(1, 4);
                    for (int i = 0; i < extra && length < frame.Length; i++)
                    {
                        frame[length++] = (byte)Random.Next(256);
                    }

                    return length;
                case 4:
                    frame[0] = (byte)Random.Next(256);
                    return length;
                default:
                    if (length > MessageLayout.ParameterOffset)
                    {
                        int at = Random.Next(MessageLayout.ParameterOffset, length);
                        frame[at] = (byte)(frame[at] + Random.Next(-3, 4));
                    }

                    return length;
            }
        }

        /// <summary>Sends one frame and checks every property.</summary>
        public void Check(byte[] frame, int length, LinkSecurity link)
        {
            string bandBefore = _band.StateSignature();
            string handlerBefore = HandlerSignature();
            ErrorCode? mustRefuse = Oracle(frame, length, link);

            int n = _handler.OnControlWrite(frame, length, link, _response);

            Assert.InRange(n, ProtocolConstants.ResponseHeaderBytes, _handler.MaxPayload);
            Assert.Equal(length >= 1 ? frame[0] : 0, _response[ProtocolConstants.OpcodeOffset]);
            Assert.Equal(length >= 2 ? frame[1] : 0, _response[ProtocolConstants.RequestIdOffset]);
            var status = (ErrorCode)_response[ProtocolConstants.StatusOffset];
            if (mustRefuse.HasValue)
            {
                Assert.Equal(mustRefuse.Value, status);
            }

            if (status == ErrorCode.None)
            {
                Accepted++;
                return;
            }

            Refused++;
            RefusedBy[status] = RefusedBy.GetValueOrDefault(status) + 1;
            Assert.True(n >= ProtocolConstants.ErrorResponseBytes, "an error response carries its detail byte");
            Assert.Equal(bandBefore, _band.StateSignature());
            Assert.Equal(handlerBefore, HandlerSignature());
        }

        /// <summary>
        /// What the spec (docs/protocol.md) says about the frame's header alone, written independently of the
        /// handler: the refusal it must get, or null when the header checks pass.
        /// </summary>
        private static ErrorCode? Oracle(byte[] frame, int length, LinkSecurity link)
        {
            if (length == 0)
            {
                return ErrorCode.BadLength;
            }

            int opcode = frame[0];
            if (opcode == 0 || opcode >= ExpectedLengths.Length)
            {
                return ErrorCode.UnknownOpcode;
            }

            // Device info (1) and the link requests Enroll, Challenge, Prove (15–17) pass the trust gate.
            bool open = opcode == 1 || opcode >= 15;
            if (!open && (link & LinkSecurity.Encrypted) == 0)
            {
                return ErrorCode.NotEncrypted;
            }

            if (!open && (link & LinkSecurity.Proven) == 0)
            {
                return ErrorCode.NotTrusted;
            }

            bool variable = opcode == (int)Opcode.WriteConfiguration;
            if (variable ? length < ExpectedLengths[opcode] : length != ExpectedLengths[opcode])
            {
                return ErrorCode.BadLength;
            }

            return null;
        }

        private string HandlerSignature()
        {
            DownloadTransfer t = _handler.Transfer;
            int staged = _handler.Upload.CopyStagedTo(_staged);
            return $"{t.Active}|{t.SessionId}|{t.Length}|{t.Offset}|{t.Sequence}|{t.Aborted}|{_handler.MaxPayload}|"
                + Convert.ToHexString(_staged, 0, staged);
        }

        /// <summary>
        /// A valid settings write: the next slice of the encoding being uploaded (a real one, sometimes with a value
        /// out of range), or the first slice of a new one.
        /// </summary>
        private int StageSettings(byte[] f, byte id)
        {
            int staged = _handler.Upload.StagedLength;
            bool next = staged > 0 && staged < _encodingLength && Random.Next(4) != 0;
            if (!next)
            {
                NewEncoding();
            }

            int offset = next ? staged : 0;
            int count = Math.Min(RequestBuilder.MaxConfigurationChunk(_handler.MaxPayload), _encodingLength - offset);
            return RequestBuilder.WriteConfiguration(f, id, offset, _encoding, offset, count);
        }

        private void NewEncoding()
        {
            if (Random.Next(4) == 0)
            {
                _encodingLength = SettingsCodec.WriteHeader(_encoding, 0);
                _encodingLength = SettingsCodec.WriteSetting(_encoding, _encodingLength, (int)SettingId.FlexionThresholdCentidegrees, Random.Next(-100, 9000));
            }
            else
            {
                var settings = new BandSettings();
                settings.Set(SettingId.FlexionDwellMs, Random.Next(1000, 120_000));
                _encodingLength = SettingsCodec.Encode(settings, _encoding, 0);
            }
        }

        private void Reseed()
        {
            for (int i = 0; i < 3; i++)
            {
                var bytes = new byte[Random.Next(1, 400)];
                Random.NextBytes(bytes);
                _band.AddSession(bytes, open: i == 2);
            }
        }
    }
}
