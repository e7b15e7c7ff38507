using System.Text.Json;

namespace OmiTrans.Cli.Tests.Models;

/// <summary>A model trained by the tool, inspected and applied to a new cohort in fresh processes.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ToolModelTests : TempDirectoryTest
{
    [Fact]
    public void A_model_trained_by_the_tool_is_inspected_and_translates_a_reduced_shuffled_cohort_in_a_fresh_process()
    {
        var data = Dir.File("data");
        CliProcess.Run("synth", "--samples", "150", "--source-features", "80", "--target-features", "30", "--seed", "4", "--out", data).ExitCode.Should().Be(0);
        var trained = CliProcess.Run("train", "--source", Path.Combine(data, "source.tsv"), "--target", Path.Combine(data, "target.tsv"), "--epochs", "3", "--widths", "32", "--out", Dir.File("run"));
        trained.ExitCode.Should().Be(0, trained.Error);
        var modelPath = Path.Combine(Dir.File("run"), "model.omitrans");

        var inspected = CliProcess.Run("inspect", "--model", modelPath);
        inspected.ExitCode.Should().Be(0, inspected.Error);
        inspected.Output.Should().Contain("omitrans-model version 2").And.Contain("source features").And.Contain("Test metrics")
            .And.Contain("selection").And.Contain("validation").And.Contain("value transforms").And.Contain("source none, target none").And.NotContain("{\"");
        var json = CliProcess.Run("inspect", "--model", modelPath, "--json");
        using (var manifest = JsonDocument.Parse(json.Output))
        {
            manifest.RootElement.GetProperty("formatVersion").GetInt32().Should().Be(2);
        }

        // A new cohort: 10 % of the model's source features removed, the remaining rows shuffled.
        using var model = TranslationModel.Load(modelPath);
        var source = OmicsFile.Read(Path.Combine(data, "source.tsv"));
        var random = new Random(9);
        var removed = model.SourceFeatureIds.OrderBy(_ => random.Next()).Take(model.SourceFeatureIds.Count / 10).ToHashSet();
        var kept = Enumerable.Range(0, source.FeatureCount).Where(f => !removed.Contains(source.FeatureIds[f])).OrderBy(_ => random.Next()).ToList();
        var cohort = Dir.File("cohort.tsv");
        OmicsFile.Write(source.SelectFeatures(kept), cohort);

        var translated = CliProcess.Run("translate", "--model", modelPath, "--source", cohort, "--out", Dir.File("predicted.tsv"));
        translated.ExitCode.Should().Be(0, translated.Error);
        translated.Error.Should().Contain($"{removed.Count} filled with the training mean");

        // In memory: the same samples with the removed features present but missing (filled with the training mean).
        var masked = source.SelectFeatures(model.SourceFeatureIds).Map(v => v);
        var values = masked.Values.ToArray();
        for (int f = 0; f < masked.FeatureCount; f++)
        {
            if (removed.Contains(masked.FeatureIds[f]))
            {
                Array.Fill(values, float.NaN, f * masked.SampleCount, masked.SampleCount);
            }
        }

        var expected = model.Translate(OmicsMatrix.FromFeatureRows(masked.FeatureIds, masked.SampleIds, values));
        MatrixAssertions.ShouldMatch(OmicsFile.Read(Dir.File("predicted.tsv")), expected);
    }

    [Fact]
    public void A_model_trained_with_value_transforms_translates_raw_values_and_says_so()
    {
        var data = Dir.File("data");
        CliProcess.Run("synth", "--samples", "80", "--source-features", "40", "--target-features", "12", "--seed", "6", "--out", data).ExitCode.Should().Be(0);
        var source = Path.Combine(data, "source.tsv");
        var target = Path.Combine(data, "target.tsv");
        var trained = CliProcess.Run("train", "--source", source, "--target", target, "--source-transform", "log2p1", "--target-transform", "log2p1", "--epochs", "2", "--widths", "16", "--fallback", "none", "--checkpoint-every", "0", "--out", Dir.File("run"));
        trained.ExitCode.Should().Be(0, trained.Error);
        var modelPath = Path.Combine(Dir.File("run"), "model.omitrans");

        var inspected = CliProcess.Run("inspect", "--model", modelPath);
        inspected.Output.Should().Contain("source log2p1, target log2p1");
        using (var manifest = JsonDocument.Parse(CliProcess.Run("inspect", "--model", modelPath, "--json").Output))
        {
            manifest.RootElement.GetProperty("preprocessing").GetProperty("sourceTransform").GetString().Should().Be("log2p1");
        }

        // The raw table, no flag: the model applies its transform (before, this gave an MSE of 30,227 instead of 0.40).
        var translated = CliProcess.Run("translate", "--model", modelPath, "--source", source, "--out", Dir.File("raw.tsv"));
        translated.ExitCode.Should().Be(0, translated.Error);
        translated.Error.Should().Contain("applies its source transform (log2p1)").And.Contain("log2(x + 1) of the raw values");
        CliProcess.Run("translate", "--model", modelPath, "--source", source, "--source-transform", "log2p1", "--out", Dir.File("same.tsv")).ExitCode.Should().Be(0);
        File.ReadAllText(Dir.File("same.tsv")).Should().Be(File.ReadAllText(Dir.File("raw.tsv")), "a flag naming the model's own transform is not applied twice");
        var contradicting = CliProcess.Run("translate", "--model", modelPath, "--source", source, "--source-transform", "none", "--out", Dir.File("no.tsv"));
        contradicting.ExitCode.Should().Be(2);
        contradicting.Error.Should().Contain("contradicts the model");

        using var model = TranslationModel.Load(modelPath);
        var expected = model.Evaluate(OmicsFile.Read(source), OmicsFile.Read(target)).Metrics;
        var evaluated = CliProcess.Run("evaluate", "--predicted", Dir.File("raw.tsv"), "--actual", target, "--model", modelPath, "--out", Dir.File("eval"));
        evaluated.ExitCode.Should().Be(0, evaluated.Error);
        evaluated.Error.Should().Contain("transformed with the model's target transform (log2p1)");
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir.File("eval"), "metrics.json")));
        metrics.RootElement.GetProperty("mse").GetDouble().Should().BeApproximately(expected.Mse, 1e-4 * Math.Max(1, expected.Mse));
    }

}
