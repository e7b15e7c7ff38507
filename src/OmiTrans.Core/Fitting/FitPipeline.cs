using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace OmiTrans.Fitting;

/// <summary>What a method's fitting core receives.</summary>
internal sealed class FitContext
{
    public required TranslationData Data { get; init; }

    public required FittedPreprocessor Preprocessor { get; init; }

    public required TrainingTensors Tensors { get; init; }

    public required Device Device { get; init; }

    public IProgress<EpochReport>? Progress { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>The chromosome blocks of the source features that preprocessing kept, or null without a location table.</summary>
    public IReadOnlyList<FeatureGroup>? SourceGroups { get; init; }

    /// <summary>Locations of the kept source features in model order, or null without a source location table.</summary>
    public IReadOnlyList<GenomicLocation?>? SourceLocations { get; init; }

    /// <summary>Locations of the kept target features in model order, or null without a target location table.</summary>
    public IReadOnlyList<GenomicLocation?>? TargetLocations { get; init; }
}

/// <summary>What a method's fitting core produces.</summary>
internal sealed record CoreResult
{
    public required nn.Module<Tensor, Tensor> Generator { get; init; }

    public required Generator Random { get; init; }

    public required IGenerator Spec { get; init; }

    public IDiscriminator? Discriminator { get; init; }

    public IDistanceLoss? Distance { get; init; }

    public TrainingOptions? Training { get; init; }

    public TrainingHistory? History { get; init; }

    /// <summary>Method-specific facts of the fit (for example the chosen penalty).</summary>
    public IReadOnlyDictionary<string, double>? Details { get; init; }
}

/// <summary>
/// The steps every method shares: fit the preprocessing on the training samples, move the data to the device,
/// run the method's core, wrap the result in a model and evaluate it on the test samples.
/// </summary>
internal static class FitPipeline
{
    /// <summary>
    /// The data with the value transforms of <paramref name="options"/> applied (they work within each sample, so they
    /// need no fitting and commute with the split); the data itself without transforms.
    /// </summary>
    /// <exception cref="OmicsSchemaException">A value does not suit its transform (negative, or a sample's counts sum to zero).</exception>
    public static TranslationData TransformValues(TranslationData data, PreprocessingOptions options) =>
        options.SourceTransform == ValueTransform.None && options.TargetTransform == ValueTransform.None
            ? data
            : data.WithValues(OmicsTransforms.Apply(data.Source, options.SourceTransform), OmicsTransforms.Apply(data.Target, options.TargetTransform));

    /// <summary>
    /// Fits a method: the value transforms of <paramref name="preprocessing"/> are applied to the data first, the
    /// method is fitted and tested on the transformed data, and the model records the transforms (it then applies them
    /// to what it translates and evaluates).
    /// </summary>
    public static TranslationModel Run(
        string method,
        TranslationData data,
        PreprocessingOptions preprocessing,
        DeviceOptions deviceOptions,
        ILogger? logger,
        IProgress<EpochReport>? progress,
        CancellationToken cancellationToken,
        Func<FitContext, CoreResult> core)
    {
        Guard.NotNull(data);
        Guard.NotNull(preprocessing);
        var (sourceTransform, targetTransform) = (preprocessing.SourceTransform, preprocessing.TargetTransform);
        var model = RunUntransformed(
            method,
            TransformValues(data, preprocessing),
            preprocessing with { SourceTransform = ValueTransform.None, TargetTransform = ValueTransform.None },
            deviceOptions,
            logger,
            progress,
            cancellationToken,
            core);
        model.AttachValueTransforms(sourceTransform, targetTransform);
        return model;
    }

