using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Output;

/// <summary>
/// The machine-readable summary of a command (--json): one JSON object on one line of standard output, with
/// "command" first, camelCase names, paths in full and NaN as null; the text results then go to standard error, so
/// that standard output holds only the JSON (docs/cli.md lists the fields of every command).
/// </summary>
internal static class JsonSummary
{
    private static readonly JsonSerializerOptions Compact = new(OmiTrans.Internal.Json.Options) { WriteIndented = false };

    /// <summary>The --json option of a command.</summary>
    /// <param name="fields">What the summary holds, for the help text.</param>
    public static Option<bool> Option(string fields)
        => new("--json") { Description = $"Print a JSON summary ({fields}) as one line on standard output; the text results go to standard error." };

    /// <summary>When --json is given, sends the text results to standard error (call before anything is printed).</summary>
    /// <returns>Whether the command prints a JSON summary.</returns>
    public static bool Begin(ParseResult result, Option<bool> option)
    {
        if (!result.GetValue(option))
        {
            return false;
        }

        Terminal.SendResultsToStandardError();
        return true;
    }

    /// <summary>Converts a value (a record of metrics, a list) to a JSON node with the summary's naming.</summary>
    public static JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, Compact);

    /// <summary>A number, or null when it is NaN or infinite (JSON has no such numbers).</summary>
    public static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>Writes the summary of <paramref name="command"/> with <paramref name="fields"/> after the command name.</summary>
    public static void Write(string command, JsonObject fields)
    {
        var document = new JsonObject { ["command"] = command };
        foreach (var (name, value) in fields.ToList())
        {
            fields.Remove(name);
            document[name] = value;
        }

        Console.Out.WriteLine(document.ToJsonString(Compact));
        Console.Out.Flush();
    }
}
