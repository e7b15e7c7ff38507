using System.Text.Json;

namespace OmiTrans.Models;

/// <summary>Where the weights are in the model file and how to check them.</summary>
internal sealed record WeightsEntry(string Entry, long Bytes, string Sha256, long Parameters);

/// <summary>Counts from the fit, kept with the model.</summary>
internal sealed record FitSummary
{
    public int SharedSamples { get; init; }

    public int TrainSamples { get; init; }

    public int ValidationSamples { get; init; }

    public int TestSamples { get; init; }

    public int SourceFeaturesIn { get; init; }

    public int TargetFeaturesIn { get; init; }

    public int SelectedEpoch { get; init; }

    public int EpochsRun { get; init; }

    public bool StoppedEarly { get; init; }

    public double TrainingSeconds { get; init; }

    public string Device { get; init; } = "cpu";

    /// <summary>Method-specific facts of the fit (for example the chosen penalty of ridge or lasso).</summary>
    public IReadOnlyDictionary<string, double>? Details { get; init; }
}

/// <summary>The JSON manifest of a model file (manifest.json inside the zip).</summary>
internal sealed record ModelManifest
{
    public const string FormatName = "omitrans-model";
    public const int CurrentFormatVersion = 1;

    public string Format { get; init; } = FormatName;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public string LibraryVersion { get; init; } = "";

    public DateTimeOffset CreatedUtc { get; init; }

    public string Method { get; init; } = "";

    public required NetworkSpec Generator { get; init; }

    public NetworkSpec? Discriminator { get; init; }

    public string? DistanceLoss { get; init; }

    public bool SigmoidOutput { get; init; }

    public IReadOnlyList<FeatureGroup>? SourceGroups { get; init; }

    public required Preprocessing.PreprocessingState Preprocessing { get; init; }

    public PreprocessingOptions? PreprocessingOptions { get; init; }

    public int ExcludedSourceFeatureCount { get; init; }

    public TrainingOptions? Training { get; init; }

    public FitSummary? Summary { get; init; }

    public IReadOnlyList<EpochReport>? History { get; init; }

    public TranslationMetrics? TestMetrics { get; init; }

    public ModelSelection? Selection { get; init; }

    public required WeightsEntry Weights { get; init; }
}
