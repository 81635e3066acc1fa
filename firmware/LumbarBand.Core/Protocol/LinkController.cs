namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The band's side of one BLE link as decisions, shared by the firmware's GATT adapter and the virtual band: events
    /// in (connect, MTU, subscriptions, encryption, control-point writes, notification results, the clock), actions out
    /// (<see cref="Next"/>: notify a response, a download chunk or the status; change bonding; delete bonds; save the
    /// trusted hosts; complete a factory reset; reboot). It owns the order of what leaves the band (a response before
    /// the chunks it starts; a chunk of an old download never after a new response), the retry of a refused chunk,
    /// the status period, the factory reset's reboot delay, and when bonding is allowed. The driver only turns actions
    /// into its platform's calls. docs/protocol.md §3, §7.13, §13.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: one thread drives it (on the band, the control thread, which owns the flash; the BLE stack's
    /// thread only queues events for it). Allocation-free after construction.
    /// </remarks>
    public sealed class LinkController
    {
        /// <summary>A refused chunk is offered again after this long (the stack's queue drains within a connection event or two).</summary>
        public const int NotifyRetryMs = 10;

        /// <summary>Delay between a factory reset's response and the reboot, so the write response and the notification leave first.</summary>
        public const int FactoryResetRebootDelayMs = 2000;

        private const long Never = long.MaxValue;

        private readonly CommandHandler _handler;
        private readonly LinkTrust _trust;
        private readonly PairingWindow _window;
        private readonly int _statusIntervalMs;
        private readonly byte[] _response = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _chunk = new byte[ProtocolConstants.MaxPayloadBytes];
        private readonly byte[] _status = new byte[ProtocolConstants.MaxPayloadBytes];
        private int _responseLength;
        private int _chunkLength;
        private int _chunkGeneration;
        private long _chunkRetryAtMs;
        private bool _connected;
        private bool _statusSubscribed;
        private bool _dataSubscribed;
        private long _statusDueMs = Never;
        private bool _bondingAllowed;
        private bool _deleteNewBonds;
        private bool _factoryResetAnswered;
        private long _rebootAtMs = Never;
        private int _savedTrustChanges;
        private int _savingTrustChanges;
        private LinkAction _inFlight;
        private byte _pendingOpcode;

        /// <summary>
        /// A controller around <paramref name="handler"/> (whose <see cref="CommandHandler.Trust"/> must be set), notifying
        /// status every <paramref name="statusIntervalMs"/> while subscribed.
        /// </summary>
        public LinkController(CommandHandler handler, PairingWindow window, int statusIntervalMs)
        {
            if (handler == null || handler.Trust == null || window == null || statusIntervalMs <= 0)
            {
                throw new System.ArgumentException("the controller needs a handler with link trust, the pairing window and a positive status period", nameof(handler));
            }

            _handler = handler;
            _trust = handler.Trust;
            _window = window;
            _statusIntervalMs = statusIntervalMs;
        }

        /// <summary>The protocol engine.</summary>
        public CommandHandler Handler { get { return _handler; } }

        /// <summary>True while a central is connected.</summary>
        public bool Connected { get { return _connected; } }

        /// <summary>Whether the stack may bond now (after <see cref="LinkAction.SetBonding"/>): only while the pairing window is open.</summary>
        public bool BondingAllowed { get { return _bondingAllowed; } }

        /// <summary>The bytes of the last notify action.</summary>
        public byte[] Payload { get; private set; }

        /// <summary>How many bytes of <see cref="Payload"/> to notify.</summary>
        public int PayloadLength { get; private set; }

        /// <summary>
        /// True when a control-point write can be handled now: no response is waiting to leave and the band has
        /// answered the last request. The driver keeps later writes (and the events behind them) queued meanwhile.
        /// </summary>
        public bool ReadyForWrite { get { return _responseLength == 0 && !_handler.IsAwaitingBand; } }

        /// <summary>A central connected at <paramref name="nowMs"/>.</summary>
        public void OnConnected(long nowMs)
        {
            _handler.OnConnected();
            _connected = true;
            _responseLength = 0;
            _chunkLength = 0;
            _statusDueMs = nowMs + _statusIntervalMs;
        }

        /// <summary>The central left: subscriptions end, the transfer stops, nothing more is sent.</summary>
        public void OnDisconnected()
        {
            _handler.OnDisconnected();
            _connected = false;
            _statusSubscribed = false;
            _dataSubscribed = false;
            _responseLength = 0;
            _chunkLength = 0;
            _statusDueMs = Never;
        }

        /// <summary>The stack reported a new ATT MTU.</summary>
        public void OnMtuChanged(int attMtu)
        {
            _handler.OnMtuChanged(attMtu);
        }

        /// <summary>The central subscribed to (or left) the status characteristic.</summary>
        public void OnStatusSubscribed(bool subscribed)
        {
            _statusSubscribed = subscribed;
        }

        /// <summary>The central subscribed to (or left) the data characteristic.</summary>
        public void OnDataSubscribed(bool subscribed)
        {
            _dataSubscribed = subscribed;
        }

        /// <summary>
        /// The link became encrypted at <paramref name="nowMs"/> (pairing or re-encryption with a stored bond). Trust is
        /// <see cref="LinkTrust"/>'s; a link encrypted outside the pairing window gets its new bonds deleted
        /// (<see cref="LinkAction.DeleteNewBonds"/>). Returns true inside the window.
        /// </summary>
        public bool OnEncrypted(long nowMs)
        {
            bool inside = _trust.OnEncrypted(nowMs);
            _deleteNewBonds |= !inside;
            return inside;
        }

        /// <summary>
        /// Handles one control-point write of <paramref name="length"/> bytes of <paramref name="frame"/> (only when
        /// <see cref="ReadyForWrite"/>; otherwise it is answered Busy by the handler). Its response leaves through
        /// <see cref="Next"/>, now or once the band's owner has applied it.
        /// </summary>
        public void OnControlWrite(byte[] frame, int length)
        {
            int n = _handler.OnControlWrite(frame, length, _response);
            byte opcode = frame != null && length > 0 ? frame[ProtocolConstants.OpcodeOffset] : (byte)0;
            if (n == 0)
            {
                _pendingOpcode = opcode;
            }

            Answered(opcode, n);
        }

        /// <summary>The status value for a read of the characteristic (0: refused, the link is not trusted).</summary>
        public int ReadStatus(byte[] buffer)
        {
            return _handler.ReadStatus(buffer);
        }

        /// <summary>
        /// The next thing to do at <paramref name="nowMs"/>, or <see cref="LinkAction.None"/>. Notify actions carry
        /// <see cref="Payload"/>; the driver reports their outcome with <see cref="OnNotified"/> before asking again.
        /// </summary>
        public LinkAction Next(long nowMs)
        {
            if (_responseLength == 0 && _handler.IsAwaitingBand)
            {
                Answered(_pendingOpcode, _handler.CompletePending(_response));
            }

            if (_responseLength > 0)
            {
                return Offer(LinkAction.NotifyControl, _response, _responseLength);
            }

            if (_factoryResetAnswered)
            {
                _factoryResetAnswered = false;
                _rebootAtMs = nowMs + FactoryResetRebootDelayMs;
                return LinkAction.CompleteFactoryReset;
            }

            if (nowMs >= _rebootAtMs)
            {
                _rebootAtMs = Never;
                return LinkAction.Reboot;
            }

            if (_deleteNewBonds)
            {
                _deleteNewBonds = false;
                return LinkAction.DeleteNewBonds;
            }

            bool open = _window.IsOpen(nowMs);
            if (open != _bondingAllowed)
            {
                _bondingAllowed = open;
                return LinkAction.SetBonding;
            }

            if (_trust.Changes != _savedTrustChanges && _savingTrustChanges == _savedTrustChanges)
            {
                _savingTrustChanges = _trust.Changes;
                return LinkAction.SaveTrustedHosts;
            }

            LinkAction chunk = NextChunk(nowMs);
            if (chunk != LinkAction.None)
            {
                return chunk;
            }

            if (_connected && _statusSubscribed && nowMs >= _statusDueMs)
            {
                _statusDueMs = nowMs + _statusIntervalMs;
                int n = _handler.ReadStatus(_status);
                if (n == StatusMessage.EncodedBytes)
                {
                    return Offer(LinkAction.NotifyStatus, _status, n);
                }
            }

            return LinkAction.None;
        }

        /// <summary>
        /// The driver's report on the last notify action at <paramref name="nowMs"/>: <paramref name="sent"/> false when
        /// the stack refused it (its queue was full). A refused chunk is offered again after <see cref="NotifyRetryMs"/>
        /// unless a new request has replaced its transfer; a refused response or status is not repeated.
        /// </summary>
        public void OnNotified(bool sent, long nowMs)
        {
            LinkAction action = _inFlight;
            _inFlight = LinkAction.None;
            if (action == LinkAction.NotifyControl)
            {
                _responseLength = 0;
            }
            else if (action == LinkAction.NotifyData)
            {
                if (sent)
                {
                    _chunkLength = 0;
                }
                else
                {
                    _chunkRetryAtMs = nowMs + NotifyRetryMs;
                }
            }
        }

        /// <summary>The driver saved the trusted hosts (<paramref name="saved"/>) or failed to (tried again at the next <see cref="Next"/>).</summary>
        public void OnTrustedHostsSaved(bool saved)
        {
            if (saved)
            {
                _savedTrustChanges = _savingTrustChanges;
            }
            else
            {
                _savingTrustChanges = _savedTrustChanges;
            }
        }

        private LinkAction NextChunk(long nowMs)
        {
            if (!_connected || !_dataSubscribed)
            {
                return LinkAction.None;
            }

            DownloadTransfer transfer = _handler.Transfer;
            if (_chunkLength > 0 && _chunkGeneration != transfer.Generation)
            {
                // A new request replaced the transfer while the chunk waited: it must not follow the new response.
                _chunkLength = 0;
            }

            if (_chunkLength > 0)
            {
                return nowMs >= _chunkRetryAtMs ? Offer(LinkAction.NotifyData, _chunk, _chunkLength) : LinkAction.None;
            }

            // Only a start or a cancel changes the generation, never the last chunk: a refused last chunk is retried.
            _chunkGeneration = transfer.Generation;
            _chunkLength = _handler.NextDataChunk(_chunk);
            if (_chunkLength <= 0)
            {
                _chunkLength = 0;
                return LinkAction.None;
            }

            return Offer(LinkAction.NotifyData, _chunk, _chunkLength);
        }

        private void Answered(byte opcode, int length)
        {
            if (length <= 0)
            {
                return;
            }

            _responseLength = length;
            if (opcode == (byte)Opcode.FactoryReset && _response[ProtocolConstants.StatusOffset] == (byte)ErrorCode.None)
            {
                _factoryResetAnswered = true;
            }
        }

        private LinkAction Offer(LinkAction action, byte[] payload, int length)
        {
            Payload = payload;
            PayloadLength = length;
            _inFlight = action;
            return action;
        }
    }
}
