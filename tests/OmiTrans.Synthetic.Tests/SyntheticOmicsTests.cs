
namespace OmiTrans.Synthetic.Tests;

public sealed class SyntheticOmicsTests
{
    private static readonly SyntheticOmicsOptions Small = new() { Samples = 200, SourceFeatures = 400, TargetFeatures = 100, Seed = 3 };

    [Fact]
    public void The_same_seed_gives_the_same_data_and_another_seed_differs()
    {
        var a = SyntheticOmics.Generate(Small);
        var b = SyntheticOmics.Generate(Small);
        var c = SyntheticOmics.Generate(Small with { Seed = 4 });

        a.Source.Values.ToArray().Should().Equal(b.Source.Values.ToArray());
        a.Target.FeatureIds.Should().Equal(b.Target.FeatureIds);
        c.Source.Values.ToArray().Should().NotEqual(a.Source.Values.ToArray());
    }

    [Fact]
    public void The_data_looks_like_real_files()
    {
        var d = SyntheticOmics.Generate(Small);

        d.Source.FeatureCount.Should().Be(400);
        d.Target.FeatureCount.Should().Be(100);
        d.Source.SampleCount.Should().Be(202, "1 % of the samples appear only in the methylation data");
        d.Target.SampleCount.Should().Be(202);
        d.Source.SampleIds.Intersect(d.Target.SampleIds).Should().HaveCount(200);
        d.TargetNoiseless.SampleCount.Should().Be(200);
        d.Source.CountMissing().Should().BeGreaterThan(0);
        d.Source.FeatureIds.Should().NotBeInAscendingOrder("features come in shuffled order");
        var betas = d.Source.Values.ToArray().Where(v => !float.IsNaN(v)).ToArray();
        betas.Should().OnlyContain(v => v > 0 && v < 1);
        (betas.Count(v => v < 0.3 || v > 0.7) / (double)betas.Length).Should().BeGreaterThan(0.6, "CpG methylation is bimodal");
        d.Labels.Should().HaveCount(204, "every generated sample has a label, paired or not");
        d.SourceLocations.Count.Should().Be(400);
    }

    [Fact]
    public void The_noise_free_target_is_predictable_and_the_files_are_written()
    {
        var d = SyntheticOmics.Generate(Small);
        var ceiling = TranslationEvaluator.Evaluate(d.TargetNoiseless, d.Target).Result.Metrics;
        using var dir = new TempDirectory();

        d.WriteTo(dir.Path);

        ceiling.MeanFeaturewiseR2.Should().BeInRange(0.3, 0.95);
        ceiling.MeanSamplewiseR2.Should().BeGreaterThan(0.9);
        SyntheticOmicsDataset.FileNames.Should().OnlyContain(name => File.Exists(dir.File(name)));
        OmicsFile.Read(dir.File("target.tsv")).Values.ToArray().Should().Equal(d.Target.Values.ToArray());
        File.ReadLines(dir.File("labels.tsv")).First().Should().Be("sample\ttype");
    }
}
