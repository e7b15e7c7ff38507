using System.Globalization;
using System.Text;

namespace OmiTrans.Cli;

/// <summary>Turns an exception into one clear line on standard error and an exit code (docs/failure-modes.md).</summary>
internal static class ErrorReporter
{
    /// <summary>Exit code for bad input data or settings.</summary>
    public const int InputError = 2;

    /// <summary>Exit code for a failure while running (training diverged, native runtime, I/O).</summary>
    public const int RunError = 1;

    /// <summary>Exit code when cancelled (Ctrl+C, SIGINT, SIGTERM).</summary>
    public const int Cancelled = 130;

    /// <summary>The longest message printed; a longer one (a binary file's contents) is cut.</summary>
    private const int MaxMessageLength = 1000;

    private static int s_cancellationReported;

    public static int Report(Exception ex)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        if (ex is OperationCanceledException)
        {
            ReportCancelled();
            return Cancelled;
        }

        var (code, message) = ex switch
        {
            OptionsValidationException v => (InputError, "invalid settings: " + string.Join("; ", v.Errors)),
            OmicsFormatException or OmicsSchemaException or FileNotFoundException or DirectoryNotFoundException or FormatException => (InputError, ex.Message),
            InvalidDataException or BadInputException or OutputRefusedException => (InputError, ex.Message),
            UnauthorizedAccessException => (InputError, PermissionMessage(ex.Message)),
            IOException when ex.Message.StartsWith("Is a directory", StringComparison.Ordinal) => (InputError, PathMessage(ex.Message, "is a directory, but a file is expected")),
            IOException when ex.Message.StartsWith("Not a directory", StringComparison.Ordinal) => (InputError, PathMessage(ex.Message, "a part of the path is a file, not a folder")),
            ArgumentException => (InputError, ex.Message),
            _ => (RunError, ex.Message),
        };
        Console.Error.WriteLine("omitrans: error: " + OneLine(message));
        if (Environment.GetEnvironmentVariable("OMITRANS_DEBUG") == "1")
        {
            Console.Error.WriteLine(ex);
        }

        return code;
    }

    /// <summary>Prints "omitrans: cancelled." once, however many paths (the command, the forced exit) report it.</summary>
    public static void ReportCancelled()
    {
        if (Interlocked.Exchange(ref s_cancellationReported, 1) == 0)
        {
            Console.Error.WriteLine("omitrans: cancelled.");
        }
    }

    /// <summary>Reports command-line errors (unknown options, bad values, values out of range): exit code 2.</summary>
    public static int ReportArguments(System.CommandLine.ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine("omitrans: error: " + OneLine(PlainTypes(error.Message)));
        }

        string command = parsed.CommandResult.Command.Name;
        Console.Error.WriteLine($"omitrans: run 'omitrans {(command == "omitrans" ? string.Empty : command + " ")}--help' for the options.");
        return InputError;
    }

    /// <summary>"... as expected type 'System.Int32'." in words: a whole number, a number.</summary>
    private static string PlainTypes(string message) => message
        .Replace("expected type 'System.Int32'", "a whole number (up to 2147483647)", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Int32]'", "a whole number (up to 2147483647)", StringComparison.Ordinal)
        .Replace("expected type 'System.Double'", "a number (e.g. 0.5 or 1e-4; not inf or nan)", StringComparison.Ordinal)
        .Replace("expected type 'System.Nullable`1[System.Double]'", "a number (e.g. 0.5 or 1e-4; not inf or nan)", StringComparison.Ordinal)
        .Replace("expected type 'System.Boolean'", "true or false", StringComparison.Ordinal);

    /// <summary>
    /// One printable line: libtorch's C++ stack is cut, line breaks become spaces, control characters are escaped
    /// (\t, \xNN, \u{NNNN}) so that bytes from a binary file cannot reach the terminal, and the length is bounded.
    /// </summary>
    public static string OneLine(string message)
    {
        // libtorch appends its C++ stack ("Exception raised from ... frame #0 ..."); the first line is the message.
        int native = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (native > 0)
        {
            message = message[..native];
        }

        var line = string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        line = Printable(line);
        return line.Length > MaxMessageLength ? line[..MaxMessageLength] + "..." : line;
    }

    /// <summary>
    /// The text with every control character (C0, DEL, C1), Unicode format character (bidirectional overrides, zero-width
    /// spaces) and space other than the plain space (a non-breaking space looks like one) escaped.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (!NeedsEscape(c))
            {
                escaped.Append(c);
            }
            else if (c == '\t')
            {
                escaped.Append("\\t");
            }
            else if (c <= 0xFF)
            {
                escaped.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append("\\u{").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('}');
            }
        }

        return escaped.ToString();
    }

    private static bool NeedsEscape(char c)
        => char.IsControl(c)
            || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            || (char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator && c != ' ');

    /// <summary>".NET: Access to the path 'X' is denied." as "X: permission denied", or "X: is a directory" when it is one.</summary>
    private static string PermissionMessage(string message)
    {
        if (message.StartsWith("Permission denied", StringComparison.Ordinal))
        {
            return message;
        }

        var path = QuotedPath(message);
        if (path is null)
        {
            return "permission denied: " + message;
        }

        return Directory.Exists(path) ? $"{path}: is a directory, but a file is expected." : $"{path}: permission denied.";
    }

    private static string PathMessage(string message, string problem) => QuotedPath(message) is { } path ? $"{path}: {problem}." : message;

    private static string? QuotedPath(string message)
    {
        int start = message.IndexOf('\'', StringComparison.Ordinal);
        int end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : null;
    }
}
