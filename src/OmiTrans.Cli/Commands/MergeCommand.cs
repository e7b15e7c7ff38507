using System.CommandLine;
using System.Text.Json;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans merge: joins tables with the same features side by side (for example translated shards), in the order given.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<FileInfo[]>("inputs") { Description = "The tables to join, in order (same features in the same order; each sample in one table only).", Arity = ArgumentArity.OneOrMore };
        var output = CliOptions.RequiredFile("--out", "The joined table (TSV, or CSV by extension; .gz to compress).");
        var json = CliOptions.Flag("--json", "Print a JSON summary instead of text.");
        var command = new Command("merge", "Join tables of the same features side by side (translated shards back into one cohort).") { inputs, output, json };
        command.SetAction((result, cancellationToken) =>
        {
            var files = result.GetValue(inputs)!;
            var parts = new List<OmicsMatrix>(files.Length);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parts.Add(OmicsFile.Read(file.FullName));
            }

            var joined = OmicsShards.Concatenate(parts, files.Select(f => f.FullName).ToList());
            var path = result.GetValue(output)!.FullName;
            OmicsFile.Write(joined, path);
            if (result.GetValue(json))
            {
                Terminal.Out.WriteLine(JsonSerializer.Serialize(new { command = "merge", inputs = files.Select(f => f.FullName), output = path, samples = joined.SampleCount, features = joined.FeatureCount }));
            }
            else
            {
                Terminal.Out.WriteLine($"Joined {files.Length} tables into {path}: {joined.FeatureCount} features x {joined.SampleCount} samples");
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
