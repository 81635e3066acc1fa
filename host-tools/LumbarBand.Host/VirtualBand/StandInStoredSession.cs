namespace LumbarBand.Host.VirtualBand;

/// <summary>STAND-IN: one session in <see cref="StandInBandPort"/>'s memory (the real band keeps them in its record log).</summary>
public sealed class StandInStoredSession
{
    /// <summary>Creates an open (still recording) session.</summary>
    public StandInStoredSession(uint id, uint startUtcSeconds)
    {
        Id = id;
        StartUtcSeconds = startUtcSeconds;
    }

    /// <summary>Session id.</summary>
    public uint Id { get; }

    /// <summary>Start, UTC seconds since 1970; 0 when the clock was not set.</summary>
    public uint StartUtcSeconds { get; }

    /// <summary>The serialized form; empty while open.</summary>
    public byte[] Bytes { get; private set; } = [];

    /// <summary>CRC-32 of <see cref="Bytes"/>.</summary>
    public uint Crc { get; private set; }

    /// <summary>True while being recorded.</summary>
    public bool Open { get; private set; } = true;

    /// <summary>Ends the session with its serialized form.</summary>
    public void Close(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Bytes = bytes;
        Crc = Core.Storage.Crc32.Compute(bytes, 0, bytes.Length);
        Open = false;
    }
}
