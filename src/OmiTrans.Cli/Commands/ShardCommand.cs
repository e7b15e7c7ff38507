using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace OmiTrans.Cli.Commands;

/// <summary>omitrans shard: splits a cohort table into N tables of consecutive samples, for translating in parallel.</summary>
internal static class ShardCommand
{
    public static Command Create()
    {
        var source = CliOptions.RequiredFile("--source", "The cohort table to split (features as rows unless --samples-in-rows; TSV/CSV, optionally .gz).");
        var shards = CliOptions.Int("--shards", "How many shards (at most the number of samples).", 4).Between(1);
        var samplesInRows = CliOptions.Flag("--samples-in-rows", "The table holds one sample per row.");
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder; the shards are written as shard_0.tsv, shard_1.tsv, ... (shard_0.csv with --csv).", Required = true };
        var csv = CliOptions.Flag("--csv", "Write CSV instead of TSV.");
        var json = JsonSummary.Option("source, shard files and their samples");
        var command = new Command("shard", "Split a cohort into shards of consecutive samples (joined back by merge in the same order).")
        {
            source, shards, samplesInRows, output, csv, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            bool summary = JsonSummary.Begin(result, json);
            var sourcePath = CommandFiles.Input(result, source);
            int count = result.GetValue(shards);
            string extension = result.GetValue(csv) ? ".csv" : ".tsv";
            var names = Enumerable.Range(0, count).Select(i => $"shard_{i.ToString(CultureInfo.InvariantCulture)}{extension}").ToArray();
            var directory = CommandFiles.OutputFolder(result.GetValue(output)!.FullName, "--out", names);
            bool inRows = result.GetValue(samplesInRows);
            var matrix = CommandFiles.Read("--source", sourcePath, () => OmicsFile.Read(sourcePath, new OmicsReadOptions { SamplesInRows = inRows }));
            if (count > matrix.SampleCount)
            {
                throw new BadInputException($"--shards {count} is more than the {matrix.SampleCount} samples of {sourcePath}.");
            }

            Directory.CreateDirectory(directory);
            var written = new List<(string File, int Samples)>();
            var parts = OmicsShards.Split(matrix, count);
            for (int i = 0; i < parts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = Path.Combine(directory, $"shard_{i.ToString(CultureInfo.InvariantCulture)}{extension}");
                OmicsFile.Write(parts[i], path);
                written.Add((path, parts[i].SampleCount));
            }

            Terminal.Out.WriteLine($"Wrote {written.Count} shards of {string.Join("/", written.Select(w => w.Samples).Distinct())} samples ({matrix.SampleCount} in all, {matrix.FeatureCount} features) to {directory}");
            if (summary)
            {
                JsonSummary.Write("shard", new JsonObject
                {
                    ["source"] = sourcePath,
                    ["out"] = directory,
                    ["samples"] = matrix.SampleCount,
                    ["features"] = matrix.FeatureCount,
                    ["shards"] = new JsonArray(written.Select(w => (JsonNode)new JsonObject { ["file"] = w.File, ["samples"] = w.Samples }).ToArray()),
                });
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
