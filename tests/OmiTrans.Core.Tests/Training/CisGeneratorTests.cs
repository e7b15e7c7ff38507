
namespace OmiTrans.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class CisGeneratorTests : TempDirectoryTest
{
    [Fact]
    public void Neighbourhoods_are_the_nearest_sources_on_the_same_chromosome_with_a_mask_where_there_are_too_few()
    {
        GenomicLocation?[] sources =
        [
            new GenomicLocation("1", 100), new GenomicLocation("1", 500), new GenomicLocation("2", 50),
            new GenomicLocation("chr1", 900), null, new GenomicLocation("1", 1000),
        ];
        GenomicLocation?[] targets = [new GenomicLocation("1", 480), new GenomicLocation("2", 0), new GenomicLocation("3", 10), null];

        var n = Neighbourhoods.Nearest(sources, targets, count: 3);

        n.Indices[0..3].Should().Equal(1, 0, 3); // 480: 500 (20), 100 (380), chr1:900 (420) — "chr1" is chromosome 1
        n.Mask[0..3].Should().Equal(1f, 1f, 1f);
        n.Indices[3].Should().Be(2);
        n.Mask[3..6].Should().Equal(1f, 0f, 0f);
        n.Mask[6..12].Should().OnlyContain(m => m == 0f, "chromosome 3 has no sources and the last target has no location");
    }

    [Fact]
    public void On_data_with_cis_structure_it_beats_ridge_and_the_fc_generator_and_round_trips()
    {
        var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 400, SourceFeatures = 800, TargetFeatures = 200, Seed = 3, UnpairedSampleFraction = 0 });
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = data.SourceLocations, TargetLocations = data.TargetLocations });
        var prepared = TranslationData.Prepare(data.Source, data.Target, aligner, seed: 3);
        TranslationModel Fit(IGenerator generator, double learningRate) => new TranslatorBuilder()
            .WithAligner(aligner)
            .WithGenerator(generator)
            .WithTraining(o => o with { Epochs = 30, Seed = 3, GeneratorLearningRate = learningRate })
            .Build()
            .Fit(prepared);

        // The per-gene weights each see one gene's gradient: they want a larger step than the FC default (docs/study.md).
        using var cis = Fit(new CisGenerator(), 3e-3);
        using var fc = Fit(new FullyConnectedGenerator(), 1e-3);
        using var ridge = new RidgeBaseline().Fit(prepared);

        var c = cis.TestMetrics!;
        c.MeanFeaturewiseR2.Should().BeGreaterThan(ridge.TestMetrics!.MeanFeaturewiseR2 + 0.02, "each gene depends on its nearest CpGs, which the cis generator is given");
        c.MeanFeaturewiseR2.Should().BeGreaterThan(fc.TestMetrics!.MeanFeaturewiseR2 + 0.02);
        c.Mse.Should().BeLessThan(ridge.TestMetrics.Mse);

        var path = Dir.File("cis.omitrans");
        cis.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.Translate(data.Source).Values.ToArray().Should().Equal(cis.Translate(data.Source).Values.ToArray(), "the neighbourhoods are saved with the weights");
    }

    [Fact]
    public void Without_a_target_location_table_the_fit_fails_naming_it()
    {
        var data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 60, SourceFeatures = 50, TargetFeatures = 10, Seed = 4, UnpairedSampleFraction = 0 });
        var translator = new TranslatorBuilder()
            .WithAligner(new DatasetAligner(new DatasetAlignerOptions { SourceLocations = data.SourceLocations }))
            .WithGenerator(new CisGenerator())
            .WithTraining(o => o with { Epochs = 1 })
            .Build();

        var act = () => translator.Fit(data.Source, data.Target);

        act.Should().Throw<InvalidOperationException>().WithMessage("*target location table*--target-locations*");
    }
}
