using System.Buffers.Binary;
using System.IO.Compression;

namespace OmiTrans.Data.IO;

/// <summary>
/// Decompresses gzip data (RFC 1952) and verifies it: every member's header, its CRC-32 and length (the trailer),
/// and that the data ends cleanly after the last member. Throws <see cref="GzipDataException"/> for truncated or
/// corrupt data, which <see cref="GZipStream"/> alone would partly accept (a file cut inside the compressed data or
/// missing its trailer reads as if complete).
/// </summary>
/// <remarks>
/// The members' compressed data is inflated by <see cref="DeflateStream"/> fed from this reader's own buffer, at
/// most <see cref="MaxFeed"/> bytes at a time. The inflater reads only when it needs input, so when a member's deflate
/// data ends, the end lies within the last two feeds; the trailer is the first 8 bytes after that end that hold the
/// member's CRC-32 and length and are followed by the next member or by the end of the data. Decompressed data is
/// handed out in blocks of a fixed size, so the data delivered before an error does not depend on the caller.
/// </remarks>
internal sealed class GzipReader : Stream
{
    private const int InputBufferSize = 1 << 20;
    private const int MaxFeed = 1 << 16;
    private const int History = 2 * MaxFeed;
    private const int OutputBlock = 1 << 16;

    private readonly Stream _source;
    private readonly Feed _feed;
    private readonly byte[] _output = new byte[OutputBlock];
    private byte[] _input;
    private long _inputBase;
    private int _inputPosition;
    private int _inputEnd;
    private bool _sourceDone;
    private long _previousFeedStart = -1;
    private long _lastFeedStart = -1;
    private DeflateStream? _inflater;
    private long _memberDataStart;
    private int _member;
    private Crc32 _crc;
    private long _memberSize;
    private int _outputPosition;
    private int _outputEnd;
    private bool _done;
    private readonly GzipMemberMap? _verified;
    private readonly GzipMemberMap? _recording;

    /// <summary>Reads gzip data.</summary>
    /// <param name="source">The compressed data.</param>
    /// <param name="inputBufferSize">The size of the compressed-data buffer.</param>
    /// <param name="map">
    /// Null, or a map shared by the passes over one file: an incomplete one is filled by this pass (which computes
    /// every CRC-32), a complete one spares this pass the CRC-32 (lengths and trailers are still checked).
    /// </param>
    public GzipReader(Stream source, int inputBufferSize = InputBufferSize, GzipMemberMap? map = null)
    {
        _source = source;
        if (map is { Complete: true })
        {
            _verified = map;
        }
        else if (map is not null)
        {
            map.Members.Clear();
            _recording = map;
        }

        _input = new byte[Math.Max(inputBufferSize, 4096)];
        _feed = new Feed(this);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (_outputPosition == _outputEnd && !FillOutput())
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _outputEnd - _outputPosition);
        _output.AsSpan(_outputPosition, n).CopyTo(buffer);
        _outputPosition += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inflater?.Dispose();
            _source.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool FillOutput()
    {
        while (!_done)
        {
            if (_inflater is null && !BeginMember())
            {
                _done = true;
                if (_recording is not null)
                {
                    _recording.Complete = true;
                }

                if (_verified is not null && _member != _verified.Members.Count)
                {
                    throw new GzipDataException($"the gzip data ends after member {_member}, not after member {_verified.Members.Count} as when the file was first read: the file changed while it was being read.");
                }

                return false;
            }

            int n;
            try
            {
                // Whole blocks (a short one only at the member's end): what is delivered before an error is fixed.
                n = _inflater!.ReadAtLeast(_output, _output.Length, throwOnEndOfStream: false);
            }
            catch (InvalidDataException)
            {
                throw new GzipDataException(_sourceDone && _inputPosition == _inputEnd
                    ? $"the gzip data is truncated: it ends inside member {_member}."
                    : $"the gzip data is corrupt: member {_member} cannot be decompressed.");
            }

            if (n > 0)
            {
                if (_verified is null)
                {
                    _crc.Append(_output.AsSpan(0, n));
                }

                _memberSize += n;
                _outputPosition = 0;
                _outputEnd = n;
                return true;
            }

            EndMember();
        }

        return false;
    }