    /// <summary>Fits a method on data already in the units it learns (preprocessing options without value transforms).</summary>
    public static TranslationModel RunUntransformed(
        string method,
        TranslationData data,
        PreprocessingOptions preprocessing,
        DeviceOptions deviceOptions,
        ILogger? logger,
        IProgress<EpochReport>? progress,
        CancellationToken cancellationToken,
        Func<FitContext, CoreResult> core)
    {
        Guard.NotNull(data);
        TorchRuntime.EnsureLoaded();
        int trainCount = data.Count(SplitSet.Train);
        if (trainCount < 2)
        {
            throw new OmicsSchemaException($"Fitting needs at least 2 training samples; the split assigns {trainCount} of the {data.Source.SampleCount} shared samples to training.");
        }

        var device = deviceOptions.Resolve();
        var (preprocessor, report) = FitPreprocessor(data, preprocessing);
        if (preprocessor.SourceFeatureCount == 0 || preprocessor.TargetFeatureCount == 0)
        {
            throw new OmicsSchemaException(
                $"Preprocessing left {preprocessor.SourceFeatureCount} source and {preprocessor.TargetFeatureCount} target features "
                + $"(dropped for missing values: {report.SourceDroppedForMissing.Count} source, {report.TargetDroppedForMissing.Count} target; "
                + $"by exclusion or variance: {report.SourceExcluded.Count + report.SourceDroppedForVariance.Count} source). Nothing can be learned.");
        }

        logger?.LogInformation(
            "{Method}: {Train} training samples, {Source} of {SourceIn} source and {Target} of {TargetIn} target features kept",
            method, trainCount, report.SourceFeaturesKept, report.SourceFeaturesIn, report.TargetFeaturesKept, report.TargetFeaturesIn);

        var sourceGroups = RestrictGroups(data.Pair.SourceGroups, data.Source.FeatureIds, preprocessor.State.SourceFeatures);
        CoreResult result;
        using (var tensors = CreateTensors(preprocessor, data, device))
        {
            var context = new FitContext
            {
                Data = data,
                Preprocessor = preprocessor,
                Tensors = tensors,
                Device = device,
                Progress = progress,
                CancellationToken = cancellationToken,
                SourceGroups = sourceGroups,
                SourceLocations = Locate(data.Pair.SourceLocations, preprocessor.State.SourceFeatures),
                TargetLocations = Locate(data.Pair.TargetLocations, preprocessor.State.TargetFeatures),
            };
            result = core(context);
        }

        var summary = new FitSummary
        {
            SharedSamples = data.Source.SampleCount,
            TrainSamples = trainCount,
            ValidationSamples = data.Count(SplitSet.Validation),
            TestSamples = data.Count(SplitSet.Test),
            SourceFeaturesIn = data.Source.FeatureCount,
            TargetFeaturesIn = data.Target.FeatureCount,
            SelectedEpoch = result.History?.SelectedEpoch ?? 0,
            EpochsRun = result.History?.Epochs.Count ?? 0,
            StoppedEarly = result.History?.StoppedEarly ?? false,
            TrainingSeconds = result.History?.Seconds ?? 0,
            Device = device.ToString(),
            Details = result.Details,
        };
        var manifest = TranslationModel.CreateManifest(
            method, result.Spec, result.Discriminator, result.Distance, sourceGroups, preprocessor, preprocessing, result.Training, summary, result.History?.Epochs, result.Generator);
        var reports = new FitReports
        {
            Alignment = data.Alignment,
            Split = data.Split,
            UnassignedSamples = data.UnassignedSamples,
            Preprocessing = report,
        };
        var model = new TranslationModel(manifest, result.Generator, result.Random, preprocessor, device, reports);
        try
        {
            var (testSource, testTarget) = data.Get(SplitSet.Test);
            if (testSource.SampleCount > 0)
            {
                model.AttachTestEvaluation(model.Evaluate(testSource, testTarget, TranslateOptions.OfFittedData));
            }

            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The location of each kept feature in model order (null where the table has none), or null without a table.</summary>
    private static IReadOnlyList<GenomicLocation?>? Locate(LocationTable? table, IReadOnlyList<string> features) =>
        table is null ? null : features.Select(f => table.TryGetLocation(f, out var location) ? location : (GenomicLocation?)null).ToArray();

    /// <summary>Fits the preprocessing on a copy of the training split that is garbage once this returns.</summary>
    private static (FittedPreprocessor Preprocessor, PreprocessingReport Report) FitPreprocessor(TranslationData data, PreprocessingOptions preprocessing)
    {
        var (trainSource, trainTarget) = data.Get(SplitSet.Train);
        return FittedPreprocessor.Fit(trainSource, trainTarget, preprocessing);
    }

    /// <summary>Moves the preprocessed training and validation data to the device.</summary>
    private static TrainingTensors CreateTensors(FittedPreprocessor preprocessor, TranslationData data, Device device) =>
        TrainingTensors.Create(preprocessor, data, device);

    /// <summary>The chromosome groups of the aligned source, restricted to the features preprocessing kept.</summary>
    private static IReadOnlyList<FeatureGroup>? RestrictGroups(IReadOnlyList<FeatureGroup>? groups, IReadOnlyList<string> alignedFeatures, string[] keptFeatures)
    {
        if (groups is null)
        {
            return null;
        }

        var kept = new HashSet<string>(keptFeatures, StringComparer.Ordinal);
        var result = new List<FeatureGroup>();
        int position = 0;
        foreach (var g in groups)
        {
            int count = 0;
            for (int i = g.Start; i < g.Start + g.Count; i++)
            {
                if (kept.Contains(alignedFeatures[i]))
                {
                    count++;
                }
            }

            if (count > 0)
            {
                result.Add(new FeatureGroup(g.Name, position, count));
                position += count;
            }
        }

        return result;
    }
}
