using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>
/// Text from a file as shown in a message: control characters escaped (\x01), bytes that are not UTF-8 shown as
/// U+FFFD, and long text shortened, so a message never carries raw binary data.
/// </summary>
internal static class Printable
{
    private const int MaxLength = 60;

    /// <summary>Text for a message.</summary>
    public static string Text(string text)
    {
        bool shortened = text.Length > MaxLength;
        var shown = shortened ? text[..MaxLength] : text;
        bool clean = !shortened;
        foreach (char c in shown)
        {
            if (char.IsControl(c))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return shown;
        }

        var builder = new StringBuilder(shown.Length + 8);
        foreach (char c in shown)
        {
            if (c == '\t')
            {
                builder.Append("\\t");
            }
            else if (char.IsControl(c))
            {
                builder.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return shortened ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>Bytes of a file for a message (decoded as UTF-8, invalid sequences replaced).</summary>
    public static string Bytes(ReadOnlySpan<byte> bytes)
        => Text(Encoding.UTF8.GetString(bytes.Length > MaxLength * 4 ? bytes[..(MaxLength * 4)] : bytes));
}
