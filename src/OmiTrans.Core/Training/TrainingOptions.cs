namespace OmiTrans.Training;

/// <summary>
/// How a translator is trained: schedule, optimiser, objective, seed, validation and early stopping.
/// Immutable; create variants with <c>with</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>
    /// The paper's Table 2: 800 epochs of which the last 100 decay linearly, batch 128, learning rates 1e-4, Adam β1 0.5,
    /// vanilla GAN with λ = 100, weights N(0, 0.02).
    /// </summary>
    public static TrainingOptions Paper { get; } = new()
    {
        Epochs = 800,
        DecayEpochs = 100,
        BatchSize = 128,
        GeneratorLearningRate = 1e-4,
        DiscriminatorLearningRate = 1e-4,
    };

    /// <summary>The number of training epochs.</summary>
    /// <value>The default value is 100.</value>
    public int Epochs { get; init; } = 100;

    /// <summary>
    /// For the <see cref="LearningRateSchedule.Linear"/> schedule: the last epochs over which the learning rates decay
    /// linearly towards zero; null for half of <see cref="Epochs"/>.
    /// </summary>
    /// <value>The default value is null (half of the epochs).</value>
    public int? DecayEpochs { get; init; }

    /// <summary>The decay epochs in effect: <see cref="DecayEpochs"/>, or half of <see cref="Epochs"/> when it is null.</summary>
    public int EffectiveDecayEpochs => DecayEpochs ?? (Epochs / 2);

    /// <summary>Samples per mini-batch.</summary>
    /// <value>The default value is 32 (the paper used 128, see <see cref="Paper"/>).</value>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate of the generator.</summary>
    /// <value>The default value is 1e-3 (the paper used 1e-4).</value>
    public double GeneratorLearningRate { get; init; } = 1e-3;

    /// <summary>Adam learning rate of the discriminator.</summary>
    /// <value>The default value is 1e-3 (the paper used 1e-4).</value>
    public double DiscriminatorLearningRate { get; init; } = 1e-3;

    /// <summary>Adam's β1 for both networks.</summary>
    /// <value>The default value is 0.5.</value>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2 for both networks.</summary>
    /// <value>The default value is 0.999.</value>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>Decoupled weight decay (AdamW) of the generator; 0 uses plain Adam.</summary>
    /// <value>The default value is 0.</value>
    public double GeneratorWeightDecay { get; init; }

    /// <summary>λ, the weight of the distance loss against the adversarial loss in the generator's objective; 0 gives a plain conditional GAN.</summary>
    /// <value>The default value is 100 (the paper).</value>
    public double DistanceLossWeight { get; init; } = 100;

    /// <summary>The adversarial objective.</summary>
    /// <value>The default value is <see cref="OmiTrans.Losses.GanObjective.Vanilla"/>.</value>
    public GanObjective GanObjective { get; init; } = GanObjective.Vanilla;

    /// <summary>Discriminator (critic) steps per generator step.</summary>
    /// <value>The default value is 1 (use 5 with WGAN-GP).</value>
    public int DiscriminatorSteps { get; init; } = 1;

    /// <summary>The weight of the WGAN-GP gradient penalty.</summary>
    /// <value>The default value is 10.</value>
    public double GradientPenaltyWeight { get; init; } = 10;

    /// <summary>When set, gradients of both networks are clipped to this global L2 norm.</summary>
    /// <value>The default value is null (no clipping).</value>
    public double? GradientClipNorm { get; init; }

    /// <summary>
    /// Whether the fully connected layers compute their matrix products in bfloat16 during training (weights, optimizer
    /// state, validation and translation stay float32). About 1.6-2x faster training on CPUs with AVX512-BF16 or AMX
    /// and on GPUs from compute capability 8.0; slower elsewhere. Its effect on accuracy is in docs/performance.md.
    /// </summary>
    /// <value>The default value is false.</value>
    public bool MixedPrecision { get; init; }

    /// <summary>The learning-rate schedule.</summary>
    /// <value>The default value is <see cref="LearningRateSchedule.Linear"/>.</value>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Linear;

    /// <summary>For <see cref="LearningRateSchedule.Step"/>: epochs between reductions.</summary>
    /// <value>The default value is 50.</value>
    public int StepSize { get; init; } = 50;

    /// <summary>For <see cref="LearningRateSchedule.Step"/>: the factor applied at each step.</summary>
    /// <value>The default value is 0.1.</value>
    public double StepGamma { get; init; } = 0.1;

    /// <summary>For <see cref="LearningRateSchedule.ReduceOnPlateau"/>: the factor applied on a plateau.</summary>
    /// <value>The default value is 0.2.</value>
    public double PlateauFactor { get; init; } = 0.2;

    /// <summary>For <see cref="LearningRateSchedule.ReduceOnPlateau"/>: epochs without improvement before a reduction.</summary>
    /// <value>The default value is 5.</value>
    public int PlateauPatience { get; init; } = 5;

    /// <summary>Weight initialisation of Linear and convolution layers.</summary>
    /// <value>The default value is <see cref="OmiTrans.Training.WeightInitialization.Normal"/>.</value>
    public WeightInitialization WeightInitialization { get; init; } = WeightInitialization.Normal;

    /// <summary>The gain of the weight initialisation (the standard deviation for <see cref="OmiTrans.Training.WeightInitialization.Normal"/>).</summary>
    /// <value>The default value is 0.02 (the paper).</value>
    public double InitializationGain { get; init; } = 0.02;

    /// <summary>The validation quantity that chooses the returned generator among the epochs.</summary>
    /// <value>The default value is <see cref="OmiTrans.Training.SelectionMetric.MeanFeaturewiseR2"/>.</value>
    public SelectionMetric SelectionMetric { get; init; } = SelectionMetric.MeanFeaturewiseR2;

    /// <summary>When set, training stops after this many epochs without a better validation value.</summary>
    /// <value>The default value is null (train all epochs).</value>
    public int? EarlyStoppingPatience { get; init; }

    /// <summary>The seed of everything random in a fit: the random split, weight initialisation, shuffling and dropout.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (Epochs < 1)
        {
            yield return $"Epochs must be at least 1, got {Epochs}.";
        }

        if (DecayEpochs is { } decay && (decay < 0 || decay > Epochs))
        {
            yield return $"DecayEpochs must be between 0 and Epochs ({Epochs}), got {decay}.";
        }

        if (BatchSize < 1)
        {
            yield return $"BatchSize must be at least 1, got {BatchSize}.";
        }

        if (!(GeneratorLearningRate > 0 && double.IsFinite(GeneratorLearningRate)))
        {
            yield return $"GeneratorLearningRate must be positive, got {GeneratorLearningRate}.";
        }

        if (!(DiscriminatorLearningRate > 0 && double.IsFinite(DiscriminatorLearningRate)))
        {
            yield return $"DiscriminatorLearningRate must be positive, got {DiscriminatorLearningRate}.";
        }

        if (!(Beta1 >= 0 && Beta1 < 1))
        {
            yield return $"Beta1 must be in [0, 1), got {Beta1}.";
        }

        if (!(Beta2 >= 0 && Beta2 < 1))
        {
            yield return $"Beta2 must be in [0, 1), got {Beta2}.";
        }

        if (!(GeneratorWeightDecay >= 0 && double.IsFinite(GeneratorWeightDecay)))
        {
            yield return $"GeneratorWeightDecay must be zero or positive, got {GeneratorWeightDecay}.";
        }

        if (!(DistanceLossWeight >= 0 && double.IsFinite(DistanceLossWeight)))
        {
            yield return $"DistanceLossWeight must be zero or positive, got {DistanceLossWeight}.";
        }

        if (!Enum.IsDefined(GanObjective))
        {
            yield return $"GanObjective {(int)GanObjective} is not a known objective.";
        }

        if (DiscriminatorSteps < 1)
        {
            yield return $"DiscriminatorSteps must be at least 1, got {DiscriminatorSteps}.";
        }

        if (GanObjective == GanObjective.WassersteinGradientPenalty && !(GradientPenaltyWeight > 0))
        {
            yield return $"GradientPenaltyWeight must be positive with WGAN-GP, got {GradientPenaltyWeight}.";
        }

        if (GradientClipNorm is { } clip && !(clip > 0))
        {
            yield return $"GradientClipNorm must be positive when set, got {clip}.";
        }

        if (!Enum.IsDefined(Schedule))
        {
            yield return $"Schedule {(int)Schedule} is not a known learning-rate schedule.";
        }

        if (StepSize < 1)
        {
            yield return $"StepSize must be at least 1, got {StepSize}.";
        }

        if (!(StepGamma > 0 && StepGamma <= 1))
        {
            yield return $"StepGamma must be in (0, 1], got {StepGamma}.";
        }

        if (!(PlateauFactor > 0 && PlateauFactor < 1))
        {
            yield return $"PlateauFactor must be in (0, 1), got {PlateauFactor}.";
        }

        if (PlateauPatience < 0)
        {
            yield return $"PlateauPatience must be zero or positive, got {PlateauPatience}.";
        }

        if (!Enum.IsDefined(WeightInitialization))
        {
            yield return $"WeightInitialization {(int)WeightInitialization} is not a known initialisation.";
        }

        if (!(InitializationGain > 0 && double.IsFinite(InitializationGain)))
        {
            yield return $"InitializationGain must be positive, got {InitializationGain}.";
        }

        if (!Enum.IsDefined(SelectionMetric))
        {
            yield return $"SelectionMetric {(int)SelectionMetric} is not a known metric.";
        }

        if (EarlyStoppingPatience is { } patience && patience < 1)
        {
            yield return $"EarlyStoppingPatience must be at least 1 when set, got {patience}.";
        }

        if (EarlyStoppingPatience is not null && SelectionMetric == SelectionMetric.LastEpoch)
        {
            yield return "EarlyStoppingPatience needs a SelectionMetric other than LastEpoch.";
        }
    }
}
