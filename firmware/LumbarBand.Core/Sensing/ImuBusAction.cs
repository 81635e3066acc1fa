namespace LumbarBand.Core.Sensing
{
    /// <summary>What <see cref="ImuBusRecovery"/> asks the sampling loop to do.</summary>
    public enum ImuBusAction : byte
    {
        /// <summary>Carry on.</summary>
        None = 0,

        /// <summary>Clear the I2C bus, reset and configure the IMU again, restart its FIFO.</summary>
        RecoverBus = 1,

        /// <summary>Recoveries failed: pause sampling, flag the fault, keep everything else running; retry later.</summary>
        Degrade = 2,
    }
}
