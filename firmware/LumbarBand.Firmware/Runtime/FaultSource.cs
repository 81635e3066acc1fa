namespace LumbarBand.Firmware.Runtime
{
    /// <summary>Which part of the firmware failed.</summary>
    internal enum FaultSource : byte
    {
        /// <summary>Start-up: a board part missing or not answering.</summary>
        Startup = 1,

        /// <summary>The sampling thread.</summary>
        Sampling = 2,

        /// <summary>The control thread (button, battery, session log).</summary>
        Control = 3,

        /// <summary>The BLE adapter.</summary>
        Bluetooth = 4,

        /// <summary>Flash (the session log): recording stopped, the band runs on.</summary>
        Storage = 5,
    }
}
