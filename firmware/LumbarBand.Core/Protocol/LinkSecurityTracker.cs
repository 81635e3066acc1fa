namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The current link's <see cref="LinkSecurity"/>, from the stack's connection and pairing events, with new bonds
    /// vetted by a <see cref="PairingWindow"/>. The GATT adapter passes <see cref="Security"/> to every
    /// <see cref="CommandHandler.OnControlWrite"/>.
    /// </summary>
    public sealed class LinkSecurityTracker
    {
        private readonly PairingWindow _window;

        /// <summary>Creates a tracker whose new bonds need <paramref name="window"/> open.</summary>
        public LinkSecurityTracker(PairingWindow window)
        {
            if (window == null)
            {
                throw new System.ArgumentException("must not be null", nameof(window));
            }

            _window = window;
        }

        /// <summary>What protects the current link.</summary>
        public LinkSecurity Security { get; private set; }

        /// <summary>A central connected: the link starts plain.</summary>
        public void OnConnected()
        {
            Security = LinkSecurity.None;
        }

        /// <summary>The central disconnected.</summary>
        public void OnDisconnected()
        {
            Security = LinkSecurity.None;
        }

        /// <summary>
        /// The link became encrypted at <paramref name="nowMs"/> (the stack's pairing-complete event).
        /// <paramref name="peerWasBonded"/>: the peer held a bond before this connection (reconnection with stored
        /// keys); <paramref name="bondCreated"/>: this pairing stored a new bond. Returns false when the new bond is
        /// refused (outside the pairing window): the adapter deletes it (<c>DeviceBonding.DeleteBondForPeer</c>) and
        /// the link stays encrypted but untrusted.
        /// </summary>
        public bool OnEncrypted(long nowMs, bool peerWasBonded, bool bondCreated)
        {
            if (peerWasBonded)
            {
                Security = LinkSecurity.Trusted;
                return true;
            }

            if (!bondCreated)
            {
                Security = LinkSecurity.Encrypted;
                return true;
            }

            if (_window.AcceptPairing(nowMs))
            {
                Security = LinkSecurity.Trusted;
                return true;
            }

            Security = LinkSecurity.Encrypted;
            return false;
        }
    }
}
