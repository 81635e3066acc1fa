using LumbarBand.Analysis.Recordings;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>
/// The vertical excursion of the lower back over a step (how far the pelvis rises and falls between two initial
/// contacts), by double integration of the vertical acceleration: the height change h of the inverted-pendulum model
/// of Zijlstra &amp; Hof 2003 ("Assessment of spatio-temporal gait parameters from trunk accelerations during human
/// walking", Gait &amp; Posture 18:1), from which they derive step length (2·√(2lh − h²) for a leg length l). A
/// host-side measure in floating point, used to compare walking with walking: steps of real gait lift the pelvis
/// 1–5 cm; shuffles, weight shifts and turning on the spot a few millimetres.
/// </summary>
/// <remarks>
/// Vertical is the acceleration along its own 1-s exponential low-pass (gravity's direction as the trunk carries it);
/// over each step the vertical acceleration's mean is removed, it is integrated to velocity, whose mean is removed
/// (the pelvis ends a step at the height it started, at the same speed), and integrated again; the linear drift left
/// is removed and the excursion is the peak-to-peak height.
/// </remarks>
public static class PelvisRise
{
    /// <summary>Time constant of the gravity low-pass, seconds.</summary>
    public const double GravityTimeConstantS = 1.0;

    /// <summary>Standard gravity, m/s².</summary>
    private const double G = 9.80665;

    /// <summary>
    /// The excursion in metres of each step between consecutive times of <paramref name="contactsS"/> (seconds,
    /// ascending) that lie within the recording and are at most <paramref name="maxStepS"/> apart; NaN for the others.
    /// </summary>
    public static double[] PerStep(ImuRecording recording, IReadOnlyList<double> contactsS, double maxStepS = 1.6)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(contactsS);
        double[] vertical = VerticalAcceleration(recording);
        double period = recording.TimeS[1] - recording.TimeS[0];
        var rises = new double[Math.Max(contactsS.Count - 1, 0)];
        for (int k = 0; k + 1 < contactsS.Count; k++)
        {
            double from = contactsS[k], to = contactsS[k + 1];
            int i0 = (int)Math.Round(from / period), i1 = (int)Math.Round(to / period);
            rises[k] = double.IsNaN(from) || double.IsNaN(to) || to - from > maxStepS || i0 < 0 || i1 > recording.Count || i1 - i0 < 3
                ? double.NaN
                : Excursion(vertical, i0, i1, period);
        }

        return rises;
    }

    private static double[] VerticalAcceleration(ImuRecording r)
    {
        double period = r.TimeS[1] - r.TimeS[0];
        double alpha = period / GravityTimeConstantS;
        double gx = r.AccG[0][0], gy = r.AccG[1][0], gz = r.AccG[2][0];
        var vertical = new double[r.Count];
        for (int i = 0; i < r.Count; i++)
        {
            gx += alpha * (r.AccG[0][i] - gx);
            gy += alpha * (r.AccG[1][i] - gy);
            gz += alpha * (r.AccG[2][i] - gz);
            double norm = Math.Sqrt((gx * gx) + (gy * gy) + (gz * gz));
            vertical[i] = (((r.AccG[0][i] * gx) + (r.AccG[1][i] * gy) + (r.AccG[2][i] * gz)) / norm - norm) * G;
        }

        return vertical;
    }

    private static double Excursion(double[] vertical, int from, int to, double period)
    {
        int n = to - from;
        double meanAcc = 0;
        for (int i = from; i < to; i++)
        {
            meanAcc += vertical[i];
        }

        meanAcc /= n;
        var velocity = new double[n];
        double v = 0;
        for (int i = 0; i < n; i++)
        {
            v += (vertical[from + i] - meanAcc) * period;
            velocity[i] = v;
        }

        double meanVelocity = velocity.Average();
        var height = new double[n];
        double h = 0;
        for (int i = 0; i < n; i++)
        {
            h += (velocity[i] - meanVelocity) * period;
            height[i] = h;
        }

        double min = double.MaxValue, max = double.MinValue;
        for (int i = 0; i < n; i++)
        {
            double detrended = height[i] - height[0] - ((height[n - 1] - height[0]) * i / (n - 1));
            min = Math.Min(min, detrended);
            max = Math.Max(max, detrended);
        }

        return max - min;
    }
}
