namespace LumbarBand.Core.Sensing
{
    /// <summary>What one <see cref="ImuFifoPump.Pump"/> found.</summary>
    public enum FifoPumpResult : byte
    {
        /// <summary>The FIFO was read; every sample in it was delivered (possibly none).</summary>
        Ok = 0,

        /// <summary>The FIFO had overflowed: what it held was delivered, the loss was counted and the FIFO reset.</summary>
        Overflowed = 1,

        /// <summary>The I2C bus failed; nothing was delivered (<see cref="ImuBusRecovery"/> decides what next).</summary>
        BusError = 2,
    }
}
