using LumbarBand.Core.Cueing;

namespace LumbarBand.Core.Tests.Cueing;

/// <summary>A fake motor that records every call with the device time the test says it is.</summary>
public sealed class RecordingMotor : IHapticMotor
{
    private readonly List<(long TimeUs, int Duty)> _calls = [];

    /// <summary>Device time to stamp the next calls with (set by the driver before each sample).</summary>
    public long NowUs { get; set; }

    /// <summary>Every call: time and duty.</summary>
    public IReadOnlyList<(long TimeUs, int Duty)> Calls => _calls;

    public void SetDuty(int dutyPercent) => _calls.Add((NowUs, dutyPercent));

    /// <summary>The pulses played: start time, duration and duty of each stretch the motor was on.</summary>
    public IReadOnlyList<(long StartUs, long DurationUs, int Duty)> Pulses()
    {
        var pulses = new List<(long, long, int)>();
        for (int i = 0; i < _calls.Count; i++)
        {
            if (_calls[i].Duty > 0 && i + 1 < _calls.Count)
            {
                pulses.Add((_calls[i].TimeUs, _calls[i + 1].TimeUs - _calls[i].TimeUs, _calls[i].Duty));
            }
        }

        return pulses;
    }
}
