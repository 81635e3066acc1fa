using System.Globalization;
using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.Sync;

/// <summary>The band speaks a newer major protocol version than this host: nothing else may be sent to it.</summary>
public sealed class NewerProtocolException : LumbarBandException
{
    /// <summary>Creates the exception for a band reporting <paramref name="major"/>.<paramref name="minor"/>.</summary>
    public NewerProtocolException(int major, int minor)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"the band speaks protocol {major}.{minor}, newer than this lumbarband ({ProtocolConstants.VersionMajor}.{ProtocolConstants.VersionMinor}): update lumbarband to talk to it"))
    {
        Major = major;
        Minor = minor;
    }

    /// <summary>Creates the exception.</summary>
    public NewerProtocolException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public NewerProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NewerProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The band's major version.</summary>
    public int Major { get; }

    /// <summary>The band's minor version.</summary>
    public int Minor { get; }
}
