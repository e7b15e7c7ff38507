using System.Text.Json;

namespace OmiTrans.Models.Format;

// Model file format version 2: the records of manifest.json. Internal and frozen: they are mapped field by field to
// and from the public types (TrainingOptions, EpochReport, TranslationMetrics, ModelSelection, ...), so a public type
// may change without changing the file. A later format version adds its own records (ModelFileV3.cs) and keeps
// reading these. docs/model-format.md describes every field.

/// <summary>manifest.json of a version 2 model file; also the document <c>omitrans inspect --json</c> prints.</summary>
internal sealed record ManifestV2
{
    public string Format { get; init; } = ModelFile.FormatName;

    public int FormatVersion { get; init; } = 2;

    public string LibraryVersion { get; init; } = "";

    public DateTimeOffset CreatedUtc { get; init; }

    public string Method { get; init; } = "";

    public required NetworkV2 Generator { get; init; }

    public NetworkV2? Discriminator { get; init; }

    public string? DistanceLoss { get; init; }

    public bool SigmoidOutput { get; init; }

    public long Parameters { get; init; }

    public GroupV2[]? SourceGroups { get; init; }

    public required PreprocessingV2 Preprocessing { get; init; }

    public TrainingV2? Training { get; init; }

    public SummaryV2? Summary { get; init; }

    public EpochV2[]? History { get; init; }

    public MetricsV2? TestMetrics { get; init; }

    public SelectionV2? Selection { get; init; }

    public required EntriesV2 Entries { get; init; }
}

/// <summary>The other entries of the file.</summary>
internal sealed record EntriesV2
{
    public string Arrays { get; init; } = ArrayFile.EntryName;

    public string Weights { get; init; } = ModelFile.WeightsEntry;

    public string Checksums { get; init; } = ChecksummedArchive.ChecksumsEntry;
}

/// <summary>A network: built-in ones with their internal settings record, custom ones with the JSON of their public properties.</summary>
internal sealed record NetworkV2(string Name, JsonElement? Settings);

/// <summary>A chromosome block of the source features.</summary>
internal sealed record GroupV2(string Name, int Start, int Count);

/// <summary>The preprocessing: transforms and options (the fitted per-feature arrays are in arrays.bin).</summary>
internal sealed record PreprocessingV2
{
    public int SourceFeatureCount { get; init; }

    public int TargetFeatureCount { get; init; }

    public string SourceTransform { get; init; } = "none";

    public string TargetTransform { get; init; } = "none";

    public bool HasQuantileReference { get; init; }

    public PreprocessingOptionsV2? Options { get; init; }
}

/// <summary>The preprocessing options of the fit (the excluded features by count).</summary>
internal sealed record PreprocessingOptionsV2
{
    public double MaxMissingFraction { get; init; }

    public double? MinSourceVariance { get; init; }

    public int? TopVarianceSourceFeatures { get; init; }

    public string SourceScaling { get; init; } = "none";

    public int ExcludedSourceFeatureCount { get; init; }
}

/// <summary>The training options.</summary>
internal sealed record TrainingV2
{
    public int Epochs { get; init; }

    public int? DecayEpochs { get; init; }

    public int BatchSize { get; init; }

    public double GeneratorLearningRate { get; init; }

    public double DiscriminatorLearningRate { get; init; }

    public double Beta1 { get; init; }

    public double Beta2 { get; init; }

    public double GeneratorWeightDecay { get; init; }

    public double DistanceLossWeight { get; init; }

    public string GanObjective { get; init; } = "vanilla";

    public int DiscriminatorSteps { get; init; } = 1;

    public double GradientPenaltyWeight { get; init; } = 10;

    public double? GradientClipNorm { get; init; }

    public bool MixedPrecision { get; init; }

    public string Schedule { get; init; } = "linear";

    public int StepSize { get; init; } = 50;

    public double StepGamma { get; init; } = 0.1;

    public double PlateauFactor { get; init; } = 0.2;

    public int PlateauPatience { get; init; } = 5;

    public string WeightInitialization { get; init; } = "normal";

    public double InitializationGain { get; init; } = 0.02;

    public string SelectionMetric { get; init; } = "meanFeaturewiseR2";

    public int? EarlyStoppingPatience { get; init; }

    public int Seed { get; init; }
}

/// <summary>Counts of the fit.</summary>
internal sealed record SummaryV2
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

    public Dictionary<string, double>? Details { get; init; }
}

