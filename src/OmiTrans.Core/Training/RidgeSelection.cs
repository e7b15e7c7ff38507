using System.Globalization;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>Ridge regression on the training tensors with the penalty chosen on the validation samples.</summary>
internal static class RidgeSelection
{
    /// <summary>
    /// Chooses the relative penalty (× the Gram matrix's mean eigenvalue) on the validation samples without forming the map; returns it with its validation
    /// metrics (null without validation samples, when the relative penalty 1 is used) and the per-penalty details.
    /// </summary>
    public static (double RelativePenalty, TranslationMetrics? Validation, Dictionary<string, double> Details) Select(
        RidgePath path, TrainingTensors t, IReadOnlyList<double> relativePenalties, SelectionMetric metric, CancellationToken cancellationToken)
    {
        double bestValue = double.NegativeInfinity;
        double bestPenalty = 1.0;
        TranslationMetrics? best = null;
        var details = new Dictionary<string, double>();
        if (t.ValidationSource is not null && t.ValidationCount > 0)
        {
            bestPenalty = relativePenalties[0];
            foreach (var relative in relativePenalties)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var predicted = path.Predict(t.ValidationSource, relative * path.MeanEigenvalue);
                var metrics = ValidationScorer.Score(predicted, t);
                double value = ValidationScorer.Value(metrics, metric);
                details["validationR2f@" + relative.ToString("G3", CultureInfo.InvariantCulture)] = metrics.MeanFeaturewiseR2;
                if (value > bestValue)
                {
                    bestValue = value;
                    bestPenalty = relative;
                    best = metrics;
                }
            }
        }

        details["relativePenalty"] = bestPenalty;
        details["penalty"] = bestPenalty * path.MeanEigenvalue;
        return (bestPenalty, best, details);
    }
}
