namespace LumbarBand.Bench;

/// <summary>
/// Raw samples to feed the band with, exactly as <c>Band.OnSample</c> takes them: device time in microseconds and
/// MPU6886 counts. The arrays are copied, so the workload cannot change while it is measured.
/// </summary>
public sealed class BenchWorkload
{
    private readonly long[] _timeUs;
    private readonly short[] _ax;
    private readonly short[] _ay;
    private readonly short[] _az;
    private readonly short[] _gx;
    private readonly short[] _gy;
    private readonly short[] _gz;

    /// <summary>Creates a workload from parallel arrays, one element per sample.</summary>
    /// <exception cref="ArgumentException">The arrays are empty or differ in length.</exception>
    public BenchWorkload(long[] timeUs, short[] ax, short[] ay, short[] az, short[] gx, short[] gy, short[] gz)
    {
        ArgumentNullException.ThrowIfNull(timeUs);
        ArgumentNullException.ThrowIfNull(ax);
        ArgumentNullException.ThrowIfNull(ay);
        ArgumentNullException.ThrowIfNull(az);
        ArgumentNullException.ThrowIfNull(gx);
        ArgumentNullException.ThrowIfNull(gy);
        ArgumentNullException.ThrowIfNull(gz);
        if (timeUs.Length == 0)
        {
            // Per-sample figures of nothing are meaningless, and the timing loop would never finish.
            throw new ArgumentException("The workload needs at least one sample.", nameof(timeUs));
        }

        int n = timeUs.Length;
        RequireLength(ax, n, nameof(ax));
        RequireLength(ay, n, nameof(ay));
        RequireLength(az, n, nameof(az));
        RequireLength(gx, n, nameof(gx));
        RequireLength(gy, n, nameof(gy));
        RequireLength(gz, n, nameof(gz));

        _timeUs = (long[])timeUs.Clone();
        _ax = (short[])ax.Clone();
        _ay = (short[])ay.Clone();
        _az = (short[])az.Clone();
        _gx = (short[])gx.Clone();
        _gy = (short[])gy.Clone();
        _gz = (short[])gz.Clone();
    }

    /// <summary>Number of samples.</summary>
    public int Count => _timeUs.Length;

    /// <summary>Device time of each sample in microseconds.</summary>
    public ReadOnlySpan<long> TimeUs => _timeUs;

    /// <summary>Accelerometer X counts.</summary>
    public ReadOnlySpan<short> Ax => _ax;

    /// <summary>Accelerometer Y counts.</summary>
    public ReadOnlySpan<short> Ay => _ay;

    /// <summary>Accelerometer Z counts.</summary>
    public ReadOnlySpan<short> Az => _az;

    /// <summary>Gyroscope X counts.</summary>
    public ReadOnlySpan<short> Gx => _gx;

    /// <summary>Gyroscope Y counts.</summary>
    public ReadOnlySpan<short> Gy => _gy;

    /// <summary>Gyroscope Z counts.</summary>
    public ReadOnlySpan<short> Gz => _gz;

    /// <summary>Feeds sample <paramref name="index"/> to <paramref name="handler"/>.</summary>
    internal void Feed(int index, SampleHandler handler) =>
        handler(_timeUs[index], _ax[index], _ay[index], _az[index], _gx[index], _gy[index], _gz[index]);

    private static void RequireLength(short[] array, int expected, string name)
    {
        if (array.Length != expected)
        {
            throw new ArgumentException(
                $"Expected {expected} samples like timeUs, got {array.Length}.", name);
        }
    }
}
