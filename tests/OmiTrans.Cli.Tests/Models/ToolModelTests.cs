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
        inspected.Output.Should().Contain("omitrans-model").And.Contain("source features").And.Contain("Test metrics");
        var json = CliProcess.Run("inspect", "--model", modelPath, "--json");
        using (var manifest = JsonDocument.Parse(json.Output))
        {
            manifest.RootElement.GetProperty("formatVersion").GetInt32().Should().Be(1);
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
        ShouldMatch(OmicsFile.Read(Dir.File("predicted.tsv")), expected);
    }

    private static void ShouldMatch(OmicsMatrix actual, OmicsMatrix expected)
    {
        actual.FeatureIds.Should().Equal(expected.FeatureIds);
        actual.SampleIds.Should().Equal(expected.SampleIds);
        var a = actual.Values.ToArray();
        var e = expected.Values.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            a[i].Should().BeApproximately(e[i], 1e-5f + (1e-5f * Math.Abs(e[i])), $"value {i}");
        }
    }
}
