using Microsoft.Extensions.Logging;

namespace OmiTrans;

/// <summary>
/// OmiTrans: a conditional GAN that translates a source omics into a target omics. Immutable and reusable;
/// <see cref="Fit(TranslationData, IProgress{EpochReport}?, CancellationToken)"/> returns a <see cref="TranslationModel"/>.
/// Create it with <see cref="TranslatorBuilder"/>.
/// </summary>
public sealed class Translator : ITranslationMethod
{
    internal Translator(TranslatorSettings settings)
    {
        Settings = settings;
    }

    /// <summary>The validated settings this translator was built with.</summary>
    public TranslatorSettings Settings { get; }

    /// <inheritdoc />
    public string Name => Settings.Name;

    /// <summary>Pairs the two omics with the configured aligner and splits them with the configured split.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <exception cref="OmicsSchemaException">The omics share no sample, or the split assigns none to training.</exception>
    public TranslationData PrepareData(OmicsMatrix source, OmicsMatrix target)
    {
        var pair = (Settings.Aligner ?? new DatasetAligner()).Align(Guard.NotNull(source), Guard.NotNull(target));
        var split = Settings.Split ?? new SplitOptions();
        return TranslationData.Create(pair, split.For(pair.Source.SampleIds, Settings.Training.Seed)).WithSplitProvenance(split, Settings.Training.Seed);
    }

