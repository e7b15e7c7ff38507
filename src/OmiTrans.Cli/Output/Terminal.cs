using Spectre.Console;

namespace OmiTrans.Cli.Output;

/// <summary>The consoles of the tool: results go to standard output, progress and notes to standard error.</summary>
internal static class Terminal
{
    public static IAnsiConsole Out { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });

    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Writes a note line to standard error.</summary>
    public static void Note(string text) => Error.MarkupLine("[grey]" + Markup.Escape(text) + "[/]");
}
