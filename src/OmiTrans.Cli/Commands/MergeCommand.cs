using System.CommandLine;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans merge: joins tables with the same features side by side (for example translated shards), in the order given.</summary>
internal static class MergeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<FileInfo[]>("inputs") { Description = "The tables to join, in order (same features in the same order; each sample in one table only).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The joined table (TSV, or CSV by extension; .gz to compress), or - for standard output. Never one of the inputs.", Required = true };
        var json = JsonSummary.Option("inputs, output, samples, features");
        var command = new Command("merge", "Join tables of the same features side by side (translated shards back into one cohort).") { inputs, output, json };
        command.SetAction((result, cancellationToken) =>
        {
            if (result.GetValue(json) && result.GetValue(output) == CommandFiles.StandardOutput)
            {
                throw new BadInputException("--json and --out - would both write to standard output; give --out a file name.");
            }

            bool summary = JsonSummary.Begin(result, json);
            var files = result.GetValue(inputs)!.Select(f => CommandFiles.Input(f.FullName, "merge input")).ToList();
            var path = CommandFiles.OutputFile(result.GetValue(output)!, "--out");
            var parts = new List<OmicsMatrix>(files.Count);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                parts.Add(CommandFiles.Read("merge input", file, () => OmicsFile.Read(file)));
            }

            var joined = OmicsShards.Concatenate(parts, files);
            OmicsFile.Write(joined, path);
            Terminal.Out.WriteLine($"Joined {files.Count} tables into {path}: {joined.FeatureCount} features x {joined.SampleCount} samples");
            if (summary)
            {
                JsonSummary.Write("merge", new JsonObject
                {
                    ["inputs"] = JsonSummary.Node(files),
                    ["out"] = path,
                    ["samples"] = joined.SampleCount,
                    ["features"] = joined.FeatureCount,
                });
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
