namespace LumbarBand.Core.Protocol
{
    /// <summary>
    /// The band's serial number (<see cref="DeviceInfo.SerialNumber"/>, the id hosts file sessions under) from the
    /// chip's factory MAC address: its last four bytes, big-endian (the three NIC-specific bytes and the last byte
    /// of the OUI), so two bands never share one unless their MACs agree in those 32 bits.
    /// </summary>
    public static class DeviceSerial
    {
        /// <summary>Bytes of a MAC address.</summary>
        public const int MacBytes = 6;

        /// <summary>The serial reported when no MAC could be read: never a real one (an all-zero or all-one MAC is not assigned).</summary>
        public const uint Unknown = 0;

        /// <summary>The serial of the chip with <paramref name="mac"/>; <see cref="Unknown"/> when it is missing, short, or all 0x00 or 0xFF.</summary>
        public static uint FromMac(byte[] mac)
        {
            if (mac == null || mac.Length < MacBytes)
            {
                return Unknown;
            }

            bool allZero = true;
            bool allOnes = true;
            for (int i = 0; i < MacBytes; i++)
            {
                allZero &= mac[i] == 0x00;
                allOnes &= mac[i] == 0xFF;
            }

            if (allZero || allOnes)
            {
                return Unknown;
            }

            return ((uint)mac[2] << 24) | ((uint)mac[3] << 16) | ((uint)mac[4] << 8) | mac[5];
        }
    }
}
