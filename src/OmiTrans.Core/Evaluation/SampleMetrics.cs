namespace OmiTrans.Evaluation;

/// <summary>How well one sample's profile was translated, across features.</summary>
/// <param name="SampleId">The sample.</param>
/// <param name="R2">Samplewise R² (NaN for a constant profile).</param>
/// <param name="Mse">Mean squared error.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Observed">Features with both an actual and a predicted value (the values every statistic uses).</param>
public sealed record SampleMetrics(string SampleId, double R2, double Mse, double Mae, int Observed)
{
    /// <summary>Features whose predicted value is missing (NaN).</summary>
    public int MissingPredictions { get; init; }
}