/// <summary>One epoch of the training history.</summary>
internal sealed record EpochV2
{
    public int Epoch { get; init; }

    public int TotalEpochs { get; init; }

    public double DiscriminatorLoss { get; init; }

    public double GeneratorAdversarialLoss { get; init; }

    public double GeneratorDistanceLoss { get; init; }

    public double GeneratorLearningRate { get; init; }

    public double DiscriminatorLearningRate { get; init; }

    public double ValidationLoss { get; init; }

    public MetricsV2? ValidationMetrics { get; init; }

    public bool IsBest { get; init; }

    public double Seconds { get; init; }
}

/// <summary>The nine metrics and their counts.</summary>
internal sealed record MetricsV2
{
    public double Mse { get; init; }

    public double Rmse { get; init; }

    public double Mae { get; init; }

    public double MedianAe { get; init; }

    public double MeanSamplewiseR2 { get; init; }

    public double MeanFeaturewiseR2 { get; init; }

    public double MedianFeaturewiseR2 { get; init; }

    public int FeaturesR2Above03 { get; init; }

    public double PercentFeaturesR2Above03 { get; init; }

    public int SampleCount { get; init; }

    public int FeatureCount { get; init; }

    public int ConstantFeatureCount { get; init; }

    public int ConstantSampleCount { get; init; }

    public long MissingValueCount { get; init; }

    /// <summary>Added within version 2 (pairwise-complete evaluation); absent in earlier version 2 files.</summary>
    public long? MissingPredictionCount { get; init; }

    /// <summary>Added within version 2; absent in earlier files, whose metrics compared every pair but the missing actual values.</summary>
    public long? ComparedValueCount { get; init; }

    /// <summary>Added within version 2; absent in earlier version 2 files.</summary>
    public int? UnpredictedFeatureCount { get; init; }

    /// <summary>Added within version 2; absent in earlier version 2 files.</summary>
    public int? UnpredictedSampleCount { get; init; }
}

/// <summary>Which model a translator's fit kept. <see cref="Reason"/> is written for people and ignored when read.</summary>
internal sealed record SelectionV2
{
    public bool FallbackKept { get; init; }

    public string Network { get; init; } = "";

    public string? Fallback { get; init; }

    public string Metric { get; init; } = "meanFeaturewiseR2";

    public double NetworkValidation { get; init; } = double.NaN;

    public double FallbackValidation { get; init; } = double.NaN;

    public string? NotComparedBecause { get; init; }

    public string? Reason { get; init; }

    /// <summary>Added within version 2 (cross-validated selection); absent in earlier files and for validation-split fits.</summary>
    public CrossValidationV2? CrossValidation { get; init; }
}

/// <summary>The out-of-fold figures of a cross-validated selection (added within version 2).</summary>
internal sealed record CrossValidationV2
{
    public int Folds { get; init; }

    public int Samples { get; init; }

    public double RidgeR2 { get; init; } = double.NaN;

    public double RidgeRelativePenalty { get; init; } = double.NaN;

    public double PerFeatureRidgeR2 { get; init; } = double.NaN;

    public double MeanR2 { get; init; } = double.NaN;

    public double NetworkR2 { get; init; } = double.NaN;

    public double StackR2 { get; init; } = double.NaN;

    public int[] CandidateEpochs { get; init; } = [];

    public double[] CandidateEpochR2 { get; init; } = [];

    public int NetworkEpoch { get; init; }

    public int TargetFeatures { get; init; }

    public int FeaturesUsingNetwork { get; init; }

    public int FeaturesAtMean { get; init; }

    public bool PerTarget { get; init; }

    public double NetworkWeight { get; init; }
}

/// <summary>Maps the in-memory model description to the version 2 records and back, field by field.</summary>
internal static class ModelFileV2
{
    public const int Version = 2;

