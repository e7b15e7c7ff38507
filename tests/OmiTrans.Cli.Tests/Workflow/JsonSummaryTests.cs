using System.Text.Json;

namespace OmiTrans.Cli.Tests.Workflow;

/// <summary>
/// --json on every command (docs/cli.md): standard output holds exactly one JSON line whose figures are the ones the
/// command wrote to its files; the human-readable results move to standard error.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class JsonSummaryTests : TempDirectoryTest
{
    private static JsonElement Summary((int ExitCode, string Output, string Error) run, string command)
    {
        run.ExitCode.Should().Be(0, run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle($"standard output holds only the JSON line, got: {run.Output}");
        var root = JsonDocument.Parse(lines[0]).RootElement.Clone();
        root.EnumerateObject().First().Name.Should().Be("command");
        root.GetProperty("command").GetString().Should().Be(command);
        return root;
    }

    private static JsonElement FileJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    [Fact]
    public void Every_command_prints_one_json_line_with_the_figures_of_its_files()
    {
        var work = Dir.Path;
        var data = Path.Combine(work, "data");
        var synth = Summary(CliProcess.Run("synth", "--samples", "60", "--source-features", "200", "--target-features", "50", "--seed", "3", "--out", data, "--json"), "synth");
        synth.GetProperty("pairedSamples").GetInt32().Should().Be(60);
        synth.GetProperty("targetSamples").GetInt32().Should().Be(OmicsFile.Read(Path.Combine(data, "target.tsv")).SampleCount);
        synth.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().OnlyContain(f => File.Exists(f));
        synth.GetProperty("noiseCeiling").GetProperty("meanFeaturewiseR2").GetDouble().Should().BeInRange(0, 1);

        string source = Path.Combine(data, "source.tsv"), target = Path.Combine(data, "target.tsv");
        var runFolder = Path.Combine(work, "run");
        // The validation-split path (one network, its epochs in the summary); CrossValidationCliTests covers the other.
        var train = Summary(CliProcess.Run("train", "--source", source, "--target", target, "--epochs", "2", "--widths", "16", "--seed", "1", "--threads", "1", "--cv-max-samples", "0", "--out", runFolder, "--json"), "train");
        train.GetProperty("model").GetString().Should().Be(Path.Combine(runFolder, "model.omitrans"));
        File.Exists(train.GetProperty("model").GetString()).Should().BeTrue();
        var samples = train.GetProperty("samples");
        (samples.GetProperty("train").GetInt32() + samples.GetProperty("validation").GetInt32() + samples.GetProperty("test").GetInt32()).Should().Be(60);
        train.GetProperty("epochsRun").GetInt32().Should().Be(2);
        train.GetProperty("selection").GetProperty("reason").GetString().Should().NotBeNullOrWhiteSpace();
        var testMetrics = FileJson(Path.Combine(runFolder, "metrics.json"));
        train.GetProperty("testMetrics").GetProperty("mse").GetDouble().Should().Be(testMetrics.GetProperty("mse").GetDouble());
        var runRecord = FileJson(Path.Combine(runFolder, "run.json"));
        runRecord.TryGetProperty("workingDirectory", out _).Should().BeTrue("run.json is camelCase like every JSON file of the tool");
        runRecord.GetProperty("args").EnumerateArray().Select(a => a.GetString()).Should().NotContain("--json", "a resumed run prints what its own command line asks");

        var translated = Path.Combine(work, "translated.tsv");
        var translate = Summary(CliProcess.Run("translate", "--model", Path.Combine(runFolder, "model.omitrans"), "--source", source, "--out", translated, "--threads", "1", "--json"), "translate");
        var table = OmicsFile.Read(translated);
        translate.GetProperty("samples").GetInt32().Should().Be(table.SampleCount);
        translate.GetProperty("targetFeatures").GetInt32().Should().Be(table.FeatureCount);
        translate.GetProperty("presentSourceFeatures").GetInt32().Should().Be(translate.GetProperty("modelSourceFeatures").GetInt32());
        translate.GetProperty("chunks").ValueKind.Should().Be(JsonValueKind.Null);

        var evaluation = Path.Combine(work, "evaluation");
        var evaluate = Summary(CliProcess.Run("evaluate", "--predicted", translated, "--actual", target, "--out", evaluation, "--json"), "evaluate");
        var metrics = FileJson(Path.Combine(evaluation, "metrics.json"));
        evaluate.GetProperty("metrics").GetProperty("meanFeaturewiseR2").GetDouble().Should().Be(metrics.GetProperty("meanFeaturewiseR2").GetDouble());
        evaluate.GetProperty("sharedSamples").GetInt32().Should().Be(metrics.GetProperty("sampleCount").GetInt32());
        evaluate.GetProperty("missingPredictions").GetInt64().Should().Be(0);

        var shards = Path.Combine(work, "shards");
        var shard = Summary(CliProcess.Run("shard", "--source", source, "--shards", "3", "--out", shards, "--json"), "shard");
        var files = shard.GetProperty("shards").EnumerateArray().Select(s => s.GetProperty("file").GetString()!).ToArray();
        files.Should().HaveCount(3);
        shard.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("samples").GetInt32()).Should().Be(shard.GetProperty("samples").GetInt32());
        var merged = Path.Combine(work, "merged.tsv");
        var merge = Summary(CliProcess.Run(["merge", .. files, "--out", merged, "--json"]), "merge");
        merge.GetProperty("samples").GetInt32().Should().Be(shard.GetProperty("samples").GetInt32());
        var (whole, joined) = (OmicsFile.Read(source), OmicsFile.Read(merged));
        joined.SampleIds.Should().Equal(whole.SampleIds, "merging the shards gives back the table");
        joined.FeatureIds.Should().Equal(whole.FeatureIds);
        joined.Values.ToArray().Should().Equal(whole.Values.ToArray(), (a, b) => a.Equals(b), "values are copied, never recomputed (NaN included)");

        var compareFolder = Path.Combine(work, "compare");
        var compare = Summary(CliProcess.Run("compare", "--source", source, "--target", target, "--methods", "mean,ridge", "--threads", "1", "--out", compareFolder, "--json"), "compare");
        compare.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("method").GetString()).Should().Equal("mean", "ridge");
        var ridgeMetrics = FileJson(Path.Combine(compareFolder, "ridge", "metrics.json"));
        compare.GetProperty("methods")[1].GetProperty("testMetrics").GetProperty("mse").GetDouble().Should().Be(ridgeMetrics.GetProperty("mse").GetDouble());
    }

    [Theory]
    [InlineData("translate")]
    [InlineData("evaluate")]
    [InlineData("merge")]
    public void Json_with_standard_output_as_the_table_is_refused(string command)
    {
        var file = Path.Combine(Dir.Path, "x.tsv");
        File.WriteAllText(file, "feature\ts1\ng1\t1\n");
        string[] arguments = command switch
        {
            "translate" => ["translate", "--model", file, "--source", file, "--out", "-", "--json"],
            "evaluate" => ["evaluate", "--predicted", file, "--actual", file, "--out", "-", "--json"],
            _ => ["merge", file, "--out", "-", "--json"],
        };
        var run = CliProcess.Run(arguments);
        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("--json and --out - would both write to standard output");
        run.Output.Should().BeEmpty();
    }
}
