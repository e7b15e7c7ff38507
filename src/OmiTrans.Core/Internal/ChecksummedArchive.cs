using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace OmiTrans.Internal;

/// <summary>
/// A zip archive whose last entry, <see cref="ChecksumsEntry"/>, lists the SHA-256 and the size of every other entry
/// and ends with the SHA-256 of its own lines, so that any change to any entry's content (one flipped bit) is found
/// before anything in the archive is used. Model files (format version 2) and training checkpoints use it.
/// </summary>
/// <remarks>
/// The checksum entry is text, one line per entry, stored uncompressed:
/// <code>
/// omitrans-checksums 1
/// &lt;sha256 hex&gt; &lt;bytes&gt; &lt;name&gt;
/// ...
/// end &lt;sha256 hex of every byte above this line&gt;
/// </code>
/// </remarks>
internal static class ChecksummedArchive
{
    public const string ChecksumsEntry = "checksums.sha256";
    private const string Header = "omitrans-checksums 1";
    private const string EndPrefix = "end ";
    private const long MaxChecksumsBytes = 1L << 20;
    private const int MaxEntries = 1000;

    /// <summary>Writes the entries, hashing each as it is written; <see cref="Complete"/> adds the checksum entry.</summary>
    internal sealed class Writer : IDisposable
    {
        private readonly ZipArchive _zip;
        private readonly List<(string Name, long Bytes, string Sha256)> _entries = [];
        private bool _completed;

        public Writer(Stream stream)
        {
            _zip = new ZipArchive(Guard.NotNull(stream), ZipArchiveMode.Create, leaveOpen: true);
        }

        /// <summary>Adds an entry; <paramref name="write"/> may close the stream it is given.</summary>
        public void Add(string name, CompressionLevel compression, Action<Stream> write)
        {
            if (_completed || name == ChecksumsEntry || _entries.Any(e => e.Name == name))
            {
                throw new InvalidOperationException($"Internal error: the archive entry '{name}' cannot be added.");
            }

            var entry = _zip.CreateEntry(name, compression);
            using var output = entry.Open();
            var hashing = new HashingWriteStream(output);
            write(hashing);
            _entries.Add((name, hashing.Length, hashing.Finish()));
        }

        /// <summary>Writes the checksum entry (last); the archive is complete when the writer is disposed.</summary>
        public void Complete()
        {
            _completed = true;
            var text = new StringBuilder(Header).Append('\n');
            foreach (var (name, bytes, sha256) in _entries)
            {
                text.Append(sha256).Append(' ').Append(bytes.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(name).Append('\n');
            }

            var body = Encoding.UTF8.GetBytes(text.ToString());
            var end = Encoding.UTF8.GetBytes(EndPrefix + Convert.ToHexStringLower(SHA256.HashData(body)) + "\n");
            using var output = _zip.CreateEntry(ChecksumsEntry, CompressionLevel.NoCompression).Open();
            output.Write(body);
            output.Write(end);
        }

        public void Dispose() => _zip.Dispose();
    }

    /// <summary>
    /// Opens an archive and verifies it whole: the checksum entry's own checksum, that the archive holds exactly the
    /// entries it lists, every entry's size against the list and against its limit (before anything is allocated),
    /// and every entry's SHA-256. Only then are entries handed out.
    /// </summary>
    internal sealed class Reader
    {
        private readonly ZipArchive _zip;
        private readonly string _origin;
        private readonly Dictionary<string, byte[]> _cached = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _sizes = new(StringComparer.Ordinal);

        private Reader(ZipArchive zip, string origin)
        {
            _zip = zip;
            _origin = origin;
        }

        /// <summary>The verified entries in the order they were written.</summary>
        public IReadOnlyList<string> Entries { get; private set; } = [];

        /// <summary>Whether the archive has a checksum entry (a file of a format that has one).</summary>
        public static bool HasChecksums(ZipArchive zip) => zip.GetEntry(ChecksumsEntry) is not null;