    public static ManifestV2 ToManifest(ModelManifest m)
    {
        var p = m.Preprocessing;
        return new ManifestV2
        {
            LibraryVersion = m.LibraryVersion,
            CreatedUtc = m.CreatedUtc,
            Method = m.Method,
            Generator = new NetworkV2(m.Generator.Name, m.Generator.Settings),
            Discriminator = m.Discriminator is { } d ? new NetworkV2(d.Name, d.Settings) : null,
            DistanceLoss = m.DistanceLoss,
            SigmoidOutput = m.SigmoidOutput,
            Parameters = m.ParameterCount,
            SourceGroups = m.SourceGroups?.Select(g => new GroupV2(g.Name, g.Start, g.Count)).ToArray(),
            Preprocessing = new PreprocessingV2
            {
                SourceFeatureCount = p.SourceFeatures.Length,
                TargetFeatureCount = p.TargetFeatures.Length,
                SourceTransform = FormatNames.Transform.Name(p.SourceTransform),
                TargetTransform = FormatNames.Transform.Name(p.TargetTransform),
                HasQuantileReference = p.SourceQuantileReference is not null,
                Options = m.PreprocessingOptions is { } o ? new PreprocessingOptionsV2
                {
                    MaxMissingFraction = o.MaxMissingFraction,
                    MinSourceVariance = o.MinSourceVariance,
                    TopVarianceSourceFeatures = o.TopVarianceSourceFeatures,
                    SourceScaling = FormatNames.Scaling.Name(o.SourceScaling),
                    ExcludedSourceFeatureCount = m.ExcludedSourceFeatureCount,
                } : null,
            },
            Training = m.Training is { } t ? ToV2(t) : null,
            Summary = m.Summary is { } s ? new SummaryV2
            {
                SharedSamples = s.SharedSamples,
                TrainSamples = s.TrainSamples,
                ValidationSamples = s.ValidationSamples,
                TestSamples = s.TestSamples,
                SourceFeaturesIn = s.SourceFeaturesIn,
                TargetFeaturesIn = s.TargetFeaturesIn,
                SelectedEpoch = s.SelectedEpoch,
                EpochsRun = s.EpochsRun,
                StoppedEarly = s.StoppedEarly,
                TrainingSeconds = s.TrainingSeconds,
                Device = s.Device,
                Details = s.Details?.ToDictionary(StringComparer.Ordinal),
            } : null,
            History = m.History?.Select(e => new EpochV2
            {
                Epoch = e.Epoch,
                TotalEpochs = e.TotalEpochs,
                DiscriminatorLoss = e.DiscriminatorLoss,
                GeneratorAdversarialLoss = e.GeneratorAdversarialLoss,
                GeneratorDistanceLoss = e.GeneratorDistanceLoss,
                GeneratorLearningRate = e.GeneratorLearningRate,
                DiscriminatorLearningRate = e.DiscriminatorLearningRate,
                ValidationLoss = e.ValidationLoss,
                ValidationMetrics = e.ValidationMetrics is { } vm ? ToV2(vm) : null,
                IsBest = e.IsBest,
                Seconds = e.Seconds,
            }).ToArray(),
            TestMetrics = m.TestMetrics is { } tm ? ToV2(tm) : null,
            Selection = m.Selection is { } sel ? new SelectionV2
            {
                FallbackKept = sel.FallbackKept,
                Network = sel.Network,
                Fallback = sel.Fallback,
                Metric = FormatNames.Selection.Name(sel.Metric),
                NetworkValidation = sel.NetworkValidation,
                FallbackValidation = sel.FallbackValidation,
                NotComparedBecause = sel.NotComparedBecause,
                Reason = sel.Reason,
                CrossValidation = sel.CrossValidation is { } cv ? new CrossValidationV2
                {
                    Folds = cv.Folds,
                    Samples = cv.Samples,
                    RidgeR2 = cv.RidgeR2,
                    RidgeRelativePenalty = cv.RidgeRelativePenalty,
                    PerFeatureRidgeR2 = cv.PerFeatureRidgeR2,
                    MeanR2 = cv.MeanR2,
                    NetworkR2 = cv.NetworkR2,
                    StackR2 = cv.StackR2,
                    CandidateEpochs = [.. cv.CandidateEpochs],
                    CandidateEpochR2 = [.. cv.CandidateEpochR2],
                    NetworkEpoch = cv.NetworkEpoch,
                    TargetFeatures = cv.TargetFeatures,
                    FeaturesUsingNetwork = cv.FeaturesUsingNetwork,
                    FeaturesAtMean = cv.FeaturesAtMean,
                    PerTarget = cv.PerTarget,
                    NetworkWeight = cv.NetworkWeight,
                } : null,
            } : null,
            Entries = new EntriesV2(),
        };
    }

