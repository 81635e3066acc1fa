namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// What the sampling loop does about I2C failures, decided here so host tests reach it: a few failed reads in a row
    /// ask for a bus recovery and a re-initialisation of the IMU before anything else; if recoveries keep failing,
    /// the band degrades (sampling paused, a fault flagged, cues and Bluetooth carry on) and tries again after a
    /// back-off; it never asks for a reboot, so a broken sensor cannot become a reboot loop.
    /// </summary>
    public sealed class ImuBusRecovery
    {
        /// <summary>Failed reads in a row before a recovery (3 × a drain period: a glitch is not a fault).</summary>
        public const int FailuresBeforeRecovery = 3;

        /// <summary>Recoveries in a row that may fail before the band degrades.</summary>
        public const int RecoveriesBeforeDegrading = 3;

        /// <summary>While degraded, one recovery attempt this often, ms.</summary>
        public const int DegradedRetryMs = 10000;

        private int _failures;
        private int _failedRecoveries;
        private long _nextRetryMs;

        /// <summary>True while sampling is paused after recoveries failed.</summary>
        public bool IsDegraded { get; private set; }

        /// <summary>Recoveries asked for since start.</summary>
        public int Recoveries { get; private set; }

        /// <summary>A read at <paramref name="nowMs"/> succeeded (<paramref name="ok"/>) or failed: what to do next.</summary>
        public ImuBusAction OnRead(bool ok, long nowMs)
        {
            if (ok)
            {
                return Healthy();
            }

            _failures++;
            if (IsDegraded)
            {
                return AskRecovery(nowMs);
            }

            return _failures >= FailuresBeforeRecovery ? AskRecovery(nowMs) : ImuBusAction.None;
        }

        /// <summary>The recovery (bus clear, IMU reset and configuration, FIFO restart) at <paramref name="nowMs"/> succeeded or failed.</summary>
        public ImuBusAction OnRecovered(bool ok, long nowMs)
        {
            if (ok)
            {
                return Healthy();
            }

            _failedRecoveries++;
            if (_failedRecoveries >= RecoveriesBeforeDegrading)
            {
                IsDegraded = true;
                _nextRetryMs = nowMs + DegradedRetryMs;
                return ImuBusAction.Degrade;
            }

            return ImuBusAction.RecoverBus;
        }

        /// <summary>While degraded: whether a new recovery attempt is due at <paramref name="nowMs"/>.</summary>
        public bool RetryDue(long nowMs)
        {
            return IsDegraded && nowMs >= _nextRetryMs;
        }

        /// <summary>The bus answers: every count starts again.</summary>
        private ImuBusAction Healthy()
        {
            _failures = 0;
            _failedRecoveries = 0;
            IsDegraded = false;
            return ImuBusAction.None;
        }

        private ImuBusAction AskRecovery(long nowMs)
        {
            if (IsDegraded && nowMs < _nextRetryMs)
            {
                return ImuBusAction.None;
            }

            Recoveries++;
            _failures = 0;
            return ImuBusAction.RecoverBus;
        }
    }
}