    /// <summary>Aligns, splits, and fits: the whole workflow from two omics tables.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <param name="progress">Receives a report after each epoch.</param>
    /// <param name="cancellationToken">Stops training between mini-batches.</param>
    /// <returns>The fitted model; dispose it.</returns>
    public TranslationModel Fit(OmicsMatrix source, OmicsMatrix target, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPrepared(PrepareData(source, target), progress, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">
    /// The translator was built with an aligner or a split (<see cref="TranslatorBuilder.WithAligner"/>,
    /// <see cref="TranslatorBuilder.WithSplit(SplitOptions)"/>) and the data was aligned or split otherwise (not by
    /// <see cref="PrepareData"/> of a translator with the same settings): they would be silently ignored.
    /// </exception>
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(data);
        bool otherAlignment = Settings.Aligner is { } aligner && !Equals(data.Pair.AlignedWith, aligner.Options);
        bool otherSplit = Settings.Split is { } split && data.SplitMadeWith != (split, Settings.Training.Seed);
        if (otherAlignment || otherSplit)
        {
            throw new InvalidOperationException(
                $"This translator was built with {(otherAlignment ? "an aligner" : "a split")} (WithAligner/WithSplit) that did not prepare this data: "
                + "prepared TranslationData carries its own alignment and split, so the translator's would be ignored. "
                + "Prepare the data with this translator (PrepareData, or Fit(source, target)), or build it without them.");
        }

        return FitPrepared(data, progress, cancellationToken);
    }

    /// <summary>
    /// Trains the network, lets the fallback method compete on the validation samples, and returns the better model.
    /// The value transforms of the preprocessing are applied to the data once; both methods are fitted and compared on
    /// the transformed data, and the kept model records the transforms.
    /// </summary>
    private TranslationModel FitPrepared(TranslationData data, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        var s = Settings;
        var transformed = FitPipeline.TransformValues(data, s.Preprocessing);
        if (CrossValidates(data))
        {
            return FitCrossValidated(transformed, progress, cancellationToken);
        }

        TranslationModel? network = FitNetwork(transformed, progress, cancellationToken, out var generator);
        TranslationModel? fallback = null;
        try
        {
            var selection = new ModelSelection { FallbackKept = false, Network = generator.Name, Fallback = s.Fallback?.Name, Metric = s.Training.SelectionMetric };
            if (s.Fallback is not null && data.Count(SplitSet.Validation) == 0)
            {
                selection = selection with { NotComparedBecause = "the split has no validation samples to compare it with" };
            }
            else if (s.Fallback is not null && s.DistanceLoss.RequiresUnitInterval)
            {
                selection = selection with { NotComparedBecause = $"the {s.DistanceLoss.Name} distance bounds the output to the training range, which a fallback would not keep" };
            }
            else if (s.Fallback is not null)
            {
                fallback = s.Fallback.Fit(transformed, null, cancellationToken);
                if (fallback.SourceTransform != ValueTransform.None || fallback.TargetTransform != ValueTransform.None)
                {
                    // It was given data in the translator's units already; its own transforms would make the figures incomparable.
                    selection = selection with { NotComparedBecause = $"the {s.Fallback.Name} fallback applies value transforms of its own; set them on the translator's preprocessing instead" };
                }
                else
                {
                    var (validationSource, validationTarget) = transformed.Get(SplitSet.Validation);
                    // The validation samples are the fitted data (missing values are imputed as in training), never refused.
                    double networkValue = ValidationScorer.Value(network.Evaluate(validationSource, validationTarget, TranslateOptions.OfFittedData).Metrics, s.Training.SelectionMetric);
                    double fallbackValue = ValidationScorer.Value(fallback.Evaluate(validationSource, validationTarget, TranslateOptions.OfFittedData).Metrics, s.Training.SelectionMetric);
                    selection = selection with { NetworkValidation = networkValue, FallbackValidation = fallbackValue, FallbackKept = fallbackValue > networkValue };
                }
            }

            s.Logger?.LogInformation("{Method}: {Reason}", s.Name, selection.Reason);
            TranslationModel kept;
            if (selection.FallbackKept)
            {
                fallback!.AttachSelection(selection, s.Name, network.History);
                (kept, fallback) = (fallback, null);
            }
            else
            {
                network.AttachSelection(selection);
                (kept, network) = (network, null);
            }

            kept.AttachValueTransforms(s.Preprocessing.SourceTransform, s.Preprocessing.TargetTransform);
            return kept;
        }
        finally
        {
            // Whichever model was not kept (or both, when the comparison failed or was cancelled).
            network?.Dispose();
            fallback?.Dispose();
        }
    }

    /// <summary>
    /// Whether this fit cross-validates (<see cref="TranslatorSettings.CrossValidation"/>): a small cohort (training and
    /// validation samples at most <see cref="CrossValidationOptions.MaxSamples"/>, at least as many as folds), a ridge
    /// fallback without value transforms of its own (they would make its figures incomparable), a distance loss that
    /// does not bound the output (a blend with ridge would leave the bound), and no checkpoints.
    /// </summary>
    internal bool CrossValidates(TranslationData data)
    {
        var s = Settings;
        int pooled = data.Count(SplitSet.Train) + data.Count(SplitSet.Validation);
        return s.CrossValidation is { } cv && s.Fallback is RidgeBaseline ridge && !s.DistanceLoss.RequiresUnitInterval
            && ridge.Options.Preprocessing.SourceTransform == ValueTransform.None && ridge.Options.Preprocessing.TargetTransform == ValueTransform.None
            && pooled <= cv.MaxSamples && pooled >= cv.Folds && s.Checkpoints is null;
    }

    /// <summary>The cross-validated fit on the training and validation samples pooled (<see cref="CrossValidatedFit"/>); the test samples only evaluate.</summary>
    private TranslationModel FitCrossValidated(TranslationData transformed, IProgress<EpochReport>? progress, CancellationToken cancellationToken)
    {
        var s = Settings;
        var ridge = ((RidgeBaseline)s.Fallback!).Options;
        var reporting = s.Logger is { } logger ? new EpochLog(logger, s.Name, progress) : progress;
        var untransformed = s.Preprocessing with { SourceTransform = ValueTransform.None, TargetTransform = ValueTransform.None };
        IGenerator? resolved = null;
        CrossValidationSummary? summary = null;
        var model = FitPipeline.RunUntransformed(s.Name, transformed.WithValidationInTraining(), untransformed, s.Device, s.Logger, reporting, cancellationToken, context =>
        {
            var generator = s.Generator is AutoGenerator auto ? auto.Choose(context.SourceLocations is not null, context.TargetLocations is not null) : s.Generator;
            resolved = generator;
            s.Logger?.LogInformation("{Method}: generator {Generator}, {Folds}-fold cross-validation on {Samples} samples", s.Name, generator.Name, s.CrossValidation!.Folds, context.Tensors.TrainCount);
            var result = CrossValidatedFit.Fit(context, s, generator, ridge, out var cv);
            summary = cv;
            return result;
        });
        try
        {
            var selection = new ModelSelection
            {
                FallbackKept = summary!.FeaturesUsingNetwork == 0,
                Network = resolved!.Name,
                Fallback = s.Fallback!.Name,
                Metric = SelectionMetric.MeanFeaturewiseR2,
                NetworkValidation = summary.NetworkR2,
                FallbackValidation = summary.PerFeatureRidgeR2,
                CrossValidation = summary,
            };
            s.Logger?.LogInformation("{Method}: {Reason}", s.Name, selection.Reason);
            model.AttachSelection(selection);
            model.AttachValueTransforms(s.Preprocessing.SourceTransform, s.Preprocessing.TargetTransform);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The shared fit steps around the network trainer: preprocessing, tensors, training, test evaluation (on data already value-transformed).</summary>
    private TranslationModel FitNetwork(TranslationData data, IProgress<EpochReport>? progress, CancellationToken cancellationToken, out IGenerator chosen)
    {
        var s = Settings;
        IGenerator? resolved = null;
        var reporting = s.Logger is { } logger ? new EpochLog(logger, s.Name, progress) : progress;
        var untransformed = s.Preprocessing with { SourceTransform = ValueTransform.None, TargetTransform = ValueTransform.None };
        var model = FitPipeline.RunUntransformed(s.Name, data, untransformed, s.Device, s.Logger, reporting, cancellationToken, context =>
        {
            // An automatic choice is resolved here, so the trainer, the checkpoint and the model file see the chosen generator.
            var generator = s.Generator is AutoGenerator auto ? auto.Choose(context.SourceLocations is not null, context.TargetLocations is not null) : s.Generator;
            resolved = generator;
            s.Logger?.LogInformation("{Method}: generator {Generator}", s.Name, generator.Name);
            var trainer = new NetworkTrainer(CrossValidatedFit.Setup(context, s, generator, s.Training) with { Checkpoints = s.Checkpoints });
            var trained = trainer.Train(context.Tensors, context.Progress, context.CancellationToken);
            return CrossValidatedFit.Result(s, generator, trained.Generator, trained.Random, trained.History);
        });
        chosen = resolved!;
        return model;
    }
}
