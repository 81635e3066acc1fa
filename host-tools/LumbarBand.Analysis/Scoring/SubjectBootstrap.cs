namespace LumbarBand.Analysis.Scoring;

/// <summary>
/// A percentile bootstrap over subjects (Efron &amp; Tibshirani 1993): subjects, not steps, are resampled, because
/// a wearer's steps resemble each other far more than they resemble another wearer's, and the band is judged on
/// other people.
/// </summary>
public static class SubjectBootstrap
{
    /// <summary>
    /// The 95% interval of the pooled F1: <paramref name="resamples"/> draws of as many subjects as there are, with
    /// replacement, each pooling its subjects' matches and misses; the 2.5th and 97.5th percentiles. Deterministic
    /// for a given <paramref name="seed"/>.
    /// </summary>
    public static (double Low, double High) F1Interval(IReadOnlyList<StepScore> subjects, int resamples, int seed)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        if (subjects.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var random = new Random(seed);
        var f1 = new double[resamples];
        for (int k = 0; k < resamples; k++)
        {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < subjects.Count; i++)
            {
                StepScore s = subjects[random.Next(subjects.Count)];
                tp += s.TruePositives;
                fp += s.FalsePositives;
                fn += s.FalseNegatives;
            }

            f1[k] = new StepScore { TruePositives = tp, FalsePositives = fp, FalseNegatives = fn }.F1;
        }

        Array.Sort(f1);
        return (f1[(int)Math.Floor(0.025 * (resamples - 1))], f1[(int)Math.Ceiling(0.975 * (resamples - 1))]);
    }
}
