using System.Text.Json;

namespace OmiTrans.Core.Tests.Models;

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
        MatrixAssertions.ShouldMatch(written, model.Translate(source));
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

        MatrixAssertions.ShouldMatch(fromShifted, fromOriginal);
        var plain = model.Translate(source);
        double Error(OmicsMatrix m) => m.Values.ToArray().Zip(plain.Values.ToArray()).Average(p => Math.Abs(p.First - p.Second));
        Error(fromShifted).Should().BeLessThan(Error(naive) / 3, "normalised translations of the shifted cohort stay close to the unshifted ones");
    }
}
