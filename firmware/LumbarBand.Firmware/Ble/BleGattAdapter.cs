namespace LumbarBand.Firmware.Ble
{
    /// <summary>
    /// BLE GATT ADAPTER — PLACE HOLDER. The band's GATT server (live status, commands, resumable download; the wire
    /// format in docs/protocol.md, Core's Protocol/) comes with the protocol issue. It will own
    /// nanoFramework.Device.Bluetooth's BluetoothLEServer and GattServiceProvider, answer read/write requests through
    /// Core's protocol classes (under the band lock, within the 2 s response deadline) and notify status. The package is
    /// already referenced and pinned in packages.config, and <see cref="Runtime.BandApp"/> already calls
    /// <see cref="Start"/> and <see cref="Stop"/> at the right moments.
    /// </summary>
    internal sealed class BleGattAdapter
    {
        /// <summary>True once the server advertises.</summary>
        public bool IsStarted { get; private set; }

        /// <summary>Starts the GATT server and advertising (nothing yet).</summary>
        public void Start()
        {
            IsStarted = false;
        }

        /// <summary>Stops advertising and closes the connection (nothing yet).</summary>
        public void Stop()
        {
            IsStarted = false;
        }
    }
}
