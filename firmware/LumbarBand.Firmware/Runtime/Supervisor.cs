using System;
using System.Threading;
using nanoFramework.Runtime.Native;

namespace LumbarBand.Firmware.Runtime
{
    /// <summary>
    /// Recovery. nanoFramework has no process-wide unhandled-exception hook (its mscorlib has no AppDomain), so each
    /// thread body catches everything and reports here. The first report wins: the main thread wakes, stops the
    /// threads, turns the motor off, ends the session (which commits it, so the log in flash survives), records the
    /// fault on I:\ and reboots the device, which restarts the app (Power.RebootDevice, nanoFramework.Runtime.Native).
    /// Faults in a row shortly after boot back off: the restart waits 10 s, then 60 s, so a missing IMU does not
    /// reboot-loop the flash.
    /// </summary>
    internal sealed class Supervisor
    {
        /// <summary>Bound on the OnRebootEvent handlers at a restart (none are installed).</summary>
        private const int RebootHandlersTimeoutMs = 2000;

        private readonly ManualResetEvent _faulted = new ManualResetEvent(false);
        private readonly object _sync = new object();
        private FaultSource _source;
        private Exception _fault;

        /// <summary>Source of the first fault reported.</summary>
        public FaultSource Source { get { return _source; } }

        /// <summary>The first fault reported.</summary>
        public Exception Fault { get { return _fault; } }

        /// <summary>Reports a fault from any thread; only the first one is kept.</summary>
        public void ReportFault(FaultSource source, Exception fault)
        {
            lock (_sync)
            {
                if (_fault != null)
                {
                    return;
                }

                _source = source;
                _fault = fault ?? new InvalidOperationException();
            }

            _faulted.Set();
        }

        /// <summary>Blocks until a fault is reported or <paramref name="timeoutMs"/> passes; true on a fault.</summary>
        public bool WaitForFault(int timeoutMs)
        {
            return _faulted.WaitOne(timeoutMs, false);
        }

        /// <summary>How long to wait before the restart after <paramref name="recentFaults"/> quick faults in a row.</summary>
        public static int BackoffMs(int recentFaults)
        {
            if (recentFaults < 2)
            {
                return 0;
            }

            return recentFaults < 5 ? 10000 : 60000;
        }

        /// <summary>Reboots the device; the app starts again from Main.</summary>
        public static void Restart(int backoffMs)
        {
            if (backoffMs > 0)
            {
                Thread.Sleep(backoffMs);
            }

            // Reboots at once; the argument only bounds the OnRebootEvent handlers (Runtime.Native Power.cs).
            Power.RebootDevice(RebootHandlersTimeoutMs);
        }
    }
}
