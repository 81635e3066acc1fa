namespace LumbarBand.Analysis.Recordings;

/// <summary>
/// What the band's IMU would deliver: raw MPU6886 counts at the device rate and full scales of
/// <see cref="LumbarBand.Core.Sensing.ImuFormat"/>, with device timestamps in microseconds from the first sample.
/// </summary>
public sealed class RawImuSamples
{
    /// <summary>Creates a stream from per-axis count arrays of equal length.</summary>
    public RawImuSamples(long[] timeUs, short[] ax, short[] ay, short[] az, short[] gx, short[] gy, short[] gz)
    {
        TimeUs = timeUs;
        Ax = ax;
        Ay = ay;
        Az = az;
        Gx = gx;
        Gy = gy;
        Gz = gz;
    }

    /// <summary>Device time of each sample, µs from the first sample.</summary>
    public long[] TimeUs { get; }

    /// <summary>Accelerometer x counts.</summary>
    public short[] Ax { get; }

    /// <summary>Accelerometer y counts.</summary>
    public short[] Ay { get; }

    /// <summary>Accelerometer z counts.</summary>
    public short[] Az { get; }

    /// <summary>Gyroscope x counts.</summary>
    public short[] Gx { get; }

    /// <summary>Gyroscope y counts.</summary>
    public short[] Gy { get; }

    /// <summary>Gyroscope z counts.</summary>
    public short[] Gz { get; }

    /// <summary>Number of samples.</summary>
    public int Count => TimeUs.Length;
}
