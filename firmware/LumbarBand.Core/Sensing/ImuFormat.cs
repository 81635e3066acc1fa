namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The raw sample format the band runs on: MPU6886 counts at a fixed full scale and rate. Host tools quantize
    /// recordings to exactly this before feeding Core, so the PC sees what the band would see.
    /// </summary>
    /// <remarks>
    /// <para>Rate 50 Hz: lower-back gait signals carry their energy below ~15 Hz, initial contacts are scored at
    /// ±0.25 s, and a 20 ms period leaves the ESP32's IL interpreter (with BLE running, and a ~10 ms scheduler tick)
    /// an easy budget. 100 Hz would double the interpreter and I2C cost for no gain in step timing.</para>
    /// <para>Accelerometer ±8 g (4096 counts/g): trunk accelerations while walking stay within ±3 g, but sitting down
    /// hard or a stumble can pass 4 g; 8 g keeps those unclipped at a resolution of 0.24 mg.</para>
    /// <para>Gyroscope ±1000 °/s (32.768 counts/°/s): trunk rates while walking and turning stay under ±300 °/s,
    /// fast turns and sit-to-stand reach ~400 °/s; ±1000 °/s gives headroom at 0.03 °/s resolution, and its scale is a
    /// power of two per full scale (32768 counts = 1000 °/s), which keeps integration exact in fixed point.</para>
    /// </remarks>
    public static class ImuFormat
    {
        /// <summary>Device sample rate in hertz.</summary>
        public const int SampleRateHz = 50;

        /// <summary>Device sample period in microseconds.</summary>
        public const int SamplePeriodUs = 1000000 / SampleRateHz;

        /// <summary>Accelerometer full scale in g (register ACCEL_CONFIG AFS_SEL = 2).</summary>
        public const int AccelFullScaleG = 8;

        /// <summary>Accelerometer counts per g at ±8 g.</summary>
        public const int AccelCountsPerG = 32768 / AccelFullScaleG;

        /// <summary>Gyroscope full scale in degrees per second (register GYRO_CONFIG FS_SEL = 2).</summary>
        public const int GyroFullScaleDps = 1000;

        /// <summary>Gyroscope counts at full scale: 32768 counts = <see cref="GyroFullScaleDps"/> °/s.</summary>
        public const int GyroCountsAtFullScale = 32768;
    }
}