    /// <summary>The per-feature arrays of arrays.bin, in order.</summary>
    public static IReadOnlyList<(string Name, Array Values)> Arrays(PreprocessingState p)
    {
        var arrays = new List<(string, Array)>
        {
            ("sourceFeatures", p.SourceFeatures),
            ("sourceFill", p.SourceFill),
            ("sourceOffset", p.SourceOffset),
            ("sourceScale", p.SourceScale),
            ("targetFeatures", p.TargetFeatures),
            ("targetFill", p.TargetFill),
            ("targetMin", p.TargetMin),
            ("targetRange", p.TargetRange),
        };
        if (p.SourceQuantileReference is { } reference)
        {
            arrays.Add(("sourceQuantileReference", reference));
        }

        return arrays;
    }

    /// <summary>The in-memory model description of a version 2 manifest and its arrays.</summary>
    /// <exception cref="InvalidDataException">A field or an array is missing or inconsistent (the message names the file and the field).</exception>
    public static ModelManifest FromManifest(ManifestV2 m, Dictionary<string, Array> arrays, string origin)
    {
        string manifest = $"{origin} ({ModelFile.ManifestEntry})";
        if (m.Generator is null || string.IsNullOrEmpty(m.Generator.Name))
        {
            throw new InvalidDataException($"{manifest}: the manifest names no generator.");
        }

        var p = m.Preprocessing ?? throw new InvalidDataException($"{manifest}: the manifest has no preprocessing section.");
        T Array<T>(string name, bool optional = false)
            where T : class
            => arrays.TryGetValue(name, out var values)
                ? values as T ?? throw new InvalidDataException($"{origin}: the '{ArrayFile.EntryName}' array '{name}' has the wrong element type.")
                : optional ? null! : throw new InvalidDataException($"{origin}: the '{ArrayFile.EntryName}' entry has no '{name}' array.");

        var state = new PreprocessingState
        {
            SourceFeatures = Array<string[]>("sourceFeatures"),
            SourceFill = Array<float[]>("sourceFill"),
            SourceOffset = Array<float[]>("sourceOffset"),
            SourceScale = Array<float[]>("sourceScale"),
            TargetFeatures = Array<string[]>("targetFeatures"),
            TargetFill = Array<float[]>("targetFill"),
            TargetMin = Array<float[]>("targetMin"),
            TargetRange = Array<float[]>("targetRange"),
            SourceQuantileReference = Array<float[]>("sourceQuantileReference", optional: true),
            SourceTransform = FormatNames.Transform.Parse(p.SourceTransform, manifest, "preprocessing.sourceTransform"),
            TargetTransform = FormatNames.Transform.Parse(p.TargetTransform, manifest, "preprocessing.targetTransform"),
        };
        if (state.SourceFeatures.Length != p.SourceFeatureCount || state.TargetFeatures.Length != p.TargetFeatureCount
            || (state.SourceQuantileReference is not null) != p.HasQuantileReference)
        {
            throw new InvalidDataException(
                $"{origin}: the manifest declares {p.SourceFeatureCount} source and {p.TargetFeatureCount} target features{(p.HasQuantileReference ? " and a quantile reference" : "")}; "
                + $"'{ArrayFile.EntryName}' holds {state.SourceFeatures.Length} and {state.TargetFeatures.Length}{(state.SourceQuantileReference is null ? "" : " and a quantile reference")}.");
        }

        var options = p.Options;
        return new ModelManifest
        {
            FormatVersion = Version,
            LibraryVersion = m.LibraryVersion ?? "",
            CreatedUtc = m.CreatedUtc,
            Method = m.Method ?? "",
            Generator = new NetworkSpec(m.Generator.Name, m.Generator.Settings),
            Discriminator = m.Discriminator is { } d ? new NetworkSpec(d.Name, d.Settings) : null,
            DistanceLoss = m.DistanceLoss,
            SigmoidOutput = m.SigmoidOutput,
            ParameterCount = m.Parameters,
            SourceGroups = m.SourceGroups?.Select(g => new FeatureGroup(g.Name, g.Start, g.Count)).ToArray(),
            Preprocessing = state,
            PreprocessingOptions = options is null ? null : new PreprocessingOptions
            {
                MaxMissingFraction = options.MaxMissingFraction,
                MinSourceVariance = options.MinSourceVariance,
                TopVarianceSourceFeatures = options.TopVarianceSourceFeatures,
                SourceScaling = FormatNames.Scaling.Parse(options.SourceScaling, manifest, "preprocessing.options.sourceScaling"),
                SourceTransform = state.SourceTransform,
                TargetTransform = state.TargetTransform,
            },
            ExcludedSourceFeatureCount = options?.ExcludedSourceFeatureCount ?? 0,
            Training = m.Training is { } t ? FromV2(t, manifest) : null,
            Summary = m.Summary is { } s ? FromV2(s) : null,
            History = m.History?.Select(e => FromV2(e)).ToArray(),
            TestMetrics = m.TestMetrics is { } tm ? FromV2(tm) : null,
            Selection = m.Selection is { } sel ? FromV2(sel, manifest) : null,
        };
    }

