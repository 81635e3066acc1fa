namespace LumbarBand.Firmware.Hardware
{
    /// <summary>The battery voltage, read once a minute by the control loop.</summary>
    internal interface IBatteryGauge
    {
        /// <summary>Battery voltage in millivolts, or -1 if it cannot be read.</summary>
        int ReadMillivolts();
    }
}