        /// <summary>Verifies an open archive.</summary>
        /// <param name="zip">The archive (left open; the caller disposes it).</param>
        /// <param name="origin">The file, for messages.</param>
        /// <param name="limit">The largest size allowed for an entry, by name.</param>
        /// <param name="cacheLimit">Entries up to this size are kept in memory while they are verified (read once); larger ones are read again when used.</param>
        /// <exception cref="InvalidDataException">Anything does not match; the message names the file and the entry.</exception>
        public static Reader Verify(ZipArchive zip, string origin, Func<string, long> limit, long cacheLimit = 1L << 30)
        {
            var reader = new Reader(zip, origin);
            reader.VerifyAll(limit, Math.Min(cacheLimit, Array.MaxLength));
            return reader;
        }

        /// <summary>The size of a verified entry.</summary>
        public long SizeOf(string name) => _sizes.TryGetValue(name, out var size) ? size : throw Missing(name);

        /// <summary>The content of a verified entry that was kept in memory.</summary>
        public byte[] ReadAllBytes(string name) => _cached.TryGetValue(name, out var bytes)
            ? bytes
            : throw new InvalidDataException($"{_origin}: the '{name}' entry is too large ({SizeOf(name)} bytes) to be read at once.");

        /// <summary>A stream of a verified entry (in memory, or read again from the archive).</summary>
        public Stream Open(string name)
        {
            if (_cached.TryGetValue(name, out var bytes))
            {
                return new MemoryStream(bytes, writable: false);
            }

            var entry = _zip.GetEntry(name) ?? throw Missing(name);
            return entry.Open();
        }

        /// <summary>Reads a verified entry through <paramref name="read"/>, wrapping read errors in a message that names the file and the entry.</summary>
        public T Read<T>(string name, Func<Stream, T> read)
        {
            try
            {
                using var stream = Open(name);
                return read(stream);
            }
            catch (Exception ex) when (ex is EndOfStreamException or IOException && ex is not InvalidDataException)
            {
                throw new InvalidDataException($"{_origin}: the '{name}' entry cannot be read: {ex.Message}", ex);
            }
        }

        private InvalidDataException Missing(string name) => new($"{_origin} is damaged: it has no '{name}' entry.");

        private void VerifyAll(Func<string, long> limit, long cacheLimit)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in _zip.Entries)
            {
                if (!names.Add(entry.FullName))
                {
                    throw new InvalidDataException($"{_origin} is damaged: the entry '{entry.FullName}' appears twice.");
                }
            }

            var listed = ReadList();
            if (listed.FirstOrDefault(l => !names.Contains(l.Name)) is { Name: { } absent })
            {
                throw new InvalidDataException($"{_origin} is damaged: the checksum list names the entry '{absent}', which the archive does not hold (it holds {string.Join(", ", names)}).");
            }

            var unlisted = names.Where(n => n != ChecksumsEntry && !listed.Any(l => l.Name == n)).ToList();
            if (unlisted.Count > 0)
            {
                throw new InvalidDataException($"{_origin} is damaged or was modified: the entry '{unlisted[0]}' is not in the checksum list.");
            }

            foreach (var (name, bytes, sha256) in listed)
            {
                var entry = _zip.GetEntry(name)!;
                long max = limit(name);
                if (bytes > max)
                {
                    throw new InvalidDataException($"{_origin}: the '{name}' entry declares {bytes} bytes, more than the {max} allowed.");
                }

                if (entry.Length != bytes)
                {
                    throw new InvalidDataException($"{_origin} is damaged: the '{name}' entry declares {entry.Length} bytes in the zip directory, the checksum list {bytes}.");
                }

                _sizes[name] = bytes;
                byte[]? content = bytes <= cacheLimit ? new byte[bytes] : null;
                string actual = Hash(name, entry, bytes, content);
                if (!string.Equals(actual, sha256, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{_origin} is damaged or was modified: the '{name}' entry does not match its SHA-256 in the checksum list.");
                }

                if (content is not null)
                {
                    _cached[name] = content;
                }
            }

            Entries = listed.Select(l => l.Name).ToArray();
        }

