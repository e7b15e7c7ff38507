using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace OmiTrans.Data.IO;

/// <summary>A syntax error found by <see cref="FieldCursor"/>.</summary>
internal enum FieldError : byte
{
    None,
    UnclosedQuote,
    QuoteInUnquotedField,
    TextAfterQuote,
}

/// <summary>
/// Walks the delimited fields of one line (the tokenizer of every table reader). A field is unquoted (no '"' in it;
/// spaces, and tabs when the delimiter is not a tab, around it are not part of it) or quoted: '"', any text in which
/// '""' stands for one quote and the delimiter is an ordinary character, '"', with optional spaces around. A quoted
/// field cannot span lines. A line without any quote takes a fast path that only splits at the delimiter.
/// </summary>
internal ref struct FieldCursor
{
    private static readonly SearchValues<byte> ControlBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(b => b != '\t').Select(b => (byte)b), 0x7F]);

    private readonly ReadOnlySpan<byte> _line;
    private readonly byte _delimiter;
    private readonly bool _plain;
    private int _position;
    private bool _done;

    /// <summary>Starts before the first field of a line.</summary>
    /// <param name="line">The line, without its line break.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="mayHoldQuote">False when the caller knows the line holds no quote (<see cref="LineRef.HasQuote"/>).</param>
    public FieldCursor(ReadOnlySpan<byte> line, char delimiter, bool mayHoldQuote = true)
    {
        _line = line;
        _delimiter = (byte)delimiter;
        _plain = !mayHoldQuote || line.IndexOf((byte)'"') < 0;
        _position = 0;
        _done = false;
        Index = -1;
        Quoted = false;
        Error = FieldError.None;
        Current = default;
    }

    /// <summary>The current field: an unquoted field untrimmed, a quoted one between its quotes with '""' not undone.</summary>
    public ReadOnlySpan<byte> Current { get; private set; }

    /// <summary>Whether the current field was quoted.</summary>
    public bool Quoted { get; private set; }

    /// <summary>The 0-based index of the current field (of the failing one after an error).</summary>
    public int Index { get; private set; }

    /// <summary>The syntax error that ended the walk, or <see cref="FieldError.None"/>.</summary>
    public FieldError Error { get; private set; }

    /// <summary>Moves to the next field; false when the line has no more fields or a syntax error was found (<see cref="Error"/>).</summary>
    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        Index++;
        var rest = _line[_position..];
        if (_plain)
        {
            int delimiter = rest.IndexOf(_delimiter);
            Quoted = false;
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

        return MoveNextChecked(rest);
    }

    private bool MoveNextChecked(ReadOnlySpan<byte> rest)
    {
        int i = 0;
        while (i < rest.Length && IsPad(rest[i]))
        {
            i++;
        }

        if (i < rest.Length && rest[i] == (byte)'"')
        {
            int open = i + 1;
            int close = open;
            while (true)
            {
                int quote = rest[close..].IndexOf((byte)'"');
                if (quote < 0)
                {
                    return Fail(FieldError.UnclosedQuote);
                }

                close += quote;
                if (close + 1 < rest.Length && rest[close + 1] == (byte)'"')
                {
                    close += 2;
                    continue;
                }

                break;
            }

            Current = rest[open..close];
            Quoted = true;
            int after = close + 1;
            while (after < rest.Length && IsPad(rest[after]))
            {
                after++;
            }

            if (after == rest.Length)
            {
                _done = true;
                return true;
            }

            if (rest[after] == _delimiter)
            {
                _position += after + 1;
                return true;
            }

            return Fail(FieldError.TextAfterQuote);
        }

        int end = rest.IndexOf(_delimiter);
        var field = end < 0 ? rest : rest[..end];
        if (field.IndexOf((byte)'"') >= 0)
        {
            return Fail(FieldError.QuoteInUnquotedField);
        }

        Current = field;
        Quoted = false;
        if (end < 0)
        {
            _done = true;
        }
        else
        {
            _position += end + 1;
        }

        return true;
    }

    private bool Fail(FieldError error)
    {
        Error = error;
        _done = true;
        Current = default;
        return false;
    }

    private readonly bool IsPad(byte b) => b == (byte)' ' || (b == (byte)'\t' && _delimiter != (byte)'\t');

    /// <summary>Counts the fields of a line; stops at a syntax error (then <paramref name="error"/> says which).</summary>
    public static int Count(ReadOnlySpan<byte> line, char delimiter, out FieldError error)
    {
        var cursor = new FieldCursor(line, delimiter);
        int count = 0;
        while (cursor.MoveNext())
        {
            count++;
        }

        error = cursor.Error;
        return count;
    }

    /// <summary>
    /// The current field as text: quote escapes undone, an unquoted field trimmed of spaces and tabs, a quoted one
    /// verbatim. Fails (with a problem that completes "the ... id ...") on bytes that are not UTF-8 or on control
    /// characters other than tab.
    /// </summary>
    public readonly bool TryGetText(out string text, out string? problem)
    {
        var bytes = Quoted ? Current : Current.Trim("\t "u8);
        int control = bytes.IndexOfAny(ControlBytes);
        if (control >= 0)
        {
            text = string.Empty;
            problem = $"'{Printable.Bytes(bytes)}' contains the control character 0x{bytes[control]:X2}, which an id cannot hold";
            return false;
        }

        if (!Utf8.IsValid(bytes))
        {
            text = string.Empty;
            problem = $"'{Printable.Bytes(bytes)}' is not valid UTF-8 text (save the file as UTF-8)";
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        if (Quoted && bytes.IndexOf("\"\""u8) >= 0)
        {
            text = text.Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        problem = null;
        return true;
    }

    /// <summary>The problem of a syntax error, for a message.</summary>
    public static string Describe(FieldError error) => error switch
    {
        FieldError.UnclosedQuote => "a quoted field is not closed on this line (a quoted field cannot span lines; a quote inside one is written \"\").",
        FieldError.QuoteInUnquotedField => "a quote (\") inside an unquoted field; quote the whole field and double the quote inside it (\"a\"\"b\").",
        FieldError.TextAfterQuote => "text after the closing quote of a quoted field (a quote inside a quoted field is written \"\").",
        _ => "no error.",
    };
}
