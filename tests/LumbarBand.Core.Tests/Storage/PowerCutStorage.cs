using LumbarBand.Core.Storage;

namespace LumbarBand.Core.Tests.Storage;

/// <summary>Thrown by <see cref="PowerCutStorage"/> when the simulated power fails: the code running on the band stops there.</summary>
public sealed class PowerCutException : Exception
{
    public PowerCutException()
        : base("power cut")
    {
    }

    public PowerCutException(string message)
        : base(message)
    {
    }

    public PowerCutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What survives a power cut in a segment that changed since its last commit (the storage contract's cases).</summary>
public enum Survival
{
    /// <summary>Exactly the content at the last commit.</summary>
    CommittedOnly,

    /// <summary>Everything written, committed or not.</summary>
    EverythingWritten,

    /// <summary>
    /// A random case of the contract: the committed content, or (after a truncation) the new content, cut at a random
    /// length, then sometimes garbage: random bytes, erased flash (0xFF), zeros, or stale bytes copied from elsewhere.
    /// </summary>
    Torn,
}

/// <summary>Where in the append in progress a byte-budget cut fell.</summary>
public enum CutPlace
{
    /// <summary>No cut, or a cut between calls.</summary>
    None,

    /// <summary>Inside a segment header.</summary>
    SegmentHeader,

    /// <summary>Inside a record's type, length or sequence bytes.</summary>
    RecordHeader,

    /// <summary>Inside a record's payload.</summary>
    Payload,

    /// <summary>Inside a record's CRC.</summary>
    Checksum,
}

/// <summary>
/// An <see cref="IRecordStorage"/> that loses power on cue: before its N-th mutating call (Append, Truncate, Commit),
/// or after a given number of appended bytes (mid-append, leaving a prefix). It keeps both the committed and the
/// written content of each segment, and <see cref="Reboot"/> builds what flash would hold afterwards, as a new storage
/// for a new log to recover from.
/// </summary>
public sealed class PowerCutStorage : IRecordStorage
{
    private readonly byte[][] _committed;
    private readonly int[] _committedLength;
    private readonly byte[][] _written;
    private readonly int[] _writtenLength;
    private readonly int[] _shortestSinceCommit;
    private readonly bool[] _changed;
    private readonly bool[] _truncated;

    public PowerCutStorage(int segmentCount, int segmentCapacity)
    {
        SegmentCapacity = segmentCapacity;
        _committed = NewSegments(segmentCount, segmentCapacity);
        _written = NewSegments(segmentCount, segmentCapacity);
        _committedLength = new int[segmentCount];
        _writtenLength = new int[segmentCount];
        _shortestSinceCommit = new int[segmentCount];
        _changed = new bool[segmentCount];
        _truncated = new bool[segmentCount];
    }

    public int SegmentCount => _written.Length;

    public int SegmentCapacity { get; }

    /// <summary>Mutating calls that may start; the next one finds the power gone.</summary>
    public int CallBudget { get; set; } = int.MaxValue;

    /// <summary>Bytes that may be appended; the append that crosses this writes a prefix and finds the power gone.</summary>
    public long ByteBudget { get; set; } = long.MaxValue;

    /// <summary>Mutating calls started so far.</summary>
    public int Calls { get; private set; }

    /// <summary>Bytes appended so far.</summary>
    public long BytesAppended { get; private set; }

    /// <summary>True once the power is gone.</summary>
    public bool IsCut { get; private set; }

    /// <summary>Where a byte-budget cut fell.</summary>
    public CutPlace CutPlace { get; private set; }

    public int GetLength(int segment) => _writtenLength[segment];

    public int Read(int segment, int offset, byte[] buffer, int index, int count)
    {
        int copied = Math.Min(count, _writtenLength[segment] - offset);
        if (copied <= 0)
        {
            return 0;
        }

        Array.Copy(_written[segment], offset, buffer, index, copied);
        return copied;
    }

    public void Append(int segment, byte[] buffer, int index, int count)
    {
        BeginCall();
        int start = _writtenLength[segment];
        if (start + count > SegmentCapacity)
        {
            throw new InvalidOperationException("append beyond the segment's capacity");
        }

        long room = ByteBudget - BytesAppended;
        int allowed = count <= room ? count : (int)room;
        Array.Copy(buffer, index, _written[segment], start, allowed);
        _writtenLength[segment] = start + allowed;
        BytesAppended += allowed;
        MarkChanged(segment);
        if (allowed < count)
        {
            IsCut = true;
            CutPlace = Classify(start, count, allowed);
            throw new PowerCutException();
        }
    }

    public void Truncate(int segment, int length)
    {
        BeginCall();
        if (length < 0 || length > _writtenLength[segment])
        {
            throw new InvalidOperationException("truncation beyond the segment's length");
        }

        MarkChanged(segment);
        _writtenLength[segment] = length;
        _truncated[segment] = true;
        _shortestSinceCommit[segment] = Math.Min(_shortestSinceCommit[segment], length);
    }

    public void Commit()
    {
        BeginCall();
        for (int s = 0; s < SegmentCount; s++)
        {
            if (_changed[s])
            {
                Array.Copy(_written[s], _committed[s], _writtenLength[s]);
                _committedLength[s] = _writtenLength[s];
                _changed[s] = false;
                _truncated[s] = false;
            }
        }
    }

    /// <summary>What flash holds after the cut: a new storage whose content, committed and written, is the survivor.</summary>
    public PowerCutStorage Reboot(Survival survival, Random random)
    {
        var next = new PowerCutStorage(SegmentCount, SegmentCapacity);
        for (int s = 0; s < SegmentCount; s++)
        {
            byte[] survivor = Survivor(s, survival, random);
            Array.Copy(survivor, next._committed[s], survivor.Length);
            Array.Copy(survivor, next._written[s], survivor.Length);
            next._committedLength[s] = survivor.Length;
            next._writtenLength[s] = survivor.Length;
        }

        return next;
    }

    private byte[] Survivor(int segment, Survival survival, Random random)
    {
        if (!_changed[segment] || survival == Survival.CommittedOnly)
        {
            return _committed[segment][.._committedLength[segment]];
        }

        if (survival == Survival.EverythingWritten)
        {
            return _written[segment][.._writtenLength[segment]];
        }

        byte[] kept;
        if (_truncated[segment] && random.Next(2) == 0)
        {
            kept = _committed[segment][.._committedLength[segment]];
        }
        else
        {
            int shortest = _truncated[segment] ? _shortestSinceCommit[segment] : _committedLength[segment];
            int length = random.Next(shortest, _writtenLength[segment] + 1);
            kept = _written[segment][..length];
        }

        return random.Next(2) == 0 ? kept : WithGarbage(kept, segment, random);
    }

    /// <summary>Appends garbage of a random kind and length (within capacity) after <paramref name="kept"/>.</summary>
    private byte[] WithGarbage(byte[] kept, int segment, Random random)
    {
        int room = SegmentCapacity - kept.Length;
        if (room == 0)
        {
            return kept;
        }

        int length = random.Next(1, Math.Min(room, 300) + 1);
        var garbage = new byte[length];
        switch (random.Next(4))
        {
            case 0:
                random.NextBytes(garbage);
                break;
            case 1:
                Array.Fill(garbage, (byte)0xFF);
                break;
            case 2:
                break;
            default:
                // Stale bytes: a stretch of what this segment held, as a file system reusing a block might expose;
                // half the time from its first record, so that whole well-formed but out-of-place records follow.
                int source = Math.Max(_writtenLength[segment], _committedLength[segment]);
                byte[] from = _writtenLength[segment] >= _committedLength[segment] ? _written[segment] : _committed[segment];
                if (source > SegmentHeader.EncodedLength)
                {
                    int start = random.Next(2) == 0 ? SegmentHeader.EncodedLength : random.Next(source);
                    int copied = Math.Min(length, source - start);
                    Array.Copy(from, start, garbage, 0, copied);
                }

                break;
        }

        return [.. kept, .. garbage];
    }

    private void BeginCall()
    {
        if (IsCut || Calls >= CallBudget)
        {
            IsCut = true;
            throw new PowerCutException();
        }

        Calls++;
    }

    private void MarkChanged(int segment)
    {
        if (!_changed[segment])
        {
            _changed[segment] = true;
            _shortestSinceCommit[segment] = _committedLength[segment];
        }
    }

    private static CutPlace Classify(int start, int count, int written)
    {
        if (start == 0 && count == SegmentHeader.EncodedLength)
        {
            return CutPlace.SegmentHeader;
        }

        if (written < RecordFormat.HeaderLength)
        {
            return CutPlace.RecordHeader;
        }

        return written >= count - RecordFormat.ChecksumLength ? CutPlace.Checksum : CutPlace.Payload;
    }

    private static byte[][] NewSegments(int count, int capacity)
    {
        var segments = new byte[count][];
        for (int s = 0; s < count; s++)
        {
            segments[s] = new byte[capacity];
        }

        return segments;
    }
}
