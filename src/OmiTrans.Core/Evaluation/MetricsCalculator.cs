using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Evaluation;

/// <summary>
/// Computes the paper's metrics with vectorised tensor reductions (in float64, on whatever device the tensors live)
/// on pairwise-complete entries: an entry counts only when both its predicted and its actual value are present (not
/// NaN). Missing predictions are counted, never silently dropped: a feature or sample that lacks an R² because of
/// them is counted apart from the constant ones.
/// </summary>
internal static class MetricsCalculator
{
    public const double R2Threshold = 0.3;

    /// <summary>Metrics plus per-feature and per-sample values, from [samples, features] tensors in target units.</summary>
    public static EvaluationResult Evaluate(Tensor predicted, Tensor actual, IReadOnlyList<string> sampleIds, IReadOnlyList<string> featureIds)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = predicted.to(ScalarType.Float64);
        var y = actual.to(ScalarType.Float64);
        var actualPresent = isnan(y).logical_not();
        var predictedPresent = isnan(p).logical_not();
        var mask = actualPresent.logical_and(predictedPresent);
        var m = mask.to(ScalarType.Float64);
        var y0 = where(mask, y, zeros_like(y));
        var p0 = where(mask, p, zeros_like(p));
        var diff = p0 - y0;
        var squared = diff.Squared();
        var absolute = diff.abs();

        double observed = m.sum().item<double>();
        long actualObserved = actualPresent.sum().item<long>();
        long predictedObserved = predictedPresent.sum().item<long>();
        double mse = observed > 0 ? squared.sum().item<double>() / observed : double.NaN;
        double mae = observed > 0 ? absolute.sum().item<double>() / observed : double.NaN;
        double medianAe = Median(observed == y.numel() ? absolute : absolute.masked_select(mask));

        var features = Axis(p0, y, y0, mask, actualPresent, predictedPresent, m, squared, absolute, dimension: 0);
        var samples = Axis(p0, y, y0, mask, actualPresent, predictedPresent, m, squared, absolute, dimension: 1);

        var featureR2 = features.R2.Where(v => !double.IsNaN(v)).ToArray();
        var sampleR2 = samples.R2.Where(v => !double.IsNaN(v)).ToArray();
        int above = featureR2.Count(v => v > R2Threshold);
        int unpredictedFeatures = features.Unpredicted.Count(u => u);
        int unpredictedSamples = samples.Unpredicted.Count(u => u);
        var metrics = new TranslationMetrics
        {
            Mse = mse,
            Rmse = Math.Sqrt(mse),
            Mae = mae,
            MedianAe = medianAe,
            MeanSamplewiseR2 = sampleR2.Length > 0 ? sampleR2.Average() : double.NaN,
            MeanFeaturewiseR2 = featureR2.Length > 0 ? featureR2.Average() : double.NaN,
            MedianFeaturewiseR2 = MedianOf(featureR2),
            FeaturesR2Above03 = above,
            PercentFeaturesR2Above03 = featureR2.Length > 0 ? 100.0 * above / featureR2.Length : double.NaN,
            SampleCount = (int)y.shape[0],
            FeatureCount = (int)y.shape[1],
            ConstantFeatureCount = (int)y.shape[1] - featureR2.Length - unpredictedFeatures,
            ConstantSampleCount = (int)y.shape[0] - sampleR2.Length - unpredictedSamples,
            MissingValueCount = y.numel() - actualObserved,
            MissingPredictionCount = p.numel() - predictedObserved,
            ComparedValueCount = (long)observed,
            UnpredictedFeatureCount = unpredictedFeatures,
            UnpredictedSampleCount = unpredictedSamples,
        };

        var featureRows = new FeatureMetrics[featureIds.Count];
        for (int f = 0; f < featureRows.Length; f++)
        {
            featureRows[f] = new FeatureMetrics(featureIds[f], features.R2[f], features.Pearson[f], features.Mse[f], features.Mae[f], features.Mean[f], features.Variance[f], features.Observed[f])
            {
                MissingPredictions = features.MissingPredictions[f],
            };
        }

        var sampleRows = new SampleMetrics[sampleIds.Count];
        for (int s = 0; s < sampleRows.Length; s++)
        {
            sampleRows[s] = new SampleMetrics(sampleIds[s], samples.R2[s], samples.Mse[s], samples.Mae[s], samples.Observed[s])
            {
                MissingPredictions = samples.MissingPredictions[s],
            };
        }

