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

    /// <summary>The sample and location aligner used by <see cref="Translator.Fit(OmicsMatrix, OmicsMatrix, IProgress{EpochReport}?, CancellationToken)"/>.</summary>
    /// <value>The default value is exact sample matching without location ordering.</value>
    public DatasetAligner Aligner { get; init; } = new();

    /// <summary>The split used by <see cref="Translator.Fit(OmicsMatrix, OmicsMatrix, IProgress{EpochReport}?, CancellationToken)"/>.</summary>
    /// <value>The default value is a seeded random 80/10/10 split.</value>
    public SplitOptions Split { get; init; } = new();

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

        if (Aligner is null)
        {
            yield return "An aligner is required.";
        }

        if (Device is null)
        {
            yield return "A device is required.";
        }

        foreach (var e in Split?.Validate() ?? ["Split options are required."])
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
