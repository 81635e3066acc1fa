using LumbarBand.Core.Protocol;

namespace LumbarBand.Core.Tests.Protocol;

/// <summary>
/// Who may use the band (Core's <see cref="LinkTrust"/> behind <see cref="CommandHandler"/>, as the firmware's GATT
/// adapter and the virtual band drive it): a host becomes trusted only by enrolling on a link encrypted while the
/// pairing window is open, and afterwards only by proving its key. The attacks of issue 16 are played against it.
/// </summary>
public sealed class LinkTrustTests
{
    private const ulong Phone = 0x1111_2222_3333_4444;
    private const ulong Stranger = 0x9999_8888_7777_6666;

    [Fact]
    public void AHostEnrolledInsideTheWindowIsTrustedAndGetsAKey()
    {
        var band = new LinkedBand();
        band.Window.Open(1_000);
        band.Connect();
        Assert.True(band.Trust.OnEncrypted(2_000));
        Assert.Equal(ErrorCode.None, band.Enroll(Phone, out ulong key0, out ulong key1));
        Assert.Equal(LinkSecurity.Trusted, band.Trust.Security);
        Assert.NotEqual(0UL, key0 | key1);
        Assert.Equal(ErrorCode.None, band.Request(RequestBuilder.StartCalibration));
        Assert.False(band.Window.IsOpen(2_001)); // one host per opening
        Assert.Equal(1, band.Trust.Changes); // the table must be saved
    }

    [Fact]
    public void AttackPairWithoutBondingWhileAnotherBondExistsIsRefused()
    {
        // The owner's phone enrolled earlier; its bond exists. A stranger pairs "Just Works" without bonding
        // outside the window: the old adapter took "encrypted, no new bond, bonds exist" as "peer was bonded".
        var band = new LinkedBand();
        band.EnrollOwner(Phone);
        band.Connect();
        Assert.False(band.Trust.OnEncrypted(500_000));
        Assert.Equal(LinkSecurity.Encrypted, band.Trust.Security);
        Assert.Equal(ErrorCode.NotTrusted, band.Request(RequestBuilder.StartCalibration));
        Assert.Equal(ErrorCode.NotTrusted, band.Request(RequestBuilder.FactoryReset));
        Assert.Equal(ErrorCode.PairingWindowClosed, band.Enroll(Stranger, out _, out _));
        Assert.Equal(0, band.Port.Calibrations);
        Assert.Equal(0, band.ReadStatus());

        // Claiming the owner's host id does not help without its key.
        Assert.Equal(ErrorCode.None, band.Challenge(out _));
        Assert.Equal(ErrorCode.ProofRefused, band.Prove(Phone, 0x0123_4567_89AB_CDEF));
        Assert.Equal(ErrorCode.NotTrusted, band.Request(RequestBuilder.StartCalibration));
    }

    [Fact]
    public void AttackConnectOutsideTheWindowGetsNoKeyAndNoTrust()
    {
        var band = new LinkedBand();
        band.Connect();
        Assert.Equal(ErrorCode.NotEncrypted, band.Enroll(Stranger, out _, out _)); // plain link
        Assert.False(band.Trust.OnEncrypted(1_000)); // pairs (with a bond) while the window is closed
        Assert.Equal(ErrorCode.PairingWindowClosed, band.Enroll(Stranger, out _, out _));
        Assert.Equal(ErrorCode.NotTrusted, band.Request(RequestBuilder.StartCalibration));

        // The window opened after this link encrypted does not count: the pairing must happen inside it.
        band.Window.Open(2_000);
        Assert.Equal(ErrorCode.PairingWindowClosed, band.Enroll(Stranger, out _, out _));
        Assert.Equal(0, band.Trust.Hosts.Count);

        // A window that expired before the pairing does not count either.
        band.Connect();
        Assert.False(band.Trust.OnEncrypted(2_000 + ProtocolConstants.PairingWindowMs));
        Assert.Equal(ErrorCode.PairingWindowClosed, band.Enroll(Stranger, out _, out _));
    }

    [Fact]
    public void AttackReplayOfARecordedExchangeIsRefused()
    {
        var band = new LinkedBand();
        (ulong key0, ulong key1) = band.EnrollOwner(Phone);

        // The owner reconnects and proves its key; an eavesdropper records the challenge and the answer.
        band.Connect();
        band.Trust.OnEncrypted(900_000);
        Assert.Equal(ErrorCode.None, band.Challenge(out ulong recordedChallenge));
        ulong recordedMac = LinkTrust.ProofMac(key0, key1, recordedChallenge, Phone);
        Assert.Equal(ErrorCode.None, band.Prove(Phone, recordedMac));
        Assert.Equal(LinkSecurity.Trusted, band.Trust.Security);

        // Replayed on the same link: the challenge took one answer only.
        Assert.Equal(ErrorCode.ProofRefused, band.Prove(Phone, recordedMac));

        // Replayed on a new link, without asking: no challenge is outstanding.
        band.Connect();
        band.Trust.OnEncrypted(901_000);
        Assert.Equal(ErrorCode.ProofRefused, band.Prove(Phone, recordedMac));

        // Replayed after asking: the new challenge differs, so the recorded answer is wrong.
        Assert.Equal(ErrorCode.None, band.Challenge(out ulong fresh));
        Assert.NotEqual(recordedChallenge, fresh);
        Assert.Equal(ErrorCode.ProofRefused, band.Prove(Phone, recordedMac));
        Assert.Equal(ErrorCode.NotTrusted, band.Request(RequestBuilder.StartCalibration));

        // The owner, with the key, still gets in.
        Assert.Equal(ErrorCode.None, band.Challenge(out ulong next));
        Assert.Equal(ErrorCode.None, band.Prove(Phone, LinkTrust.ProofMac(key0, key1, next, Phone)));
        Assert.Equal(ErrorCode.None, band.Request(RequestBuilder.StartCalibration));
    }