        return new EvaluationResult(metrics, featureRows, sampleRows);
    }

    /// <summary>
    /// Per-feature (dimension 0) or per-sample (dimension 1) statistics over the pairwise-complete entries
    /// (<paramref name="mask"/>); <paramref name="p0"/> and <paramref name="y0"/> are zero where the mask is false.
    /// </summary>
    private static AxisValues Axis(Tensor p0, Tensor y, Tensor y0, Tensor mask, Tensor actualPresent, Tensor predictedPresent, Tensor m, Tensor squared, Tensor absolute, long dimension)
    {
        var count = m.sum(dimension);
        var safeCount = count.clamp_min(HeldScalars.One);
        var mean = y0.sum(dimension).div(safeCount);
        var deviation = (y0 - mean.unsqueeze(dimension)).mul_(m);
        var ssTotal = deviation.Squared().sum(dimension);
        var ssResidual = squared.sum(dimension);
        var valid = Varies(y, mask, count, dimension);
        var tiny = HeldScalars.Constant(double.Epsilon);
        var r2 = where(valid, ssResidual.div(ssTotal.clamp_min(tiny)).neg_().add_(HeldScalars.One, HeldScalars.One), full_like(ssTotal, HeldScalars.NaN));

        // Without an R² because of missing predictions: the actual values vary where they are present, but not over
        // the entries that also have a prediction.
        var actualCount = actualPresent.to(ScalarType.Float64).sum(dimension);
        var unpredicted = Varies(y, actualPresent, actualCount, dimension).logical_and(valid.logical_not());
        var missingPredictions = predictedPresent.logical_not().to(ScalarType.Float64).sum(dimension);

        var predictedMean = p0.sum(dimension).div(safeCount);
        var predictedDeviation = (p0 - predictedMean.unsqueeze(dimension)).mul_(m);
        var covariance = (deviation * predictedDeviation).sum(dimension);
        var predictedSs = predictedDeviation.Squared().sum(dimension);
        var pearsonValid = valid.logical_and(predictedSs.gt(HeldScalars.Zero));
        var pearson = where(pearsonValid, covariance / (ssTotal * predictedSs).sqrt().clamp_min(tiny), full_like(ssTotal, HeldScalars.NaN));

        // Without a single complete pair a feature (or sample) has no error, mean or variance: NaN, never 0.
        var any = count.gt(HeldScalars.Zero);
        Tensor OrNaN(Tensor values) => where(any, values, full_like(values, HeldScalars.NaN));
        return new AxisValues(
            ToArray(r2),
            ToArray(pearson),
            ToArray(OrNaN(ssResidual.div(safeCount))),
            ToArray(OrNaN(absolute.sum(dimension).div(safeCount))),
            ToArray(OrNaN(mean)),
            ToArray(OrNaN(ssTotal.div(safeCount))),
            ToArray(count).Select(c => (int)c).ToArray(),
            ToArray(unpredicted.to(ScalarType.Float64)).Select(u => u > 0).ToArray(),
            ToArray(missingPredictions).Select(c => (int)c).ToArray());
    }

    /// <summary>Whether the values of <paramref name="y"/> where <paramref name="present"/> holds number at least two and are not all equal.</summary>
    private static Tensor Varies(Tensor y, Tensor present, Tensor count, long dimension)
    {
        var max = where(present, y, full_like(y, HeldScalars.NegativeInfinity)).amax(dimension);
        var min = where(present, y, full_like(y, HeldScalars.PositiveInfinity)).amin(dimension);
        return count.ge(HeldScalars.Two).logical_and(max.gt(min));
    }

    private static double[] ToArray(Tensor t) => t.cpu().data<double>().ToArray();

    private static double Median(Tensor values)
    {
        long n = values.numel();
        if (n == 0)
        {
            return double.NaN;
        }

        var flat = values.reshape(-1);
        var lowerValue = flat.kthvalue((n + 1) / 2, 0).Item1;
        double lower = lowerValue.item<double>();
        if (n % 2 == 1)
        {
            return lower;
        }

        // The upper middle value: the lower one again if it fills both middle ranks, otherwise the smallest value
        // above it (two element-wise passes instead of a second selection).
        double upper = flat.le(lowerValue).sum().item<long>() > n / 2
            ? lower
            : where(flat.gt(lowerValue), flat, full_like(flat, HeldScalars.PositiveInfinity)).min().item<double>();
        return (lower + upper) / 2;
    }

    internal static double MedianOf(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(v => v).ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private sealed record AxisValues(double[] R2, double[] Pearson, double[] Mse, double[] Mae, double[] Mean, double[] Variance, int[] Observed, bool[] Unpredicted, int[] MissingPredictions);
}
