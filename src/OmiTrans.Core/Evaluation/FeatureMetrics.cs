namespace OmiTrans.Evaluation;

/// <summary>How well one target feature was translated, across samples.</summary>
/// <param name="FeatureId">The feature.</param>
/// <param name="R2">Featurewise R² (NaN for a constant feature).</param>
/// <param name="PearsonR">Pearson correlation of translated and actual values (NaN when either is constant).</param>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="ActualMean">Mean of the actual values (over the samples with both values).</param>
/// <param name="ActualVariance">Population variance of the actual values.</param>
/// <param name="Observed">Samples with both an actual and a predicted value (the values every statistic uses).</param>
public sealed record FeatureMetrics(string FeatureId, double R2, double PearsonR, double Mse, double Mae, double ActualMean, double ActualVariance, int Observed)
{
    /// <summary>Samples whose predicted value is missing (NaN).</summary>
    public int MissingPredictions { get; init; }
}