    internal static TrainingV2 ToV2(TrainingOptions t) => new()
    {
        Epochs = t.Epochs,
        DecayEpochs = t.DecayEpochs,
        BatchSize = t.BatchSize,
        GeneratorLearningRate = t.GeneratorLearningRate,
        DiscriminatorLearningRate = t.DiscriminatorLearningRate,
        Beta1 = t.Beta1,
        Beta2 = t.Beta2,
        GeneratorWeightDecay = t.GeneratorWeightDecay,
        DistanceLossWeight = t.DistanceLossWeight,
        GanObjective = FormatNames.Gan.Name(t.GanObjective),
        DiscriminatorSteps = t.DiscriminatorSteps,
        GradientPenaltyWeight = t.GradientPenaltyWeight,
        GradientClipNorm = t.GradientClipNorm,
        MixedPrecision = t.MixedPrecision,
        Schedule = FormatNames.Schedule.Name(t.Schedule),
        StepSize = t.StepSize,
        StepGamma = t.StepGamma,
        PlateauFactor = t.PlateauFactor,
        PlateauPatience = t.PlateauPatience,
        WeightInitialization = FormatNames.Initialization.Name(t.WeightInitialization),
        InitializationGain = t.InitializationGain,
        SelectionMetric = FormatNames.Selection.Name(t.SelectionMetric),
        EarlyStoppingPatience = t.EarlyStoppingPatience,
        Seed = t.Seed,
    };

    internal static TrainingOptions FromV2(TrainingV2 t, string origin) => new()
    {
        Epochs = t.Epochs,
        DecayEpochs = t.DecayEpochs,
        BatchSize = t.BatchSize,
        GeneratorLearningRate = t.GeneratorLearningRate,
        DiscriminatorLearningRate = t.DiscriminatorLearningRate,
        Beta1 = t.Beta1,
        Beta2 = t.Beta2,
        GeneratorWeightDecay = t.GeneratorWeightDecay,
        DistanceLossWeight = t.DistanceLossWeight,
        GanObjective = FormatNames.Gan.Parse(t.GanObjective, origin, "training.ganObjective"),
        DiscriminatorSteps = t.DiscriminatorSteps,
        GradientPenaltyWeight = t.GradientPenaltyWeight,
        GradientClipNorm = t.GradientClipNorm,
        MixedPrecision = t.MixedPrecision,
        Schedule = FormatNames.Schedule.Parse(t.Schedule, origin, "training.schedule"),
        StepSize = t.StepSize,
        StepGamma = t.StepGamma,
        PlateauFactor = t.PlateauFactor,
        PlateauPatience = t.PlateauPatience,
        WeightInitialization = FormatNames.Initialization.Parse(t.WeightInitialization, origin, "training.weightInitialization"),
        InitializationGain = t.InitializationGain,
        SelectionMetric = FormatNames.Selection.Parse(t.SelectionMetric, origin, "training.selectionMetric"),
        EarlyStoppingPatience = t.EarlyStoppingPatience,
        Seed = t.Seed,
    };

    internal static FitSummary FromV2(SummaryV2 s) => new()
    {
        SharedSamples = s.SharedSamples,
        TrainSamples = s.TrainSamples,
        ValidationSamples = s.ValidationSamples,
        TestSamples = s.TestSamples,
        SourceFeaturesIn = s.SourceFeaturesIn,
        TargetFeaturesIn = s.TargetFeaturesIn,
        SelectedEpoch = s.SelectedEpoch,
        EpochsRun = s.EpochsRun,
        StoppedEarly = s.StoppedEarly,
        TrainingSeconds = s.TrainingSeconds,
        Device = s.Device ?? "cpu",
        Details = s.Details,
    };