        /// <summary>Hashes an entry, reading exactly the declared bytes (more or fewer is damage), into <paramref name="content"/> when given.</summary>
        private string Hash(string name, ZipArchiveEntry entry, long bytes, byte[]? content)
        {
            try
            {
                using var input = entry.Open();
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = content is null ? new byte[1 << 20] : null;
                long done = 0;
                while (done < bytes)
                {
                    int want = (int)Math.Min(bytes - done, 1 << 20);
                    var span = content is not null ? content.AsSpan((int)done, want) : buffer.AsSpan(0, want);
                    int read = input.Read(span);
                    if (read == 0)
                    {
                        throw new InvalidDataException($"{_origin} is damaged: the '{name}' entry ends after {done} of its {bytes} bytes.");
                    }

                    hash.AppendData(span[..read]);
                    done += read;
                }

                Span<byte> probe = stackalloc byte[1];
                if (input.Read(probe) != 0)
                {
                    throw new InvalidDataException($"{_origin} is damaged: the '{name}' entry holds more than its {bytes} bytes.");
                }

                return Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            catch (Exception ex) when (ex is IOException or NotSupportedException || (ex is InvalidDataException && !ex.Message.StartsWith(_origin, StringComparison.Ordinal)))
            {
                throw new InvalidDataException($"{_origin} is damaged: the '{name}' entry cannot be read: {ex.Message}", ex);
            }
        }

        private List<(string Name, long Bytes, string Sha256)> ReadList()
        {
            var entry = _zip.GetEntry(ChecksumsEntry) ?? throw Missing(ChecksumsEntry);
            if (entry.Length > MaxChecksumsBytes || entry.Length < 0)
            {
                throw new InvalidDataException($"{_origin}: the '{ChecksumsEntry}' entry declares {entry.Length} bytes, more than the {MaxChecksumsBytes} allowed.");
            }

            var bytes = new byte[entry.Length];
            string text;
            try
            {
                using (var input = entry.Open())
                {
                    input.ReadExactly(bytes);
                }

                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException)
            {
                throw new InvalidDataException($"{_origin} is damaged: the '{ChecksumsEntry}' entry cannot be read: {ex.Message}", ex);
            }

            InvalidDataException Damaged(string what) => new($"{_origin} is damaged or was modified: the '{ChecksumsEntry}' entry {what}.");
            if (text.Length < 2 || !text.EndsWith('\n'))
            {
                throw Damaged("has no final checksum line");
            }

            int endLine = text.LastIndexOf('\n', text.Length - 2) + 1;
            if (!text.AsSpan(endLine).StartsWith(EndPrefix, StringComparison.Ordinal))
            {
                throw Damaged("has no final checksum line");
            }

            var expected = text.AsSpan(endLine + EndPrefix.Length).TrimEnd('\n').ToString();
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes.AsSpan(0, Encoding.UTF8.GetByteCount(text.AsSpan(0, endLine))))), expected, StringComparison.Ordinal))
            {
                throw Damaged("does not match its own checksum");
            }

            var lines = text[..endLine].Split('\n');
            if (lines[0] != Header)
            {
                throw Damaged($"does not start with '{Header}'");
            }

            var result = new List<(string, long, string)>();
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                var parts = line.Split(' ', 3);
                if (parts.Length != 3 || parts[0].Length != 64 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long size) || parts[2].Length == 0)
                {
                    throw Damaged("has a malformed line");
                }

                result.Add((parts[2], size, parts[0]));
            }

            if (result.Count > MaxEntries || result.Select(r => r.Item1).Distinct(StringComparer.Ordinal).Count() != result.Count)
            {
                throw Damaged("lists too many or repeated entries");
            }

            return result;
        }
    }

    /// <summary>Passes writes through, hashing and counting them; never closes the stream it wraps.</summary>
    private sealed class HashingWriteStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public string Finish()
        {
            inner.Flush();
            var hex = Convert.ToHexStringLower(_hash.GetHashAndReset());
            _hash.Dispose();
            return hex;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override void WriteByte(byte value) => Write([value]);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
