namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// Who may use the band: the one link controller for trust, shared by the firmware's GATT adapter and the virtual
    /// band. A host becomes trusted only by enrolling on a link that was encrypted while the pairing window was open
    /// (the dedicated button gesture opens it; one enrollment per opening), and it receives then a 128-bit key of its
    /// own; on every later connection it stays trusted only by proving that key: it asks for a fresh challenge and
    /// answers with the SipHash-2-4 MAC of it (<see cref="ProofMac"/>). Nothing is inferred from the Bluetooth stack's
    /// bond list: an encrypted link alone is only <see cref="LinkSecurity.Encrypted"/>.
    /// </summary>
    /// <remarks>
    /// <para>Attacks this refuses (host tests play each one): a phone that pairs without bonding, or with a new bond,
    /// outside the window (no enrollment, so no key); a stranger that connects while another host holds a bond (no
    /// key, so no proof); a recorded Challenge/Prove exchange replayed on a new connection (the challenge differs, and
    /// each challenge takes one answer only).</para>
    /// <para>Keys and challenges are SipHash-2-4 outputs under the band's secret (<see cref="TrustedHosts"/>) of a
    /// counter that never repeats, salted per boot for challenges. The secret comes from the firmware's entropy at
    /// first boot; its quality bounds the scheme's.</para>
    /// <para>Not thread-safe: called under the same lock as <see cref="CommandHandler"/>. Nothing allocated.</para>
    /// </remarks>
    public sealed class LinkTrust
    {
        /// <summary>Bytes of a host id in requests.</summary>
        public const int HostIdBytes = 8;

        /// <summary>Bytes of a challenge.</summary>
        public const int ChallengeBytes = 8;

        /// <summary>Bytes of a proof MAC.</summary>
        public const int MacBytes = 8;

        // Domain-separation words (ASCII, little-endian) so keys, challenges and proofs never share a SipHash input.
        private const ulong KeyDomainA = 0x314159454B42424CUL; // "LBBKEYA1"
        private const ulong KeyDomainB = 0x314259454B42424CUL; // "LBBKEYB1"
        private const ulong ChallengeDomain = 0x31454E4F4E42424CUL; // "LBBNONE1"
        private const ulong ProofDomain = 0x31464F4F5250424CUL; // "LBPROOF1"

        private readonly PairingWindow _window;
        private readonly TrustedHosts _hosts;
        private readonly ulong _bootSalt;
        private bool _encrypted;
        private bool _enrollable;
        private bool _proven;
        private bool _challengeOutstanding;
        private ulong _challenge;
        private int _changes;

        /// <summary>
        /// A controller over <paramref name="hosts"/> whose enrollments need <paramref name="window"/> open;
        /// <paramref name="bootSalt"/> differs every boot (e.g. the device's microsecond clock at start-up mixed with
        /// a boot counter), so challenges of two boots differ even if the table could not be saved.
        /// </summary>
        public LinkTrust(PairingWindow window, TrustedHosts hosts, ulong bootSalt)
        {
            if (window == null)
            {
                throw new System.ArgumentException("must not be null", nameof(window));
            }

            if (hosts == null)
            {
                throw new System.ArgumentException("must not be null", nameof(hosts));
            }

            _window = window;
            _hosts = hosts;
            _bootSalt = bootSalt;
        }

        /// <summary>What protects the current link.</summary>
        public LinkSecurity Security
        {
            get
            {
                LinkSecurity s = LinkSecurity.None;
                if (_encrypted)
                {
                    s |= LinkSecurity.Encrypted;
                    if (_proven)
                    {
                        s |= LinkSecurity.Proven;
                    }
                }

                return s;
            }
        }

        /// <summary>The pairing window this controller checks.</summary>
        public PairingWindow Window { get { return _window; } }

        /// <summary>The trusted hosts.</summary>
        public TrustedHosts Hosts { get { return _hosts; } }

        /// <summary>
        /// Counts changes to <see cref="Hosts"/> that must be saved: the firmware's control thread persists the table
        /// when this moves (the handler itself never touches flash).
        /// </summary>
        public int Changes { get { return _changes; } }

        /// <summary>True when the current link may enroll (encrypted inside the window, not yet used).</summary>
        public bool CanEnroll { get { return _encrypted && _enrollable; } }

        /// <summary>
        /// Factory reset: a new band secret (16 bytes of <paramref name="secret"/> from <paramref name="offset"/>),
        /// every host forgotten, the current link untrusted; the table must be saved.
        /// </summary>
        public void ForgetAll(byte[] secret, int offset)
        {
            _hosts.Reset(secret, offset);
            _changes++;
            ResetLink();
        }

        /// <summary>A central connected: nothing is trusted yet.</summary>
        public void OnConnected()
        {
            ResetLink();
        }

        /// <summary>The central disconnected.</summary>
        public void OnDisconnected()
        {
            ResetLink();
        }

        /// <summary>
        /// The stack reports the link encrypted at <paramref name="nowMs"/> (a pairing completed, with or without a
        /// bond, or stored keys were used). Returns true when the pairing window is open: this link may enroll once,
        /// and a bond the pairing made may be kept; false otherwise (the adapter deletes a bond made now — hygiene
        /// only: trust never depends on bonds).
        /// </summary>
        public bool OnEncrypted(long nowMs)
        {
            _encrypted = true;
            if (_window.IsOpen(nowMs))
            {
                _enrollable = true;
                return true;
            }

            return false;
        }

        /// <summary>
        /// Enroll: the host <paramref name="hostId"/> asks for its key. Accepted only on a link encrypted inside the
        /// window; the window then closes (one host per gesture), the key is written as 16 bytes at
        /// <paramref name="keyOut"/>[<paramref name="offset"/>], and this link is trusted.
        /// </summary>
        public ErrorCode Enroll(ulong hostId, byte[] keyOut, int offset)
        {
            if (!_encrypted)
            {
                return ErrorCode.NotEncrypted;
            }

            if (!_enrollable)
            {
                return ErrorCode.PairingWindowClosed;
            }

            ulong counter = _hosts.NextCounter();
            ulong key0 = SipHash24.Hash3(_hosts.Secret0, _hosts.Secret1, KeyDomainA, hostId, counter);
            ulong key1 = SipHash24.Hash3(_hosts.Secret0, _hosts.Secret1, KeyDomainB, hostId, counter);
            _hosts.Enroll(hostId, key0, key1);
            _changes++;
            _enrollable = false;
            _window.Close();
            _proven = true;
            SipHash24.WriteUInt64(keyOut, offset, key0);
            SipHash24.WriteUInt64(keyOut, offset + 8, key1);
            return ErrorCode.None;
        }

        /// <summary>
        /// Challenge: a fresh 8-byte challenge at <paramref name="output"/>[<paramref name="offset"/>]; it replaces any
        /// earlier one and takes one <see cref="Prove"/> only.
        /// </summary>
        public ErrorCode Challenge(byte[] output, int offset)
        {
            if (!_encrypted)
            {
                return ErrorCode.NotEncrypted;
            }

            _challenge = SipHash24.Hash3(_hosts.Secret0, _hosts.Secret1, ChallengeDomain, _bootSalt, _hosts.NextCounter());
            _challengeOutstanding = true;
            SipHash24.WriteUInt64(output, offset, _challenge);
            return ErrorCode.None;
        }

        /// <summary>
        /// Prove: host <paramref name="hostId"/> answers the outstanding challenge with <paramref name="mac"/>. Trusted
        /// on a match; refused when the host is unknown, no challenge is outstanding, or the MAC differs. The
        /// challenge is spent either way.
        /// </summary>
        public ErrorCode Prove(ulong hostId, ulong mac)
        {
            if (!_encrypted)
            {
                return ErrorCode.NotEncrypted;
            }

            bool outstanding = _challengeOutstanding;
            _challengeOutstanding = false;
            ulong key0;
            ulong key1;
            if (!outstanding || !_hosts.TryGetKey(hostId, out key0, out key1))
            {
                return ErrorCode.ProofRefused;
            }

            // Compared whole, not byte by byte, so the time taken says nothing about how much matched.
            if ((ProofMac(key0, key1, _challenge, hostId) ^ mac) != 0)
            {
                return ErrorCode.ProofRefused;
            }

            _proven = true;
            return ErrorCode.None;
        }

        /// <summary>
        /// The proof a host sends for <paramref name="challenge"/>: SipHash-2-4 under its key (key0, key1) of
        /// "LBPROOF1" ‖ challenge ‖ host id. The host computes it with this same method.
        /// </summary>
        public static ulong ProofMac(ulong key0, ulong key1, ulong challenge, ulong hostId)
        {
            return SipHash24.Hash3(key0, key1, ProofDomain, challenge, hostId);
        }

        private void ResetLink()
        {
            _encrypted = false;
            _enrollable = false;
            _proven = false;
            _challengeOutstanding = false;
            _challenge = 0;
        }
    }
}
