namespace LumbarBand.Host.Links;

/// <summary>BlueZ runs but has no Bluetooth adapter (or it is switched off), or BlueZ is not running at all.</summary>
public sealed class NoBluetoothAdapterException : LumbarBandException
{
    /// <summary>Creates the exception.</summary>
    public NoBluetoothAdapterException()
        : base("no Bluetooth adapter: plug one in or switch it on (bluetoothctl power on), and check that the bluetooth service runs")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NoBluetoothAdapterException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NoBluetoothAdapterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
