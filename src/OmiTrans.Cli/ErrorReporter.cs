
namespace OmiTrans.Cli;

/// <summary>Turns an exception into one clear line on standard error and an exit code.</summary>
internal static class ErrorReporter
{
    /// <summary>Exit code for bad input data or settings.</summary>
    public const int InputError = 2;

    /// <summary>Exit code for a failure while running (training diverged, native runtime, I/O).</summary>
    public const int RunError = 1;

    /// <summary>Exit code when cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    public static int Report(Exception ex)
    {
        if (ex is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            ex = aggregate.InnerExceptions[0];
        }

        var (code, message) = ex switch
        {
            OperationCanceledException => (Cancelled, "cancelled."),
            OptionsValidationException v => (InputError, "invalid settings: " + string.Join("; ", v.Errors)),
            OmicsFormatException or OmicsSchemaException or FileNotFoundException or DirectoryNotFoundException or FormatException => (InputError, ex.Message),
            InvalidDataException => (InputError, ex.Message),
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

    /// <summary>Reports command-line errors (unknown options, bad values, values out of range): exit code 2.</summary>
    public static int ReportArguments(System.CommandLine.ParseResult parsed)
    {
        foreach (var error in parsed.Errors)
        {
            Console.Error.WriteLine("omitrans: error: " + OneLine(error.Message));
        }

        string command = parsed.CommandResult.Command.Name;
        Console.Error.WriteLine($"omitrans: run 'omitrans {(command == "omitrans" ? string.Empty : command + " ")}--help' for the options.");
        return InputError;
    }

    private static string OneLine(string message)
    {
        // libtorch appends its C++ stack ("Exception raised from ... frame #0 ..."); the first line is the message.
        int native = message.IndexOf("Exception raised from", StringComparison.Ordinal);
        if (native > 0)
        {
            message = message[..native];
        }

        return string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
    }
}