    /// <summary>Reads the header of the next member; false at a clean end of the data.</summary>
    private bool BeginMember()
    {
        long start = _inputBase + _inputPosition;
        if (!EnsureInput(1, start))
        {
            return false;
        }

        int member = _member + 1;
        EnsureInput(10, start);
        int available = _inputEnd - _inputPosition;
        if (_input[_inputPosition] != 0x1F || (available >= 2 && _input[_inputPosition + 1] != 0x8B))
        {
            throw new GzipDataException($"the gzip data is followed by bytes that are not gzip data (from byte {start} of the compressed file); the file is corrupt.");
        }

        if (available < 10)
        {
            throw Truncated(member);
        }

        byte method = _input[_inputPosition + 2];
        byte flags = _input[_inputPosition + 3];
        if (method != 8)
        {
            throw new GzipDataException($"the gzip data is corrupt: member {member} names compression method {method}, not deflate (8).");
        }

        if ((flags & 0xE0) != 0)
        {
            throw new GzipDataException($"the gzip data is corrupt: the header of member {member} sets reserved flags.");
        }

        var headerCrc = new Crc32();
        Consume(10, ref headerCrc);
        if ((flags & 0x04) != 0)
        {
            if (!EnsureInput(2, start))
            {
                throw Truncated(member);
            }

            int extra = BinaryPrimitives.ReadUInt16LittleEndian(_input.AsSpan(_inputPosition));
            Consume(2, ref headerCrc);
            if (!EnsureInput(extra, start))
            {
                throw Truncated(member);
            }

            Consume(extra, ref headerCrc);
        }

        for (int flag = 0x08; flag <= 0x10; flag <<= 1)
        {
            if ((flags & flag) != 0)
            {
                SkipZeroTerminated(member, start, ref headerCrc);
            }
        }

        if ((flags & 0x02) != 0)
        {
            if (!EnsureInput(2, start))
            {
                throw Truncated(member);
            }

            int expected = BinaryPrimitives.ReadUInt16LittleEndian(_input.AsSpan(_inputPosition));
            if ((headerCrc.Value & 0xFFFF) != expected)
            {
                throw new GzipDataException($"the gzip data is corrupt: the header checksum of member {member} does not match.");
            }

            _inputPosition += 2;
        }

        _member = member;
        _crc = new Crc32();
        _memberSize = 0;
        _memberDataStart = _inputBase + _inputPosition;
        _previousFeedStart = -1;
        _lastFeedStart = -1;
        _inflater = new DeflateStream(_feed, CompressionMode.Decompress, leaveOpen: true);
        return true;
    }

