using Microsoft.Extensions.Logging;

namespace OmiTrans;

/// <summary>
/// Composes a <see cref="Translator"/>: generator, discriminator, distance loss, aligner, split, preprocessing,
/// training options and device. Nothing is created until <see cref="Build"/>, which validates everything and
/// reports every problem at once. A builder builds once.
/// </summary>
/// <example>
/// <code>
/// var translator = new TranslatorBuilder()
///     .WithGenerator(new FullyConnectedGenerator { DropoutProbability = 0.2 })
///     .WithDistanceLoss(DistanceLosses.L1)
///     .WithTraining(new TrainingOptions { Epochs = 200, Seed = 7 })
///     .Build();
/// using var model = translator.Fit(methylation, expression);
/// </code>
/// </example>
public sealed class TranslatorBuilder
{
    private TranslatorSettings _settings = new();
    private bool _built;

    /// <summary>Sets the method name written into models and tables.</summary>
    /// <param name="name">The name.</param>
    public TranslatorBuilder WithName(string name) => Set(s => s with { Name = name });

    /// <summary>Sets the generator.</summary>
    /// <param name="generator">A built-in or custom generator factory.</param>
    public TranslatorBuilder WithGenerator(IGenerator generator) => Set(s => s with { Generator = Guard.NotNull(generator) });

    /// <summary>Sets the discriminator.</summary>
    /// <param name="discriminator">A built-in or custom discriminator factory.</param>
    public TranslatorBuilder WithDiscriminator(IDiscriminator discriminator) => Set(s => s with { Discriminator = Guard.NotNull(discriminator) });

    /// <summary>Trains the generator on the distance loss alone, without an adversary.</summary>
    public TranslatorBuilder WithoutDiscriminator() => Set(s => s with { Discriminator = null });

    /// <summary>Sets the distance loss.</summary>
    /// <param name="loss">A built-in (<see cref="DistanceLosses"/>) or custom loss.</param>
    public TranslatorBuilder WithDistanceLoss(IDistanceLoss loss) => Set(s => s with { DistanceLoss = Guard.NotNull(loss) });

    /// <summary>Sets the sample and location aligner.</summary>
    /// <param name="aligner">The aligner.</param>
    public TranslatorBuilder WithAligner(DatasetAligner aligner) => Set(s => s with { Aligner = Guard.NotNull(aligner) });

    /// <summary>
    /// Sets the method that competes with the trained network on the validation samples; the fit returns whichever
    /// validates better and says so (<see cref="TranslatorSettings.Fallback"/>; the default is a <see cref="RidgeBaseline"/>).
    /// </summary>
    /// <param name="fallback">Any translation method other than a translator, for example <c>new RidgeBaseline()</c>.</param>
    public TranslatorBuilder WithFallback(ITranslationMethod fallback) => Set(s => s with { Fallback = Guard.NotNull(fallback) });

    /// <summary>Keeps the trained network whatever it validates (no fallback method).</summary>
    public TranslatorBuilder WithoutFallback() => Set(s => s with { Fallback = null });

    /// <summary>Sets the cross-validated selection of small cohorts (<see cref="TranslatorSettings.CrossValidation"/>; on by default).</summary>
    /// <param name="crossValidation">Folds, the largest cohort cross-validated, blend weights and epoch candidates.</param>
    public TranslatorBuilder WithCrossValidation(CrossValidationOptions crossValidation) => Set(s => s with { CrossValidation = Guard.NotNull(crossValidation) });

    /// <summary>Decides on the single validation split whatever the cohort's size (no cross-validation).</summary>
    public TranslatorBuilder WithoutCrossValidation() => Set(s => s with { CrossValidation = null });

    /// <summary>Sets the split options.</summary>
    /// <param name="split">The split options.</param>
    public TranslatorBuilder WithSplit(SplitOptions split) => Set(s => s with { Split = Guard.NotNull(split) });

    /// <summary>Uses an explicit split.</summary>
    /// <param name="split">The split.</param>
    public TranslatorBuilder WithSplit(SampleSplit split) => Set(s => s with { Split = new SplitOptions { Split = Guard.NotNull(split) } });

    /// <summary>Sets the preprocessing options.</summary>
    /// <param name="preprocessing">The options.</param>
    public TranslatorBuilder WithPreprocessing(PreprocessingOptions preprocessing) => Set(s => s with { Preprocessing = Guard.NotNull(preprocessing) });

    /// <summary>Sets the training options.</summary>
    /// <param name="training">The options.</param>
    public TranslatorBuilder WithTraining(TrainingOptions training) => Set(s => s with { Training = Guard.NotNull(training) });

    /// <summary>Changes the training options.</summary>
    /// <param name="configure">Returns modified options, e.g. <c>o => o with { Epochs = 50 }</c>.</param>
    public TranslatorBuilder WithTraining(Func<TrainingOptions, TrainingOptions> configure)
    {
        Guard.NotNull(configure);
        return Set(s => s with { Training = configure(s.Training) });
    }

    /// <summary>Sets the device.</summary>
    /// <param name="device">The device options.</param>
    public TranslatorBuilder WithDevice(DeviceOptions device) => Set(s => s with { Device = Guard.NotNull(device) });

    /// <summary>Writes checkpoints during training (and resumes from one when asked).</summary>
    /// <param name="checkpoints">Folder, frequency and resume flag.</param>
    public TranslatorBuilder WithCheckpoints(CheckpointOptions checkpoints) => Set(s => s with { Checkpoints = Guard.NotNull(checkpoints) });

    /// <summary>Sets a logger for progress messages.</summary>
    /// <param name="logger">The logger.</param>
    public TranslatorBuilder WithLogger(ILogger logger) => Set(s => s with { Logger = Guard.NotNull(logger) });

    /// <summary>Starts from complete settings (for example a preset), replacing what was set before.</summary>
    /// <param name="settings">The settings.</param>
    public TranslatorBuilder WithSettings(TranslatorSettings settings) => Set(_ => Guard.NotNull(settings));

    /// <summary>Validates everything and creates the translator.</summary>
    /// <exception cref="OptionsValidationException">Some settings are invalid; the message lists every problem.</exception>
    /// <exception cref="InvalidOperationException">The builder was already used.</exception>
    public Translator Build()
    {
        ThrowIfBuilt();
        OptionsValidationException.ThrowIfAny(nameof(TranslatorBuilder), _settings.Validate());

        _built = true;
        return new Translator(_settings);
    }

    private TranslatorBuilder Set(Func<TranslatorSettings, TranslatorSettings> change)
    {
        ThrowIfBuilt();
        _settings = change(_settings);
        return this;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This TranslatorBuilder has already built a translator; create a new builder.");
        }
    }
}