    internal static EpochReport FromV2(EpochV2 e) => new()
    {
        Epoch = e.Epoch,
        TotalEpochs = e.TotalEpochs,
        DiscriminatorLoss = e.DiscriminatorLoss,
        GeneratorAdversarialLoss = e.GeneratorAdversarialLoss,
        GeneratorDistanceLoss = e.GeneratorDistanceLoss,
        GeneratorLearningRate = e.GeneratorLearningRate,
        DiscriminatorLearningRate = e.DiscriminatorLearningRate,
        ValidationLoss = e.ValidationLoss,
        ValidationMetrics = e.ValidationMetrics is { } vm ? FromV2(vm) : null,
        IsBest = e.IsBest,
        Seconds = e.Seconds,
    };

    internal static MetricsV2 ToV2(TranslationMetrics m) => new()
    {
        Mse = m.Mse,
        Rmse = m.Rmse,
        Mae = m.Mae,
        MedianAe = m.MedianAe,
        MeanSamplewiseR2 = m.MeanSamplewiseR2,
        MeanFeaturewiseR2 = m.MeanFeaturewiseR2,
        MedianFeaturewiseR2 = m.MedianFeaturewiseR2,
        FeaturesR2Above03 = m.FeaturesR2Above03,
        PercentFeaturesR2Above03 = m.PercentFeaturesR2Above03,
        SampleCount = m.SampleCount,
        FeatureCount = m.FeatureCount,
        ConstantFeatureCount = m.ConstantFeatureCount,
        ConstantSampleCount = m.ConstantSampleCount,
        MissingValueCount = m.MissingValueCount,
        MissingPredictionCount = m.MissingPredictionCount,
        ComparedValueCount = m.ComparedValueCount,
        UnpredictedFeatureCount = m.UnpredictedFeatureCount,
        UnpredictedSampleCount = m.UnpredictedSampleCount,
    };

    internal static TranslationMetrics FromV2(MetricsV2 m) => new()
    {
        Mse = m.Mse,
        Rmse = m.Rmse,
        Mae = m.Mae,
        MedianAe = m.MedianAe,
        MeanSamplewiseR2 = m.MeanSamplewiseR2,
        MeanFeaturewiseR2 = m.MeanFeaturewiseR2,
        MedianFeaturewiseR2 = m.MedianFeaturewiseR2,
        FeaturesR2Above03 = m.FeaturesR2Above03,
        PercentFeaturesR2Above03 = m.PercentFeaturesR2Above03,
        SampleCount = m.SampleCount,
        FeatureCount = m.FeatureCount,
        ConstantFeatureCount = m.ConstantFeatureCount,
        ConstantSampleCount = m.ConstantSampleCount,
        MissingValueCount = m.MissingValueCount,
        MissingPredictionCount = m.MissingPredictionCount ?? 0,
        ComparedValueCount = m.ComparedValueCount ?? ((long)m.SampleCount * m.FeatureCount) - m.MissingValueCount,
        UnpredictedFeatureCount = m.UnpredictedFeatureCount ?? 0,
        UnpredictedSampleCount = m.UnpredictedSampleCount ?? 0,
    };

    internal static ModelSelection FromV2(SelectionV2 s, string origin) => new()
    {
        FallbackKept = s.FallbackKept,
        Network = s.Network ?? "",
        Fallback = s.Fallback,
        Metric = FormatNames.Selection.Parse(s.Metric, origin, "selection.metric"),
        NetworkValidation = s.NetworkValidation,
        FallbackValidation = s.FallbackValidation,
        NotComparedBecause = s.NotComparedBecause,
        CrossValidation = s.CrossValidation is { } cv ? new CrossValidationSummary
        {
            Folds = cv.Folds,
            Samples = cv.Samples,
            RidgeR2 = cv.RidgeR2,
            RidgeRelativePenalty = cv.RidgeRelativePenalty,
            PerFeatureRidgeR2 = cv.PerFeatureRidgeR2,
            MeanR2 = cv.MeanR2,
            NetworkR2 = cv.NetworkR2,
            StackR2 = cv.StackR2,
            CandidateEpochs = cv.CandidateEpochs ?? [],
            CandidateEpochR2 = cv.CandidateEpochR2 ?? [],
            NetworkEpoch = cv.NetworkEpoch,
            TargetFeatures = cv.TargetFeatures,
            FeaturesUsingNetwork = cv.FeaturesUsingNetwork,
            FeaturesAtMean = cv.FeaturesAtMean,
            PerTarget = cv.PerTarget,
            NetworkWeight = cv.NetworkWeight,
        } : null,
    };
}
