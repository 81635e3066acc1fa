using System.Threading;
using LumbarBand.Core;

namespace LumbarBand.Firmware
{
    /// <summary>
    /// The band's entry point. For now it only proves that Core deploys and runs on the device; the IMU, motor,
    /// button, flash and BLE adapters arrive with the firmware issue, each a thin shell around Core.
    /// </summary>
    public static class Program
    {
        /// <summary>Starts the band.</summary>
        public static void Main()
        {
            var band = new Band();
            band.OnSample(0, 0, 0, 4096, 0, 0, 0);
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
