namespace OmiTrans.Evaluation;

/// <summary>How the samples and features of a prediction and the actual data matched before evaluation.</summary>
public sealed record EvaluationCoverage
{
    /// <summary>Samples present in both (evaluated).</summary>
    public required int SharedSamples { get; init; }

    /// <summary>Features present in both (evaluated).</summary>
    public required int SharedFeatures { get; init; }

    /// <summary>Predicted samples without actual data (not evaluated).</summary>
    public required IReadOnlyList<string> PredictedOnlySamples { get; init; }

    /// <summary>Actual samples without a prediction (not evaluated).</summary>
    public required IReadOnlyList<string> ActualOnlySamples { get; init; }

    /// <summary>Predicted features without actual data (not evaluated).</summary>
    public required IReadOnlyList<string> PredictedOnlyFeatures { get; init; }

    /// <summary>Actual features without a prediction (not evaluated).</summary>
    public required IReadOnlyList<string> ActualOnlyFeatures { get; init; }

    /// <summary>Missing (NaN) values in the prediction, over the shared samples and features; they are left out of every metric.</summary>
    public long MissingPredictionCount { get; init; }

    /// <summary>Missing (NaN) values in the actual data, over the shared samples and features; they are left out of every metric.</summary>
    public long MissingActualCount { get; init; }
}
