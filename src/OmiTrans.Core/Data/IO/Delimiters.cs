namespace OmiTrans.Data.IO;

/// <summary>The field delimiter of a table: configured, or chosen from the file name.</summary>
internal static class Delimiters
{
    /// <summary>The configured delimiter, or ',' for names ending in .csv or .csv.gz and a tab otherwise.</summary>
    /// <exception cref="ArgumentException">The configured delimiter cannot separate fields (a quote, a line break, a space or a non-ASCII character).</exception>
    public static char For(string path, char? configured)
    {
        if (configured is { } c)
        {
            if (c is '"' or '\r' or '\n' or ' ' or '\0' || c > 127)
            {
                throw new ArgumentException($"The delimiter '{Printable.Text(c.ToString())}' cannot separate fields: use an ASCII character other than a quote, a line break or a space (tab and comma are usual).");
            }

            return c;
        }

        var name = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? path[..^3] : path;
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ',' : '\t';
    }

    /// <summary>How a file is read, for messages: "tabs between fields".</summary>
    public static string Describe(char delimiter) => delimiter switch
    {
        '\t' => "tabs between fields",
        ',' => "commas between fields",
        _ => $"'{Printable.Text(delimiter.ToString())}' between fields",
    };
}
