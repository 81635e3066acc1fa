using LumbarBand.Core.Protocol;

namespace LumbarBand.Host.VirtualBand;

/// <summary>
/// Faults the virtual band injects on purpose, each once: a link dropped in the middle of a download, or dropped
/// when a given request arrives (before the band acts on it). Tests use them to prove resuming and "acknowledge only
/// after commit". Thread-safe.
/// </summary>
public sealed class VirtualBandFaults
{
    private readonly object _lock = new();
    private int? _dropAfterChunks;
    private Opcode? _dropOnRequest;

    /// <summary>Links dropped by these faults so far.</summary>
    public int LinksDropped { get; private set; }

    /// <summary>Drops the link once, after <paramref name="chunks"/> more data chunks have been sent.</summary>
    public void DropLinkAfterDataChunks(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunks, 0);
        lock (_lock)
        {
            _dropAfterChunks = chunks;
        }
    }

    /// <summary>Drops the link once, when a request with <paramref name="opcode"/> arrives, before the band handles it.</summary>
    public void DropLinkOnRequest(Opcode opcode)
    {
        lock (_lock)
        {
            _dropOnRequest = opcode;
        }
    }

    /// <summary>Called after each data chunk sent: true when the link must drop now.</summary>
    internal bool OnDataChunkSent()
    {
        lock (_lock)
        {
            if (_dropAfterChunks is not int left)
            {
                return false;
            }

            if (left > 1)
            {
                _dropAfterChunks = left - 1;
                return false;
            }

            _dropAfterChunks = null;
            LinksDropped++;
            return true;
        }
    }

    /// <summary>Called when a request arrives: true when the link must drop instead of handling it.</summary>
    internal bool OnRequest(Opcode opcode)
    {
        lock (_lock)
        {
            if (_dropOnRequest != opcode)
            {
                return false;
            }

            _dropOnRequest = null;
            LinksDropped++;
            return true;
        }
    }
}
