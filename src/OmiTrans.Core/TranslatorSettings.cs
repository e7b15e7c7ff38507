using Microsoft.Extensions.Logging;

namespace OmiTrans;

/// <summary>Everything a <see cref="Translator"/> was built with (a validated snapshot).</summary>
public sealed record TranslatorSettings
{
    /// <summary>The method name written into models and tables.</summary>
    /// <value>The default value is "omitrans".</value>
    public string Name { get; init; } = "omitrans";

    /// <summary>The generator factory.</summary>
    /// <value>
    /// The default value is an <see cref="AutoGenerator"/>: the cis generator when both location tables are given, the
    /// FC generator otherwise (see docs/study.md).
    /// </value>
    public IGenerator Generator { get; init; } = new AutoGenerator();

    /// <summary>The discriminator factory, or null to train the generator on the distance loss alone (no GAN).</summary>
    /// <value>The default value is the paper's <see cref="FullyConnectedDiscriminator"/>.</value>
    public IDiscriminator? Discriminator { get; init; } = new FullyConnectedDiscriminator();

    /// <summary>The distance loss.</summary>
    /// <value>The default value is <see cref="DistanceLosses.L1"/>.</value>
    public IDistanceLoss DistanceLoss { get; init; } = DistanceLosses.L1;

    /// <summary>
    /// The sample and location aligner of <see cref="Translator.Fit(OmicsMatrix, OmicsMatrix, IProgress{EpochReport}?, CancellationToken)"/>,
    /// which aligns and splits the two omics itself. Prepared <see cref="TranslationData"/> carries its own alignment,
    /// so <see cref="Translator.Fit(TranslationData, IProgress{EpochReport}?, CancellationToken)"/> refuses a translator
    /// that has one: no setting is ever silently ignored.
    /// </summary>
    /// <value>The default value is null: exact sample matching without location ordering.</value>
    public DatasetAligner? Aligner { get; init; }

    /// <summary>
    /// The split of <see cref="Translator.Fit(OmicsMatrix, OmicsMatrix, IProgress{EpochReport}?, CancellationToken)"/>;
    /// refused, like <see cref="Aligner"/>, when the translator fits prepared <see cref="TranslationData"/>.
    /// </summary>
    /// <value>The default value is null: a seeded random 80/10/10 split.</value>
    public SplitOptions? Split { get; init; }

    /// <summary>
    /// A method that competes with the trained network on the validation samples (on
    /// <see cref="TrainingOptions.SelectionMetric"/>, featurewise R² for the epoch-only choices): when it validates
    /// better, the fit returns its model instead. The returned model says which was kept and why, with both validation
    /// figures (<see cref="TranslationModel.Selection"/>), as do the logger, <c>omitrans train</c>, <c>inspect</c> and the
    /// report. Needs validation samples; without them the network is kept and the selection says so.
    /// </summary>
    /// <value>
    /// The default value is a <see cref="RidgeBaseline"/>: on small cohorts the network often validates worse than ridge
    /// (docs/study.md), and a fit should not hand back a model that validates worse than ridge. Null for none (the
    /// paper preset).
    /// </value>
    public ITranslationMethod? Fallback { get; init; } = new RidgeBaseline();

    /// <summary>
    /// Cross-validated selection for small cohorts: when the training and validation samples together number at most
    /// <see cref="CrossValidationOptions.MaxSamples"/> and the fallback is a <see cref="RidgeBaseline"/>, they are pooled
    /// and cut into folds; the network is trained once per fold, and the epoch kept, each target feature's ridge
    /// penalty (or its training mean) and each target feature's blend of network and ridge are chosen on the out-of-fold
    /// predictions; the model is then fitted on all pooled samples. <see cref="TranslationModel.Selection"/> reports the
    /// out-of-fold figures (<see cref="ModelSelection.CrossValidation"/>). Larger cohorts, other fallbacks and bounded
    /// distance losses use the single validation split. Null for the validation split always.
    /// </summary>
    /// <value>The default value is <see cref="CrossValidationOptions"/> with its defaults (5 folds up to 300 samples).</value>
    public CrossValidationOptions? CrossValidation { get; init; } = new();

    /// <summary>The preprocessing.</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The training options.</summary>
    /// <value>The default value is <see cref="TrainingOptions"/> with its defaults.</value>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>The device.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>Where and how often checkpoints are written, and whether to resume from one; null for none.</summary>
    /// <value>The default value is null.</value>
    public CheckpointOptions? Checkpoints { get; init; }

    /// <summary>Where progress messages go (optional).</summary>
    /// <value>The default value is null.</value>
    public ILogger? Logger { get; init; }

    /// <summary>Checks every part; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name must not be empty.";
        }

        if (Generator is null)
        {
            yield return "A generator is required.";
        }
        else if (Generator is IValidatableNetwork g)
        {
            foreach (var e in g.Validate())
            {
                yield return e;
            }
        }

        if (Discriminator is IValidatableNetwork d)
        {
            foreach (var e in d.Validate())
            {
                yield return e;
            }
        }

        if (DistanceLoss is null)
        {
            yield return "A distance loss is required.";
        }

        if (Device is null)
        {
            yield return "A device is required.";
        }

        foreach (var e in Split?.Validate() ?? [])
        {
            yield return e;
        }

        if (Fallback is Translator)
        {
            yield return "Fallback must be a method other than an OmiTrans translator (for example a RidgeBaseline).";
        }

        foreach (var e in CrossValidation?.Validate() ?? [])
        {
            yield return e;
        }

        foreach (var e in Preprocessing?.Validate() ?? ["Preprocessing options are required."])
        {
            yield return e;
        }

        foreach (var e in Training?.Validate() ?? ["Training options are required."])
        {
            yield return e;
        }

        foreach (var e in Checkpoints?.Validate() ?? [])
        {
            yield return e;
        }

        if (Training is { } t && Discriminator is null && t.DistanceLossWeight == 0)
        {
            yield return "Without a discriminator the distance loss is the only objective; DistanceLossWeight must not be 0.";
        }
    }
}
