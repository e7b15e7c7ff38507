namespace OmiTrans.Models;

/// <summary>How many of a model's source features a new data set provides.</summary>
public sealed record SourceCoverage
{
    /// <summary>Source features the model was trained on.</summary>
    public required int ModelFeatureCount { get; init; }

    /// <summary>Model features present in the new data.</summary>
    public required int PresentFeatureCount { get; init; }

    /// <summary>Model features absent from the new data (filled with the training mean).</summary>
    public required IReadOnlyList<string> MissingFeatures { get; init; }

    /// <summary>Features of the new data the model does not use (ignored).</summary>
    public required int ExtraFeatureCount { get; init; }

    /// <summary>Present features as a fraction (0 to 1) of the model's features.</summary>
    public double Fraction => ModelFeatureCount == 0 ? 0 : (double)PresentFeatureCount / ModelFeatureCount;
}
