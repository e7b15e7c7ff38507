namespace OmiTrans.Models;

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

/// <summary>
/// Everything a model knows besides its weights, in memory. Never serialised as it is: model files hold the
/// versioned records of <see cref="Format.ModelFileV2"/>, mapped field by field.
/// </summary>
internal sealed record ModelManifest
{
    /// <summary>The format version of the file the model was read from (the current version for a fitted model).</summary>
    public int FormatVersion { get; init; } = Format.ModelFile.CurrentVersion;

    public string LibraryVersion { get; init; } = "";

    public DateTimeOffset CreatedUtc { get; init; }

    public string Method { get; init; } = "";

    public required NetworkSpec Generator { get; init; }

    public NetworkSpec? Discriminator { get; init; }

    public string? DistanceLoss { get; init; }

    public bool SigmoidOutput { get; init; }

    public IReadOnlyList<FeatureGroup>? SourceGroups { get; init; }

    public required PreprocessingState Preprocessing { get; init; }

    /// <summary>The preprocessing options of the fit, without the excluded feature list (only its count is kept).</summary>
    public PreprocessingOptions? PreprocessingOptions { get; init; }

    public int ExcludedSourceFeatureCount { get; init; }

    public TrainingOptions? Training { get; init; }

    public FitSummary? Summary { get; init; }

    public IReadOnlyList<EpochReport>? History { get; init; }

    public TranslationMetrics? TestMetrics { get; init; }

    public ModelSelection? Selection { get; init; }

    /// <summary>Trainable parameters of the generator.</summary>
    public long ParameterCount { get; init; }
}