    /// <summary>Finds and checks the trailer of the member whose deflate data just ended.</summary>
    private void EndMember()
    {
        _inflater!.Dispose();
        _inflater = null;
        if (_verified is not null)
        {
            EndVerifiedMember();
            return;
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.Value);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberSize));

        // The deflate data ended within the last two feeds, so the trailer starts there, at the latest where the
        // feeds end (the read position); it is followed by the next member or by the end of the data.
        long from = Math.Max(_memberDataStart, _previousFeedStart);
        EnsureInput(10, from);
        int start = (int)(from - _inputBase);
        int latest = _inputPosition;
        int fallback = -1;
        for (int candidate = start; candidate <= latest; candidate++)
        {
            int found = _input.AsSpan(candidate, _inputEnd - candidate).IndexOf(trailer);
            if (found < 0 || candidate + found > latest)
            {
                break;
            }

            candidate += found;
            int next = candidate + 8;
            bool atEnd = _sourceDone && next == _inputEnd;
            bool nextMember = next + 2 <= _inputEnd && _input[next] == 0x1F && _input[next + 1] == 0x8B;
            if (atEnd || nextMember)
            {
                _inputPosition = next;
                _recording?.Members.Add((_inputBase + candidate, _crc.Value, _memberSize));
                return;
            }

            fallback = fallback < 0 ? next : fallback;
        }

        if (fallback >= 0)
        {
            // A matching trailer followed by something else: BeginMember reports the bytes that follow.
            _inputPosition = fallback;
            return;
        }

        throw new GzipDataException(
            $"the gzip data is truncated or corrupt: member {_member} does not end with the CRC-32 and length of its data.");
    }

    /// <summary>Ends a member of a file verified by an earlier pass: same length, same trailer at the same place.</summary>
    private void EndVerifiedMember()
    {
        var members = _verified!.Members;
        if (_member > members.Count)
        {
            throw Changed();
        }

        var (offset, crc, size) = members[_member - 1];
        long from = Math.Max(_memberDataStart, _previousFeedStart);
        EnsureInput(10, from);
        int at = (int)(offset - _inputBase);
        if (_memberSize != size || offset < from || at > _inputPosition || at + 8 > _inputEnd
            || BinaryPrimitives.ReadUInt32LittleEndian(_input.AsSpan(at)) != crc
            || BinaryPrimitives.ReadUInt32LittleEndian(_input.AsSpan(at + 4)) != unchecked((uint)size))
        {
            throw Changed();
        }

        _inputPosition = at + 8;
        GzipDataException Changed() => new($"the gzip data of member {_member} is not what it was when the file was first read: the file changed while it was being read.");
    }

    private void SkipZeroTerminated(int member, long start, ref Crc32 headerCrc)
    {
        while (true)
        {
            if (!EnsureInput(1, start))
            {
                throw Truncated(member);
            }

            int zero = _input.AsSpan(_inputPosition, _inputEnd - _inputPosition).IndexOf((byte)0);
            if (zero >= 0)
            {
                Consume(zero + 1, ref headerCrc);
                return;
            }

            Consume(_inputEnd - _inputPosition, ref headerCrc);
        }
    }

    private void Consume(int count, ref Crc32 headerCrc)
    {
        headerCrc.Append(_input.AsSpan(_inputPosition, count));
        _inputPosition += count;
    }

    private static GzipDataException Truncated(int member) => new($"the gzip data is truncated: it ends inside the header of member {member}.");

    /// <summary>
    /// Makes at least <paramref name="count"/> bytes available after the read position, keeping every byte from the
    /// absolute offset <paramref name="keepFrom"/> on; false when the data ends first.
    /// </summary>
    private bool EnsureInput(int count, long keepFrom)
    {
        while (_inputEnd - _inputPosition < count && !_sourceDone)
        {
            int keep = (int)Math.Clamp(keepFrom - _inputBase, 0, _inputPosition);
            if (keep > 0)
            {
                Buffer.BlockCopy(_input, keep, _input, 0, _inputEnd - keep);
                _inputBase += keep;
                _inputPosition -= keep;
                _inputEnd -= keep;
            }

            if (_inputEnd == _input.Length)
            {
                Array.Resize(ref _input, _input.Length * 2);
            }

            int read = _source.Read(_input, _inputEnd, _input.Length - _inputEnd);
            if (read == 0)
            {
                _sourceDone = true;
            }
            else
            {
                _inputEnd += read;
            }
        }

        return _inputEnd - _inputPosition >= count;
    }

    /// <summary>Hands the inflater at most <see cref="MaxFeed"/> bytes of the current member's data.</summary>
    private int FeedInflater(Span<byte> destination)
    {
        if (!EnsureInput(1, _inputBase + _inputPosition - History))
        {
            return 0;
        }

        int n = Math.Min(Math.Min(destination.Length, MaxFeed), _inputEnd - _inputPosition);
        _previousFeedStart = _lastFeedStart;
        _lastFeedStart = _inputBase + _inputPosition;
        _input.AsSpan(_inputPosition, n).CopyTo(destination);
        _inputPosition += n;
        return n;
    }

    /// <summary>The stream the inflater reads: this reader's buffered compressed data.</summary>
    private sealed class Feed(GzipReader owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => owner.FeedInflater(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => owner.FeedInflater(buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
