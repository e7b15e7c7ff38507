
namespace OmiTrans.Core.Tests.Training;

/// <summary>
/// Guards for the library's default generator (<see cref="AutoGenerator"/>): on a small synthetic set it must not fall
/// below ridge, with or without location tables, and it must record the generator it chose.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class DefaultGeneratorTests : TempDirectoryTest
{
    private static readonly SyntheticOmicsDataset Data = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 400, SourceFeatures = 800, TargetFeatures = 200, Seed = 3, UnpairedSampleFraction = 0 });

    private static TranslationModel FitDefault(DatasetAligner aligner, TranslationData prepared) => new TranslatorBuilder()
        .WithAligner(aligner)
        .WithTraining(o => o with { Seed = 3 })
        .Build()
        .Fit(prepared);

    [Fact]
    public void Without_locations_the_default_fc_omitrans_does_not_fall_below_ridge()
    {
        var aligner = new DatasetAligner();
        var prepared = TranslationData.Prepare(Data.Source, Data.Target, aligner, seed: 3);

        using var model = FitDefault(aligner, prepared);
        using var ridge = new RidgeBaseline().Fit(prepared);

        // The FC generator alone validates below ridge here (docs/study.md); the fit then hands back ridge and says so.
        model.GeneratorName.Should().BeOneOf(FullyConnectedGenerator.GeneratorName, "linear");
        model.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThanOrEqualTo(ridge.TestMetrics!.MeanFeaturewiseR2);
        model.TestMetrics.Mse.Should().BeLessThanOrEqualTo(ridge.TestMetrics.Mse);
        model.Selection!.Fallback.Should().Be("ridge");
        model.Selection.FallbackKept.Should().Be(model.GeneratorName == "linear", "the selection says which model was kept");
        double.IsFinite(model.Selection.NetworkValidation).Should().BeTrue();
        double.IsFinite(model.Selection.FallbackValidation).Should().BeTrue();
    }

    [Fact]
    public void With_both_location_tables_the_default_is_the_cis_generator_and_beats_ridge_and_lasso_and_round_trips()
    {
        var aligner = new DatasetAligner(new DatasetAlignerOptions { SourceLocations = Data.SourceLocations, TargetLocations = Data.TargetLocations });
        var prepared = TranslationData.Prepare(Data.Source, Data.Target, aligner, seed: 3);

        using var model = FitDefault(aligner, prepared);
        using var ridge = new RidgeBaseline().Fit(prepared);
        using var lasso = new LassoBaseline().Fit(prepared);

        model.GeneratorName.Should().Be(CisGenerator.GeneratorName, "the model file records the generator the automatic choice made");
        var m = model.TestMetrics!;
        m.MeanFeaturewiseR2.Should().BeGreaterThan(ridge.TestMetrics!.MeanFeaturewiseR2 + 0.02);
        m.MeanFeaturewiseR2.Should().BeGreaterThan(lasso.TestMetrics!.MeanFeaturewiseR2);
        m.Mse.Should().BeLessThan(lasso.TestMetrics.Mse);

        var path = Dir.File("default.omitrans");
        model.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.GeneratorName.Should().Be(CisGenerator.GeneratorName);
        loaded.Translate(Data.Source).Values.ToArray().Should().Equal(model.Translate(Data.Source).Values.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void When_no_epoch_validates_better_than_ridge_the_model_is_exactly_ridge(bool ridgeShortcut)
    {
        // Targets unrelated to the source (another data set's, matched by the same sample ids): anything a network
        // learns is noise. With the ridge fallback the fit returns the ridge map; with the ridge shortcut (and no
        // fallback) it keeps the shortcut's starting state, which is the ridge map too.
        var noise = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 200, SourceFeatures = 100, TargetFeatures = 40, Seed = 8, UnpairedSampleFraction = 0 });
        var unrelated = SyntheticOmics.Generate(new SyntheticOmicsOptions { Samples = 200, SourceFeatures = 100, TargetFeatures = 40, Seed = 9, UnpairedSampleFraction = 0 });
        var prepared = TranslationData.Prepare(noise.Source, unrelated.Target, new DatasetAligner(), seed: 8);

        var builder = new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [256, 64, 256], RidgeShortcut = ridgeShortcut })
            .WithTraining(o => o with { Epochs = 8, Seed = 8, GeneratorLearningRate = 1e-2 });
        // The validation-split path (the cross-validated one is in CrossValidatedSelectionTests).
        using var model = (ridgeShortcut ? builder.WithoutFallback() : builder.WithFallback(new RidgeBaseline())).WithoutCrossValidation().Build().Fit(prepared);
        using var ridge = new RidgeBaseline().Fit(prepared);

        if (ridgeShortcut)
        {
            model.History!.SelectedEpoch.Should().Be(0, "no epoch's validation R² beat the shortcut's starting state, the ridge map");
            model.GeneratorName.Should().Be(FullyConnectedGenerator.GeneratorName);
            model.Selection!.Fallback.Should().BeNull();
        }
        else
        {
            model.Selection!.FallbackKept.Should().BeTrue("ridge validates better than a network trained on noise");
            model.Selection.Fallback.Should().Be("ridge");
            model.Selection.FallbackValidation.Should().BeGreaterThan(model.Selection.NetworkValidation);
            model.Selection.Reason.Should().Contain("kept the ridge fallback");
            model.GeneratorName.Should().Be("linear");
            model.Method.Should().Be("omitrans", "the model is what the translator fitted, its selection says ridge was kept");
            model.History!.Epochs.Should().HaveCount(8, "the trained network's history stays visible");
        }

        var translated = model.Translate(noise.Source).Values.ToArray();
        var expected = ridge.Translate(noise.Source).Values.ToArray();
        translated.Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-3 * (1 + Math.Abs(b)));
    }
}
