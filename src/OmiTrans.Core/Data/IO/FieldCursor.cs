using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>
/// Walks the delimited fields of one line. A field may be quoted with '"' (a doubled quote inside stands for one
/// quote); quoted fields cannot span lines.
/// </summary>
internal ref struct FieldCursor
{
    private readonly ReadOnlySpan<byte> _line;
    private readonly byte _delimiter;
    private int _position;
    private bool _done;

    public FieldCursor(ReadOnlySpan<byte> line, char delimiter)
    {
        _line = line;
        _delimiter = (byte)delimiter;
        _position = 0;
        _done = false;
        Quoted = false;
        Current = default;
    }

    /// <summary>The raw content of the current field (without surrounding quotes, escapes not undone).</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Whether the current field was quoted.</summary>
    public bool Quoted { get; private set; }

    /// <summary>Moves to the next field; false when the line has no more fields.</summary>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var rest = _line[_position..];
        if (rest.Length > 0 && rest[0] == (byte)'"')
        {
            int i = 1;
            while (i < rest.Length)
            {
                if (rest[i] == (byte)'"')
                {
                    if (i + 1 < rest.Length && rest[i + 1] == (byte)'"')
                    {
                        i += 2;
                        continue;
                    }

                    break;
                }

                i++;
            }

            Current = rest[1..Math.Min(i, rest.Length)];
            Quoted = true;
            int after = Math.Min(i + 1, rest.Length);
            int next = rest[after..].IndexOf(_delimiter);
            if (next < 0)
            {
                _done = true;
            }
            else
            {
                _position += after + next + 1;
            }

            return true;
        }

        Quoted = false;
        int delimiter = rest.IndexOf(_delimiter);
        if (delimiter < 0)
        {
            Current = rest;
            _done = true;
        }
        else
        {
            Current = rest[..delimiter];
            _position += delimiter + 1;
        }

        return true;
    }

    /// <summary>Counts the fields of a line (quote-aware).</summary>
    public static int Count(ReadOnlySpan<byte> line, char delimiter)
    {
        var cursor = new FieldCursor(line, delimiter);
        int count = 0;
        while (cursor.MoveNext())
        {
            count++;
        }

        return count;
    }

    /// <summary>The current field as text, with quote escapes undone and surrounding white space removed.</summary>
    public readonly string CurrentText()
    {
        var text = Encoding.UTF8.GetString(Current);
        if (Quoted && text.Contains("\"\"", StringComparison.Ordinal))
        {
            text = text.Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        return text.Trim();
    }
}
