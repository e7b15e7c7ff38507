
namespace OmiTrans.Baselines.Tests;

/// <summary>Fitting a baseline and disposing its model leaves no tensor alive (the ridge fallback builds the same model).</summary>
[Collection(TrainingCollection.Name)]
public sealed class BaselineLeakTests
{
    private static readonly TranslationData Data = Prepare();

    [Fact]
    public void Ridge_leaves_no_tensor_alive() => TensorLeak.LiveTensorsAfter(() => new RidgeBaseline().Fit(Data).Dispose()).Should().Be(0);

    [Fact]
    public void Mean_leaves_no_tensor_alive() => TensorLeak.LiveTensorsAfter(() => new MeanBaseline().Fit(Data).Dispose()).Should().Be(0);

    private static TranslationData Prepare()
    {
        var (source, target) = Matrices.Planted(samples: 200, sourceFeatures: 60, targetFeatures: 20, seed: 13);
        return TranslationData.Prepare(source, target, seed: 13);
    }
}
