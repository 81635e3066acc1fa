namespace LumbarBand.Core.Sensing
{
    /// <summary>
    /// The MPU-6886's FIFO as the sampling loop reads it (<see cref="ImuFifoPump"/>): the firmware implements it over
    /// I2C, host tests with a simulated chip. Every call returns quickly and reports a bus failure instead of throwing.
    /// </summary>
    public interface IImuFifo
    {
        /// <summary>Bytes waiting in the FIFO (FIFO_COUNTH/L), or -1 when the bus failed.</summary>
        int ReadCount();

        /// <summary>Reads <paramref name="count"/> bytes from FIFO_R_W into <paramref name="buffer"/> from 0; false when the bus failed.</summary>
        bool ReadBytes(byte[] buffer, int count);

        /// <summary>True once after the FIFO overflowed (INT_STATUS FIFO_OFLOW_INT, cleared by reading it).</summary>
        bool TakeOverflow();

        /// <summary>Empties the FIFO (USER_CTRL FIFO_RST); false when the bus failed.</summary>
        bool Reset();
    }
}
