namespace LumbarBand.Core
{
    /// <summary>One thing the band noticed, stamped with the device time of the sample it belongs to.</summary>
    public struct BandEvent
    {
        /// <summary>What happened.</summary>
        public BandEventKind Kind;

        /// <summary>Device time of the event in microseconds (the timestamp of the sample it belongs to).</summary>
        public long TimeUs;

        /// <summary>A kind-specific number, see <see cref="BandEventKind"/>.</summary>
        public int Value;
    }
}
