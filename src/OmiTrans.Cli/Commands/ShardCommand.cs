using System.CommandLine;
using System.Globalization;
using System.Text.Json;

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
        var json = CliOptions.Flag("--json", "Print a JSON summary (files, samples per shard) instead of text.");
        var command = new Command("shard", "Split a cohort into shards of consecutive samples (joined back by merge in the same order).")
        {
            source, shards, samplesInRows, output, csv, json,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var matrix = OmicsFile.Read(result.GetValue(source)!.FullName, new OmicsReadOptions { SamplesInRows = result.GetValue(samplesInRows) });
            int count = result.GetValue(shards);
            if (count > matrix.SampleCount)
            {
                throw new ArgumentException($"--shards {count} is more than the {matrix.SampleCount} samples of {result.GetValue(source)!.FullName}.");
            }

            var directory = result.GetValue(output)!.FullName;
            Directory.CreateDirectory(directory);
            string extension = result.GetValue(csv) ? ".csv" : ".tsv";
            var written = new List<(string File, int Samples)>();
            var parts = OmicsShards.Split(matrix, count);
            for (int i = 0; i < parts.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                string path = Path.Combine(directory, $"shard_{i.ToString(CultureInfo.InvariantCulture)}{extension}");
                OmicsFile.Write(parts[i], path);
                written.Add((path, parts[i].SampleCount));
            }

            if (result.GetValue(json))
            {
                Terminal.Out.WriteLine(JsonSerializer.Serialize(new { command = "shard", samples = matrix.SampleCount, features = matrix.FeatureCount, shards = written.Select(w => new { file = w.File, samples = w.Samples }) }));
            }
            else
            {
                Terminal.Out.WriteLine($"Wrote {written.Count} shards of {string.Join("/", written.Select(w => w.Samples).Distinct())} samples ({matrix.SampleCount} in all, {matrix.FeatureCount} features) to {directory}");
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
