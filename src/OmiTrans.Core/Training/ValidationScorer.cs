using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>Scores predictions on the validation samples in target units (what every method selects its settings by).</summary>
internal static class ValidationScorer
{
    /// <summary>The metrics of scaled predictions [validation samples, targets] against the actual validation targets.</summary>
    public static TranslationMetrics Score(Tensor predictedScaled, TrainingTensors data)
    {
        using var scope = NewDisposeScope();
        var inTargetUnits = predictedScaled.to(ScalarType.Float32).mul(data.TargetRange).PlusInPlace(data.TargetMin);
        return MetricsCalculator.Evaluate(inTargetUnits, data.ValidationActual!, data.ValidationSampleIds, data.TargetFeatureIds).Metrics;
    }

    /// <summary>The value a selection metric maximises (errors are negated).</summary>
    public static double Value(TranslationMetrics metrics, SelectionMetric metric) => metric switch
    {
        SelectionMetric.MeanSamplewiseR2 => metrics.MeanSamplewiseR2,
        SelectionMetric.Mse => -metrics.Mse,
        _ => metrics.MeanFeaturewiseR2,
    };
}
