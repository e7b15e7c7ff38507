namespace OmiTrans.Data.IO;

/// <summary>One line inside the reader's current buffer: offset and length (without the line break).</summary>
internal readonly record struct LineRef(int Offset, int Length, long LineNumber);

/// <summary>
/// Reads a stream in large blocks and hands out the complete lines of each block, so that the lines of a block
/// can be parsed in parallel. Strips '\r' before '\n' and a UTF-8 byte order mark at the start.
/// </summary>
internal sealed class LineBlockReader
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _lineNumber;
    private bool _atStart = true;

    public LineBlockReader(Stream stream, int blockSize = 16 << 20)
    {
        _stream = stream;
        _buffer = new byte[blockSize];
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

            int pos = 0;
            if (_atStart)
            {
                _atStart = false;
                if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                {
                    pos = 3;
                }
            }

            while (pos < _end)
            {
                int newline = _buffer.AsSpan(pos, _end - pos).IndexOf((byte)'\n');
                if (newline < 0)
                {
                    break;
                }

                Add(lines, pos, newline);
                pos += newline + 1;
            }

            if (_endOfStream && pos < _end)
            {
                Add(lines, pos, _end - pos);
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

    private void Add(List<LineRef> lines, int offset, int length)
    {
        if (length > 0 && _buffer[offset + length - 1] == (byte)'\r')
        {
            length--;
        }

        lines.Add(new LineRef(offset, length, ++_lineNumber));
    }

    /// <summary>Counts the lines of a stream (a final line without a line break counts) and its size in bytes.</summary>
    public static (long Lines, long Bytes) CountLines(Stream stream)
    {
        var buffer = new byte[1 << 20];
        long lines = 0;
        long bytes = 0;
        byte last = (byte)'\n';
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            bytes += n;
            last = buffer[n - 1];
        }

        if (last != (byte)'\n')
        {
            lines++;
        }

        return (lines, bytes);
    }
}
