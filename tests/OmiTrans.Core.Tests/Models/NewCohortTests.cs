using System.Text.Json;
using OmiTrans.Networks;
using OmiTrans.Tests.TestUtilities;

namespace OmiTrans.Tests.Models;

[Collection(TrainingCollection.Name)]
public sealed class NewCohortTests : TempDirectoryTest
{
    private static (TranslationModel Model, OmicsMatrix Source) Fit()
    {
        var (source, target) = Matrices.Planted(samples: 130, sourceFeatures: 40, targetFeatures: 12, seed: 8);
        var model = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [32] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [16] })
            .WithTraining(o => o with { Epochs = 3, Seed = 8 })
            .Build()
            .Fit(source, target);
        return (model, source);
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

    [Theory]
    [InlineData(false, false, "out.tsv", 7)]
    [InlineData(true, false, "out.csv", 50)]
    [InlineData(false, true, "out.tsv.gz", 1000)]
    [InlineData(true, true, "out.tsv", 13)]
    public void Chunked_translation_of_a_file_equals_in_memory_translation(bool inputSamplesInRows, bool outputSamplesInRows, string outputName, int chunk)
    {
        var (model, source) = Fit();
        using var _ = model;
        var input = Dir.File(inputSamplesInRows ? "cohort.tsv.gz" : "cohort.tsv");
        OmicsFile.Write(source, input, new OmicsWriteOptions { SamplesInRows = inputSamplesInRows });
        var reports = new List<StreamingProgress>();
        var progress = new SynchronousProgress<StreamingProgress>(reports.Add);

        var result = model.TranslateFile(input, Dir.File(outputName), new StreamingTranslateOptions { ChunkSamples = chunk, InputSamplesInRows = inputSamplesInRows, OutputSamplesInRows = outputSamplesInRows }, progress);

        result.Samples.Should().Be(130);
        result.Chunks.Should().Be((130 + chunk - 1) / chunk);
        reports.Should().HaveCount(result.Chunks).And.Subject.Last().SamplesDone.Should().Be(130);
        var written = OmicsFile.Read(Dir.File(outputName), new OmicsReadOptions { SamplesInRows = outputSamplesInRows });
        ShouldMatch(written, model.Translate(source));
        Directory.GetFiles(Dir.Path, ".*").Should().BeEmpty("no temporary chunk or partial files remain");
    }

    [Fact]
    public void Chunked_translation_refuses_low_coverage_and_writes_nothing()
    {
        var (model, source) = Fit();
        using var _ = model;
        var input = Dir.File("half.tsv");
        OmicsFile.Write(source.SelectFeatures(Enumerable.Range(0, 20).ToList()), input);

        var act = () => model.TranslateFile(input, Dir.File("out.tsv"));

        act.Should().Throw<OmicsSchemaException>().WithMessage("*20 of the model's 40 source features*20 are missing*");
        File.Exists(Dir.File("out.tsv")).Should().BeFalse();
    }

    [Fact]
    public void A_non_numeric_cell_in_a_streamed_file_is_named_by_line_and_column()
    {
        var (model, _) = Fit();
        using var __ = model;
        var lines = new List<string> { "feature\ts1\ts2" };
        lines.AddRange(model.SourceFeatureIds.Select((id, i) => i == 4 ? $"{id}\t0.1\thigh" : $"{id}\t0.1\t0.2"));
        var input = Dir.Write("bad.tsv", string.Join("\n", lines) + "\n");

        var act = () => model.TranslateFile(input, Dir.File("out.tsv"));

        act.Should().Throw<OmicsFormatException>().WithMessage("*bad.tsv:6:3*'high'*");
    }

    [Fact]
    public void Quantile_normalisation_removes_a_monotone_platform_shift()
    {
        var (model, source) = Fit();
        using var _ = model;
        model.HasQuantileReference.Should().BeTrue();
        var shifted = source.Map(v => (3 * v) + 2);
        var normalise = new TranslateOptions { QuantileNormalize = true };

        var fromShifted = model.Translate(shifted, normalise);
        var fromOriginal = model.Translate(source, normalise);
        var naive = model.Translate(shifted);

        ShouldMatch(fromShifted, fromOriginal);
        var plain = model.Translate(source);
        double Error(OmicsMatrix m) => m.Values.ToArray().Zip(plain.Values.ToArray()).Average(p => Math.Abs(p.First - p.Second));
        Error(fromShifted).Should().BeLessThan(Error(naive) / 3, "normalised translations of the shifted cohort stay close to the unshifted ones");
    }

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
}
