namespace OmiTrans.Training;

/// <summary>What happened in one training epoch; reported through <see cref="IProgress{T}"/> and kept in the history.</summary>
public sealed record EpochReport
{
    /// <summary>The epoch (1-based).</summary>
    public required int Epoch { get; init; }

    /// <summary>The number of epochs planned.</summary>
    public required int TotalEpochs { get; init; }

    /// <summary>Mean discriminator loss over the epoch's discriminator steps (NaN when the method has no discriminator).</summary>
    public required double DiscriminatorLoss { get; init; }

    /// <summary>Mean adversarial part of the generator loss (NaN when the method has no discriminator).</summary>
    public required double GeneratorAdversarialLoss { get; init; }

    /// <summary>Mean distance part of the generator loss (scaled units, before λ).</summary>
    public required double GeneratorDistanceLoss { get; init; }

    /// <summary>The generator's learning rate during the epoch.</summary>
    public required double GeneratorLearningRate { get; init; }

    /// <summary>The discriminator's learning rate during the epoch (NaN without a discriminator).</summary>
    public required double DiscriminatorLearningRate { get; init; }

    /// <summary>The distance loss on the validation samples (scaled units), or NaN without validation samples.</summary>
    public required double ValidationLoss { get; init; }

    /// <summary>The nine metrics on the validation samples (target units), or null without validation samples.</summary>
    public TranslationMetrics? ValidationMetrics { get; init; }

    /// <summary>Whether this epoch's generator is the best so far by the selection metric.</summary>
    public required bool IsBest { get; init; }

    /// <summary>Wall-clock seconds the epoch took (training and validation).</summary>
    public required double Seconds { get; init; }
}
