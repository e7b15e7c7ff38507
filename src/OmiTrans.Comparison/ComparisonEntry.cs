namespace OmiTrans.Comparison;

/// <summary>One method's result in a comparison.</summary>
/// <param name="Method">The method name.</param>
/// <param name="Test">The evaluation on the test samples (target units).</param>
/// <param name="TestPrediction">The translated test samples.</param>
/// <param name="FitSeconds">Wall-clock seconds of the fit (preprocessing, training, test evaluation).</param>
/// <param name="History">The per-epoch history, for methods that train in epochs.</param>
/// <param name="Details">Method-specific facts (for example the chosen penalty).</param>
public sealed record ComparisonEntry(string Method, EvaluationResult Test, OmicsMatrix TestPrediction, double FitSeconds, TrainingHistory? History, IReadOnlyDictionary<string, double> Details)
{
    /// <summary>For a translator: which model its fit kept (the network or its fallback) and why; null for other methods.</summary>
    public ModelSelection? Selection { get; init; }

    /// <summary>The nine metrics on the test samples.</summary>
    public TranslationMetrics Metrics => Test.Metrics;
}
