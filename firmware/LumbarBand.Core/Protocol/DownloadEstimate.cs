namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// What downloading one session costs on the air, for <c>bench</c>: ATT payload bytes of the whole conversation
    /// the host logger has with the band, and the time under the connection-interval model of docs/protocol.md
    /// ("Throughput model"). Integers only (Core has no floating point): the bench divides
    /// <see cref="SessionBytes"/> by <see cref="AttPayloadBytes"/> for <c>ble_payload_efficiency_mtu23</c> and
    /// <see cref="DurationMs"/> by 1000 for seconds.
    /// </summary>
    /// <remarks>
    /// The conversation, every request and response counted at its full ATT value length: device info; one list page
    /// holding the session and the empty page that ends the list; the read request and its response; every data
    /// chunk with its 2-byte header; the acknowledgement and its response. Write responses carry no value bytes.
    /// Time model: the link has one connection event every <see cref="DefaultConnectionIntervalMs"/>; each
    /// request/response exchange costs <see cref="IntervalsPerExchange"/> intervals (the write in one event, the
    /// response notification in the next); data chunks go <see cref="DefaultNotificationsPerInterval"/> per interval
    /// whatever their size (MTUs above 23 assume LE Data Length Extension, so a notification is one link-layer packet).
    /// </remarks>
    public sealed class DownloadEstimate
    {
        /// <summary>Connection interval of the model, ms: what phones commonly grant a peripheral that asks for nothing.</summary>
        public const int DefaultConnectionIntervalMs = 30;

        /// <summary>
        /// Notifications per connection interval: conservative for an ESP32 under nanoFramework, where each managed
        /// <c>NotifyValue</c> costs interpreter time and phones cap packets per connection event (often 4–6).
        /// </summary>
        public const int DefaultNotificationsPerInterval = 4;

        /// <summary>Connection intervals one request/response exchange on the control point costs.</summary>
        public const int IntervalsPerExchange = 2;

        /// <summary>Request/response exchanges in the conversation: device info, two list pages, read, acknowledge.</summary>
        public const int ControlExchanges = 5;

        /// <summary>Parts per million in one (efficiency is reported in ppm).</summary>
        private const long PartsPerMillion = 1000000;

        /// <summary>ATT value bytes of the conversation's requests and responses (everything but the chunks): 91.</summary>
        public static int ControlPayloadBytes
        {
            get
            {
                int deviceInfo = MessageLayout.EmptyRequestBytes + MessageLayout.DeviceInfoResponseBytes;
                int listPage = MessageLayout.UInt32RequestBytes + MessageLayout.EmptyResponseBytes + SessionInfo.EncodedBytes;
                int listEnd = MessageLayout.UInt32RequestBytes + MessageLayout.EmptyResponseBytes;
                int read = MessageLayout.ReadSessionRequestBytes + MessageLayout.ReadSessionResponseBytes;
                int acknowledge = MessageLayout.AcknowledgeRequestBytes + MessageLayout.EmptyResponseBytes;
                return deviceInfo + listPage + listEnd + read + acknowledge;
            }
        }

        /// <summary>Bytes of the session downloaded.</summary>
        public int SessionBytes { get; private set; }

        /// <summary>The ATT MTU of the link.</summary>
        public int AttMtu { get; private set; }

        /// <summary>Largest value of a notification at that MTU.</summary>
        public int Payload { get; private set; }

        /// <summary>Data notifications the session takes.</summary>
        public int Chunks { get; private set; }

        /// <summary>ATT value bytes of the whole conversation: control exchanges plus chunks with their headers.</summary>
        public int AttPayloadBytes { get; private set; }

        /// <summary>Connection intervals the conversation takes under the model.</summary>
        public int ConnectionIntervals { get; private set; }

        /// <summary>Duration of the conversation under the model, ms.</summary>
        public int DurationMs { get; private set; }

        /// <summary>Session bytes per ATT value byte, in parts per million.</summary>
        public int EfficiencyPpm
        {
            get { return AttPayloadBytes == 0 ? 0 : (int)(SessionBytes * PartsPerMillion / AttPayloadBytes); }
        }

        /// <summary>Computes the cost of downloading <paramref name="sessionBytes"/> at <paramref name="attMtu"/> under the default model.</summary>
        public void Compute(int sessionBytes, int attMtu)
        {
            Compute(sessionBytes, attMtu, DefaultConnectionIntervalMs, DefaultNotificationsPerInterval);
        }

        /// <summary>
        /// Computes the cost of downloading <paramref name="sessionBytes"/> at <paramref name="attMtu"/> with
        /// <paramref name="notificationsPerInterval"/> notifications every <paramref name="intervalMs"/>.
        /// </summary>
        public void Compute(int sessionBytes, int attMtu, int intervalMs, int notificationsPerInterval)
        {
            if (sessionBytes < 0 || intervalMs <= 0 || notificationsPerInterval <= 0)
            {
                throw new System.ArgumentOutOfRangeException(nameof(sessionBytes));
            }

            SessionBytes = sessionBytes;
            AttMtu = attMtu;
            Payload = ProtocolConstants.PayloadForMtu(attMtu);
            int perChunk = Payload - ProtocolConstants.ChunkHeaderBytes;
            Chunks = (sessionBytes + perChunk - 1) / perChunk;
            AttPayloadBytes = ControlPayloadBytes + sessionBytes + (Chunks * ProtocolConstants.ChunkHeaderBytes);
            int dataIntervals = (Chunks + notificationsPerInterval - 1) / notificationsPerInterval;
            ConnectionIntervals = (ControlExchanges * IntervalsPerExchange) + dataIntervals;
            DurationMs = ConnectionIntervals * intervalMs;
        }
    }
}
