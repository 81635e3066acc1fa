using System;
using System.Diagnostics;
using LumbarBand.Firmware.Boards;
using LumbarBand.Firmware.Runtime;

namespace LumbarBand.Firmware
{
    /// <summary>
    /// The band's entry point. Builds the app for the selected board (<see cref="SelectedBoard"/>), runs it, and
    /// supervises: on the first fault from any thread (or at start-up) it shuts the band down cleanly, so the session in
    /// flash is closed and committed, records the fault, and reboots the device, which starts the app again.
    /// </summary>
    public static class Program
    {
        /// <summary>Starts the band.</summary>
        public static void Main()
        {
            int recentFaults = FaultRecord.ReadRecentFaultCount();
            Supervisor supervisor = new Supervisor();
            BoardProfile board = SelectedBoard.Create();
            BandApp app = new BandApp(board, supervisor);
            Debug.WriteLine("LumbarBand on " + board.Name + ", faults in a row before this boot: " + recentFaults);

            try
            {
                app.Start();
            }
            catch (Exception ex)
            {
                supervisor.ReportFault(FaultSource.Startup, ex);
            }

            bool faulted = supervisor.WaitForFault(FaultRecord.HealthyAfterMs);
            if (!faulted && recentFaults > 0)
            {
                FaultRecord.Clear();
                recentFaults = 0;
            }

            if (!faulted)
            {
                supervisor.WaitForFault(System.Threading.Timeout.Infinite);
            }

            Debug.WriteLine("LumbarBand fault in " + supervisor.Source + ": " + supervisor.Fault);
            app.Shutdown();
            FaultRecord.Write(recentFaults, supervisor.Source, supervisor.Fault);
            Supervisor.Restart(Supervisor.BackoffMs(recentFaults + 1));
        }
    }
}
