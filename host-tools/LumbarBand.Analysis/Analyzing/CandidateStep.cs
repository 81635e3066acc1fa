using LumbarBand.Core;
using LumbarBand.Core.Sensing;

namespace LumbarBand.Analysis.Analyzing;

/// <summary>
/// A candidate step as the band's walking decision received it (<see cref="Core.Gait.WalkingBoutTracker.OnCandidateStep"/>'s
/// arguments) and the device sample at which the step detector found it.
/// </summary>
/// <param name="DetectedSample">Band sample number (1 = the first sample) in which the detector reported it.</param>
/// <param name="ContactSample">Sample number of its initial contact.</param>
/// <param name="ContactTimeUs">Device time of its initial contact, µs.</param>
/// <param name="PeakCounts">Smoothed vertical peak, counts (4096 = 1 g).</param>
/// <param name="SwingCounts">Trough-to-peak swing, counts.</param>
/// <param name="YawSinceContact">Trunk yaw since the contact, <see cref="Core.Gait.PelvisRotation"/> units (409.6 = 1°).</param>
/// <param name="Turning">Whether the wearer was turning.</param>
public sealed record CandidateStep(int DetectedSample, int ContactSample, long ContactTimeUs, int PeakCounts, int SwingCounts, int YawSinceContact, bool Turning)
{
    /// <summary>
    /// The candidate that <paramref name="band"/>'s step detector reported in the sample just processed
    /// (<paramref name="sample"/>, at <paramref name="timeUs"/>), read exactly as the band handed it on.
    /// </summary>
    public static CandidateStep Observe(Band band, int sample, long timeUs)
    {
        ArgumentNullException.ThrowIfNull(band);
        int age = band.Steps.StepContactAgeSamples;
        int contact = sample - age;
        return new CandidateStep(
            sample,
            contact,
            timeUs - ((long)age * ImuFormat.SamplePeriodUs),
            band.Steps.StepPeakCounts,
            band.Steps.StepSwingCounts,
            band.Rotation.SinceSample(contact),
            band.Turns.IsTurning);
    }
}
