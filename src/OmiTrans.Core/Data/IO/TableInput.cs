using Microsoft.Win32.SafeHandles;

namespace OmiTrans.Data.IO;

/// <summary>
/// A table file opened for reading in one or more passes, transparently decompressing and verifying gzip
/// (recognised by its magic bytes, whatever the file's name).
/// </summary>
/// <remarks>
/// The file is opened once and every pass reads the same open file from its start, so a file replaced (renamed over
/// or deleted and re-created) while it is read does not mix two files: the passes keep reading the one that was
/// opened. A file changed in place is detected by its size and modification time, checked at the start and the
/// end of every pass: <see cref="OmicsFormatException"/> naming the file. Gzip data is verified completely (every
/// member's CRC-32 and length, a clean end) by the first pass that reads it to the end; later passes check each
/// member's length and trailer against that pass (<see cref="GzipMemberMap"/>).
/// </remarks>
internal sealed class TableInput : IDisposable
{
    private readonly FileStream? _file;
    private readonly byte[]? _content;
    private readonly long _length;
    private readonly DateTime _lastWrite;
    private readonly GzipMemberMap _gzipMembers = new();

    private TableInput(string origin, FileStream file)
    {
        Origin = origin;
        _file = file;
        _length = RandomAccess.GetLength(file.SafeFileHandle);
        _lastWrite = File.GetLastWriteTimeUtc(file.SafeFileHandle);
        Span<byte> magic = stackalloc byte[2];
        IsGzip = RandomAccess.Read(file.SafeFileHandle, magic, 0) == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private TableInput(string origin, byte[] content)
    {
        Origin = origin;
        _content = content;
        _length = content.Length;
        IsGzip = content.Length >= 2 && content[0] == 0x1F && content[1] == 0x8B;
    }

    /// <summary>The file as named by the caller; messages start with it.</summary>
    public string Origin { get; }

    /// <summary>Whether the file is gzip-compressed.</summary>
    public bool IsGzip { get; }

    /// <summary>Opens a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="description">What the file is, for the message when it does not exist ("file", "location table").</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TableInput Open(string path, string description = "file")
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The {description} '{path}' does not exist.", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            if (!file.CanSeek)
            {
                throw new OmicsFormatException(path, 0, 0, "the file is a pipe or a device, not a regular file; a table is read in several passes, so write it to a file first.");
            }

            return new TableInput(path, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A table held in memory (read from a stream or a text reader by the caller): the same passes and checks as a
    /// file, and nothing can change it while it is read.
    /// </summary>
    /// <param name="origin">What the caller calls it, for messages.</param>
    /// <param name="content">The bytes, gzip-compressed or not.</param>
    public static TableInput FromBytes(string origin, byte[] content) => new(origin, content);

    /// <summary>Starts a pass: the file's (decompressed) bytes from the beginning.</summary>
    /// <exception cref="OmicsFormatException">The file changed since it was opened.</exception>
    public Stream OpenPass()
    {
        CheckUnchanged();
        Stream raw = _file is null ? new MemoryStream(_content!, writable: false) : new PositionalStream(_file.SafeFileHandle);
        return IsGzip ? new GzipReader(raw, BufferSizeFor(1 << 20), _gzipMembers) : raw;
    }

    /// <summary>
    /// A read buffer size for this file: <paramref name="max"/>, or less for a small uncompressed file (so reading
    /// many small files does not allocate large buffers).
    /// </summary>
    public int BufferSizeFor(int max) => IsGzip ? max : (int)Math.Clamp(_length + 16, TextSniffer.SampleSize, max);

    /// <summary>Throws when the file's size or modification time differs from when it was opened.</summary>
    public void CheckUnchanged()
    {
        if (_file is null)
        {
            return;
        }

        if (RandomAccess.GetLength(_file.SafeFileHandle) != _length || File.GetLastWriteTimeUtc(_file.SafeFileHandle) != _lastWrite)
        {
            throw new OmicsFormatException(
                Origin,
                0,
                0,
                "the file changed while it was being read (its size or modification time differs from when reading began); read it again once nothing writes to it.");
        }
    }

    public void Dispose() => _file?.Dispose();

    /// <summary>Sequential reads of an open file from offset 0, independent of other passes over the same handle.</summary>
    private sealed class PositionalStream(SafeFileHandle handle) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = RandomAccess.Read(handle, buffer, _position);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