    [Fact]
    public void AnEnrolledHostIsTrustedAgainOnlyAfterProvingItsKeyOnEachLink()
    {
        var band = new LinkedBand();
        (ulong key0, ulong key1) = band.EnrollOwner(Phone);
        band.Connect();
        band.Trust.OnEncrypted(5_000_000); // stored bond, window long closed
        Assert.Equal(LinkSecurity.Encrypted, band.Trust.Security);
        Assert.Equal(ErrorCode.None, band.Challenge(out ulong challenge));
        Assert.Equal(ErrorCode.None, band.Prove(Phone, LinkTrust.ProofMac(key0, key1, challenge, Phone)));
        Assert.Equal(LinkSecurity.Trusted, band.Trust.Security);
        band.Handler.OnDisconnected();
        Assert.Equal(LinkSecurity.None, band.Trust.Security);
    }

    [Fact]
    public void TheTableSurvivesEncodingAndACorruptRecordIsRefused()
    {
        var band = new LinkedBand();
        (ulong key0, ulong key1) = band.EnrollOwner(Phone);
        var record = new byte[TrustedHosts.EncodedBytes];
        band.Trust.Hosts.Encode(record);

        var restored = new TrustedHosts();
        Assert.True(restored.Decode(record, record.Length));
        Assert.True(restored.TryGetKey(Phone, out ulong r0, out ulong r1));
        Assert.Equal((key0, key1), (r0, r1));
        Assert.Equal(band.Trust.Hosts.Counter, restored.Counter);

        record[40] ^= 1;
        var corrupt = new TrustedHosts();
        Assert.False(corrupt.Decode(record, record.Length));
        Assert.Equal(0, corrupt.Count);
    }

    [Fact]
    public void BeyondCapacityTheOldestEnrollmentIsReplaced()
    {
        var hosts = new TrustedHosts();
        hosts.Reset(new byte[16], 0);
        for (ulong h = 1; h <= TrustedHosts.Capacity + 1; h++)
        {
            hosts.Enroll(h, h, h);
        }

        Assert.Equal(TrustedHosts.Capacity, hosts.Count);
        Assert.False(hosts.TryGetKey(1, out _, out _));
        Assert.True(hosts.TryGetKey(TrustedHosts.Capacity + 1, out _, out _));
    }

    /// <summary>A band's link side: handler, trust, window and port, with requests spoken as a host would.</summary>
    private sealed class LinkedBand
    {
        private readonly byte[] _frame = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
        private byte _id;

        public LinkedBand()
        {
            var hosts = new TrustedHosts();
            var secret = new byte[16];
            for (int i = 0; i < secret.Length; i++)
            {
                secret[i] = (byte)(0xA0 + i);
            }

            hosts.Reset(secret, 0);
            Window = new PairingWindow();
            Trust = new LinkTrust(Window, hosts, bootSalt: 77);
            Port = new FakeBand();
            Handler = new CommandHandler(Port, Trust);
        }

        public PairingWindow Window { get; }

        public LinkTrust Trust { get; }

        public FakeBand Port { get; }

        public CommandHandler Handler { get; }

        public void Connect()
        {
            Handler.OnDisconnected();
            Handler.OnConnected();
        }

        public (ulong Key0, ulong Key1) EnrollOwner(ulong host)
        {
            Window.Open(0);
            Connect();
            Assert.True(Trust.OnEncrypted(1));
            Assert.Equal(ErrorCode.None, Enroll(host, out ulong key0, out ulong key1));
            Handler.OnDisconnected();
            return (key0, key1);
        }

        public ErrorCode Request(Func<byte[], byte, int> build)
        {
            return Send(build(_frame, ++_id));
        }

        public ErrorCode Enroll(ulong host, out ulong key0, out ulong key1)
        {
            ErrorCode e = Send(RequestBuilder.Enroll(_frame, ++_id, host), out int n);
            ResponseParser.ReadEnrollKey(_response, n, out key0, out key1);
            return e;
        }

        public ErrorCode Challenge(out ulong challenge)
        {
            ErrorCode e = Send(RequestBuilder.Challenge(_frame, ++_id), out int n);
            ResponseParser.ReadChallenge(_response, n, out challenge);
            return e;
        }

        public ErrorCode Prove(ulong host, ulong mac) => Send(RequestBuilder.Prove(_frame, ++_id, host, mac));

        public int ReadStatus() => Handler.ReadStatus(new byte[StatusMessage.EncodedBytes]);

        private ErrorCode Send(int length) => Send(length, out _);

        private ErrorCode Send(int length, out int n)
        {
            n = Handler.OnControlWrite(_frame, length, _response);
            Assert.Equal(_frame[0], _response[ProtocolConstants.OpcodeOffset]);
            return (ErrorCode)_response[ProtocolConstants.StatusOffset];
        }
    }
}
