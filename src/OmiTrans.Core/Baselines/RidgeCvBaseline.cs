namespace OmiTrans.Baselines;

/// <summary>
/// Ridge regression with its penalty chosen by K-fold cross-validation over the training and validation samples pooled
/// (the test samples are never used), by default one penalty per target feature, where the per-feature training mean
/// also competes (an infinite penalty): a target no source feature predicts out of fold is predicted by its mean. The
/// map is then solved on all pooled samples. Each target's choice minimises its own out-of-fold squared error. This is
/// the linear part of the default translator's cross-validated fit (<see cref="TranslatorSettings.CrossValidation"/>).
/// </summary>
public sealed class RidgeCvBaseline : ITranslationMethod
{
    /// <summary>Creates the baseline.</summary>
    /// <param name="options">Penalty grid, folds, per-target choice, preprocessing and device; null for the defaults.</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public RidgeCvBaseline(RidgeCvOptions? options = null)
    {
        Options = options ?? new RidgeCvOptions();
        OptionsValidationException.ThrowIfAny(nameof(RidgeCvBaseline), Options.Validate());
    }

    /// <summary>The settings.</summary>
    public RidgeCvOptions Options { get; }

    /// <inheritdoc />
    public string Name => Options.PerTarget ? "ridge-cv" : "ridge-cv-shared";

    /// <inheritdoc />
    public TranslationModel Fit(TranslationData data, IProgress<EpochReport>? progress = null, CancellationToken cancellationToken = default)
        => FitPipeline.Run(Name, Guard.NotNull(data).WithValidationInTraining(), Options.Preprocessing, Options.Device, null, progress, cancellationToken, context =>
        {
            var t = context.Tensors;
            if (t.TrainCount < Options.Folds)
            {
                throw new OmicsSchemaException($"{Name} cross-validates over {Options.Folds} folds, but there are only {t.TrainCount} training and validation samples.");
            }

            int[] folds = RidgeCrossValidation.Folds(t.TrainCount, Options.Folds, Options.Seed);
            using var cv = RidgeCrossValidation.Run(t.TrainSource, t.TrainTarget, folds, Options.RelativePenalties, Options.IncludeMean, Options.PerTarget, cancellationToken);
            using var path = new RidgePath(t.TrainSource, t.TrainTarget);
            var details = new Dictionary<string, double>
            {
                ["cvFolds"] = Options.Folds,
                ["cvSamples"] = t.TrainCount,
                ["cvR2Kept"] = cv.KeptR2,
                ["cvR2Ridge"] = cv.SharedR2,
                ["cvR2Mean"] = cv.MeanR2,
                ["cvTargetsAtMean"] = cv.FeaturesAtMean,
                ["relativePenalty"] = cv.SharedRelativePenalty,
            };
            return LinearMapResult.Create(context, (w, b) => path.SolveInto(w, b, cv.PerFeatureRelativePenalties), details);
        });
}
