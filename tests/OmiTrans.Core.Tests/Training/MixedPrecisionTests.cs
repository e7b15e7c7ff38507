using OmiTrans.Networks;
using OmiTrans.Tests.TestUtilities;

namespace OmiTrans.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class MixedPrecisionTests : TempDirectoryTest
{
    [Fact]
    public void Bf16_training_learns_as_well_as_float32_and_keeps_float32_weights()
    {
        var (source, target) = Matrices.Planted(samples: 300, sourceFeatures: 60, targetFeatures: 20, seed: 5);
        var data = TranslationData.Prepare(source, target, seed: 5);
        TranslationModel Fit(bool bf16) => new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [64, 32, 64], DropoutProbability = 0.1 })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [32, 16] })
            .WithTraining(o => o with { RidgeFallback = false, Epochs = 60, Seed = 1, MixedPrecision = bf16 })
            .Build()
            .Fit(data);

        using var single = Fit(false);
        using var mixed = Fit(true);
        using var mean = new MeanBaseline().Fit(data);

        mixed.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(0.5, "bf16 products still learn the planted structure");
        mixed.TestMetrics.MeanFeaturewiseR2.Should().BeApproximately(single.TestMetrics!.MeanFeaturewiseR2, 0.03);
        mixed.TestMetrics.Mse.Should().BeLessThan(mean.TestMetrics!.Mse * 0.5);
        mixed.Translate(source).Values.ToArray().Should().NotEqual(single.Translate(source).Values.ToArray(), "the products really ran in bf16");

        var path = Dir.File("bf16.omitrans");
        mixed.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.Translate(source).Values.ToArray().Should().Equal(mixed.Translate(source).Values.ToArray(), "translation runs in float32 with the float32 weights that were saved");
    }
}
