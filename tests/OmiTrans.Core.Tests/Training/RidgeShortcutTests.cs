
namespace OmiTrans.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class RidgeShortcutTests : TempDirectoryTest
{
    [Fact]
    public void A_generator_with_the_ridge_shortcut_starts_from_ridge_and_ends_no_worse_and_round_trips()
    {
        var (source, target) = Matrices.Planted(samples: 300, sourceFeatures: 40, targetFeatures: 12, seed: 31, noise: 0.3);
        var data = TranslationData.Prepare(source, target, seed: 31);
        using var ridge = new RidgeBaseline().Fit(data);
        var translator = new TranslatorBuilder()
            .WithoutCrossValidation() // the validation-split path
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [64], RidgeShortcut = true })
            .WithTraining(o => o with { Epochs = 8, GeneratorLearningRate = 1e-4, Seed = 31 })
            .Build();

        using var model = translator.Fit(data);

        model.History!.Epochs[0].ValidationMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(0.5 * ridge.TestMetrics!.MeanFeaturewiseR2, "after one epoch the generator is still close to the ridge map it started from");
        model.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(ridge.TestMetrics!.MeanFeaturewiseR2 - 0.02);
        var path = Dir.File("shortcut.omitrans");
        model.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.Translate(source).Values.ToArray().Should().Equal(model.Translate(source).Values.ToArray(), "the fixed ridge map is saved with the weights");
    }
}
