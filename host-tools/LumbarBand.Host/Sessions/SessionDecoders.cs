namespace LumbarBand.Host.Sessions;

/// <summary>
/// The session decoders this host knows, tried in order. A session no decoder recognizes is still stored (raw), and
/// decoded later by a newer host.
/// </summary>
public sealed class SessionDecoders
{
    private readonly ISessionDecoder[] _decoders;

    /// <summary>Creates a registry trying <paramref name="decoders"/> in order.</summary>
    public SessionDecoders(params ISessionDecoder[] decoders)
    {
        ArgumentNullException.ThrowIfNull(decoders);
        _decoders = decoders;
    }

    /// <summary>Every decoder of this build: the band's own session format (<see cref="CoreSessionDecoder"/>).</summary>
    public static SessionDecoders Default { get; } = new(new CoreSessionDecoder());

    /// <summary>The decoders, in the order they are tried.</summary>
    public IReadOnlyList<ISessionDecoder> All => _decoders;

    /// <summary>The first decoder that recognizes <paramref name="session"/>, or null.</summary>
    public ISessionDecoder? Find(ReadOnlySpan<byte> session)
    {
        foreach (ISessionDecoder decoder in _decoders)
        {
            if (decoder.CanDecode(session))
            {
                return decoder;
            }
        }

        return null;
    }
}
