using Spectre.Console;

namespace OmiTrans.Cli.Output;

/// <summary>The consoles of the tool: results go to standard output, progress and notes to standard error.</summary>
internal static class Terminal
{
    /// <summary>Where results (tables, "Wrote ..." lines) go: standard output, or standard error while a command writes its data there.</summary>
    public static IAnsiConsole Out { get; private set; } = Create(Console.Out, Console.IsOutputRedirected);

    public static IAnsiConsole Error { get; } = Create(Console.Error, Console.IsErrorRedirected);

    /// <summary>Sends results to standard error, because the command writes its data (a table, JSON) to standard output.</summary>
    public static void SendResultsToStandardError() => Out = Error;

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            // Files and pipes have no width: do not wrap tables at 80 columns, nor a note in the middle of a line.
            console.Profile.Width = 4096;
        }

        return console;
    }

    /// <summary>Writes a note line to standard error.</summary>
    public static void Note(string text) => Error.MarkupLine("[grey]" + Markup.Escape(ErrorReporter.Printable(text)) + "[/]");

    /// <summary>Writes one warning line to standard error ("omitrans: warning: ..."): something the user must know, that does not change the exit code.</summary>
    public static void Warning(string text) => Console.Error.WriteLine("omitrans: warning: " + ErrorReporter.OneLine(text));

    /// <summary>
    /// Runs work that reports (done, total) through the callback it is given: a progress bar on an interactive
    /// standard error, a note every tenth of the way when it is redirected.
    /// </summary>
    public static T Progress<T>(string title, Func<Action<long, long>, T> work)
    {
        if (Console.IsErrorRedirected)
        {
            long lastTenth = -1;
            return work((done, total) =>
            {
                long tenth = total == 0 ? 10 : done * 10 / total;
                if (tenth != Interlocked.Exchange(ref lastTenth, tenth))
                {
                    Note($"{title}: {done} of {total}");
                }
            });
        }

        T result = default!;
        Error.Progress().Start(context =>
        {
            var task = context.AddTask(title);
            result = work((done, total) =>
            {
                task.MaxValue = Math.Max(total, 1);
                task.Value = done;
            });
        });
        return result;
    }
}
