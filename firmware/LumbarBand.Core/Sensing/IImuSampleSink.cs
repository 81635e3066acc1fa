namespace LumbarBand.Core.Sensing
{
    /// <summary>What takes the IMU's samples: <see cref="Band"/> on the band, a recorder in tests.</summary>
    public interface IImuSampleSink
    {
        /// <summary>One sample at <paramref name="timeUs"/> (device µs): raw accelerometer and gyroscope counts.</summary>
        void OnSample(long timeUs, short ax, short ay, short az, short gx, short gy, short gz);
    }
}
