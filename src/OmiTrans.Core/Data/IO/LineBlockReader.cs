using System.Buffers;

namespace OmiTrans.Data.IO;

/// <summary>
/// One line inside the reader's current buffer: offset and length (without the line break), and whether it holds a
/// quote (lines without one take the tokenizer's fast path).
/// </summary>
internal readonly record struct LineRef(int Offset, int Length, long LineNumber, bool HasQuote = true);

/// <summary>
/// Reads a table's (decompressed) bytes in large blocks and hands out the complete lines of each block, so that the
/// lines of a block can be parsed in parallel. Lines end at LF, CRLF or CR (<see cref="LineTerminators"/>). The
/// start of the data is checked by <see cref="TextSniffer"/> (a UTF-8 byte order mark is skipped), every block for
/// NUL bytes, and gzip errors are reported with the file and the line where the data breaks off.
/// </summary>
internal sealed class LineBlockReader
{
    private static readonly SearchValues<byte> Specials = SearchValues.Create("\n\r\"\0"u8);

    private readonly Stream _stream;
    private readonly string _origin;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _lineNumber;
    private bool _atStart = true;

    public LineBlockReader(Stream stream, string origin, int blockSize = 16 << 20)
    {
        _stream = stream;
        _origin = origin;
        _buffer = new byte[Math.Max(blockSize, TextSniffer.SampleSize)];
    }

    /// <summary>The buffer the lines of the last <see cref="Next"/> call point into.</summary>
    public byte[] Buffer => _buffer;

    /// <summary>Fills <paramref name="lines"/> with the next block of complete lines; false at the end.</summary>
    public bool Next(List<LineRef> lines)
    {
        lines.Clear();
        while (true)
        {
            if (_start > 0)
            {
                System.Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            Fill();
            int pos = 0;
            if (_atStart)
            {
                _atStart = false;
                pos = TextSniffer.Check(_buffer.AsSpan(0, _end), _origin);
            }

            // One scan finds the line breaks, notes quotes and catches NUL bytes.
            var data = _buffer.AsSpan(0, _end);
            int scan = pos;
            bool quote = false;
            while (scan < _end)
            {
                int found = data[scan..].IndexOfAny(Specials);
                if (found < 0)
                {
                    break;
                }

                int at = scan + found;
                byte special = data[at];
                if (special == (byte)'"')
                {
                    quote = true;
                    scan = at + 1;
                    continue;
                }

                if (special == 0)
                {
                    throw TextSniffer.NulByte(_origin, _lineNumber + 1);
                }

                int next = at + 1;
                if (special == (byte)'\r')
                {
                    if (next == _end && !_endOfStream)
                    {
                        break; // CR at the end of the block: it may be the first half of a CRLF
                    }

                    if (next < _end && data[next] == (byte)'\n')
                    {
                        next++;
                    }
                }

                lines.Add(new LineRef(pos, at - pos, ++_lineNumber, quote));
                pos = next;
                scan = next;
                quote = false;
            }

            if (_endOfStream && pos < _end)
            {
                lines.Add(new LineRef(pos, _end - pos, ++_lineNumber, quote));
                pos = _end;
            }

            _start = pos;
            if (lines.Count > 0 || _endOfStream)
            {
                return lines.Count > 0;
            }

            // A single line longer than the buffer: grow and read on.
            Array.Resize(ref _buffer, checked(_buffer.Length * 2));
        }
    }

    private void Fill()
    {
        try
        {
            while (!_endOfStream && _end < _buffer.Length)
            {
                int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
                if (n == 0)
                {
                    _endOfStream = true;
                }
                else
                {
                    _end += n;
                }
            }
        }
        catch (GzipDataException ex)
        {
            throw new OmicsFormatException(_origin, _lineNumber + LineTerminators.Count(_buffer.AsSpan(0, _end)) + 1, 0, ex.Message);
        }
    }

    /// <summary>
    /// Counts the lines of a table's data (a final line without a line break counts) and its size in bytes (without a
    /// byte order mark), with the same checks as <see cref="Next"/>. For gzip data, a problem with the content is
    /// reported only after the whole data has passed the gzip checks, so corrupt compressed data is reported as
    /// such rather than by the garbage it decompresses to.
    /// </summary>
    public static (long Lines, long Bytes) CountLines(Stream stream, string origin, int bufferSize = 1 << 20)
    {
        var buffer = new byte[Math.Max(bufferSize, TextSniffer.SampleSize)];
        bool deferContentErrors = stream is GzipReader;
        OmicsFormatException? contentError = null;
        long lines = 0;
        long bytes = 0;
        bool first = true;
        byte last = (byte)'\n';
        try
        {
            int n;
            while ((n = first ? stream.ReadAtLeast(buffer, TextSniffer.SampleSize, throwOnEndOfStream: false) : stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var data = buffer.AsSpan(0, n);
                if (first)
                {
                    first = false;
                    try
                    {
                        int bom = TextSniffer.Check(data, origin);
                        data = data[bom..];
                    }
                    catch (OmicsFormatException ex) when (deferContentErrors)
                    {
                        contentError = ex;
                    }

                    if (data.IsEmpty)
                    {
                        continue;
                    }
                }

                long terminators = LineTerminators.Scan(data, out int nul);
                if (nul >= 0 && contentError is null)
                {
                    contentError = TextSniffer.NulByte(origin, lines + LineTerminators.Count(data[..nul]) + (last == (byte)'\r' && data[0] == (byte)'\n' ? 0 : 1));
                    if (!deferContentErrors)
                    {
                        throw contentError;
                    }
                }

                lines += terminators;
                if (last == (byte)'\r' && data[0] == (byte)'\n')
                {
                    lines--; // a CRLF split between two reads
                }

                bytes += data.Length;
                last = data[^1];
            }
        }
        catch (GzipDataException ex)
        {
            throw new OmicsFormatException(origin, lines + 1, 0, ex.Message);
        }

        if (contentError is not null)
        {
            throw contentError;
        }

        if (bytes > 0 && last != (byte)'\n' && last != (byte)'\r')
        {
            lines++;
        }

        return (lines, bytes);
    }
}
