namespace OmiTrans.Core.Tests.Models;

/// <summary>A small fitted model shared by the tests of one class.</summary>
public sealed class SmallModelFixture : IDisposable
{
    public SmallModelFixture()
    {
        (Source, var target) = Matrices.Planted(samples: 60, sourceFeatures: 30, targetFeatures: 8, seed: 4);
        Model = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [16] })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
            .WithTraining(o => o with { Epochs = 2, Seed = 4 })
            .Build()
            .Fit(Source, target);
    }

    public TranslationModel Model { get; }

    public OmicsMatrix Source { get; }

    public void Dispose() => Model.Dispose();
}

/// <summary>Chunked translation reads and writes tables like the whole-file path: same writer, same checks on the input.</summary>
[Collection(TrainingCollection.Name)]
public sealed class ChunkedTranslationTests(SmallModelFixture fixture) : TempDirectoryTest, IClassFixture<SmallModelFixture>
{
    private static OmicsMatrix WithSampleIds(OmicsMatrix matrix, Func<int, string> id)
        => OmicsMatrix.FromFeatureRows(matrix.FeatureIds, Enumerable.Range(0, matrix.SampleCount).Select(id).ToArray(), matrix.Values.Span);

    [Theory]
    [InlineData("o.csv", false)]
    [InlineData("o.csv", true)]
    [InlineData("o.tsv.gz", false)]
    public void Sample_ids_with_commas_quotes_and_spaces_are_quoted_in_the_output(string output, bool outputSamplesInRows)
    {
        var source = WithSampleIds(fixture.Source, s => (s % 4) switch
        {
            0 => $"TCGA,{s}",
            1 => $"quote\"{s}\"",
            2 => $" space {s}",
            _ => $"plain-{s}",
        });
        var input = Dir.File("cohort.tsv");
        OmicsFile.Write(source, input);

        fixture.Model.TranslateFile(input, Dir.File(output), new StreamingTranslateOptions { ChunkSamples = 10, OutputSamplesInRows = outputSamplesInRows });

        var written = OmicsFile.Read(Dir.File(output), new OmicsReadOptions { SamplesInRows = outputSamplesInRows });
        written.SampleIds.Should().Equal(source.SampleIds);
        MatrixAssertions.ShouldMatch(written, fixture.Model.Translate(source));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_source_rewritten_in_place_during_translation_fails_naming_the_file(bool samplesInRows)
    {
        var input = Dir.File("cohort.tsv");
        OmicsFile.Write(fixture.Source, input, new OmicsWriteOptions { SamplesInRows = samplesInRows });
        var reordered = fixture.Source.SelectFeatures(Enumerable.Range(0, fixture.Source.FeatureCount).Reverse().ToList());
        var output = Dir.File("out.tsv");
        var progress = new SynchronousProgress<StreamingProgress>(p =>
        {
            if (p.SamplesDone == 10)
            {
                // Features in another order, written into the same file (the same inode): with features as rows the
                // same size (the next pass notices the row ids), with samples as rows a line longer (noticed by size).
                File.WriteAllText(input, ToText(reordered, samplesInRows) + (samplesInRows ? "\n" : string.Empty));
            }
        });

        var act = () => fixture.Model.TranslateFile(input, output, new StreamingTranslateOptions { ChunkSamples = 10, InputSamplesInRows = samplesInRows }, progress);

        var ex = act.Should().Throw<OmicsFormatException>().Which;
        ex.FilePath.Should().Be(input);
        ex.Message.Should().StartWith(input).And.Contain("the file changed while it was being read");
        File.Exists(output).Should().BeFalse();
        Directory.GetFiles(Dir.Path, ".*").Should().BeEmpty();
    }

    [Fact]
    public void A_source_replaced_by_another_file_during_translation_is_read_as_opened()
    {
        var input = Dir.File("cohort.tsv");
        OmicsFile.Write(fixture.Source, input);
        var other = Dir.File("other.tsv");
        OmicsFile.Write(fixture.Source.SelectFeatures(Enumerable.Range(0, fixture.Source.FeatureCount).Reverse().ToList()).Map(v => v + 5), other);
        var output = Dir.File("out.tsv");
        var progress = new SynchronousProgress<StreamingProgress>(p =>
        {
            if (p.SamplesDone == 10)
            {
                File.Move(other, input, overwrite: true);
            }
        });

        fixture.Model.TranslateFile(input, output, new StreamingTranslateOptions { ChunkSamples = 10 }, progress);

        MatrixAssertions.ShouldMatch(OmicsFile.Read(output), fixture.Model.Translate(fixture.Source));
    }

    private static string ToText(OmicsMatrix matrix, bool samplesInRows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"omitrans-{Guid.NewGuid():N}.tsv");
        try
        {
            OmicsFile.Write(matrix, path, new OmicsWriteOptions { SamplesInRows = samplesInRows });
            return File.ReadAllText(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
