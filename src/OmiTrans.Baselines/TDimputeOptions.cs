namespace OmiTrans.Baselines;

/// <summary>Settings of the TDimpute baseline (Zhou et al. 2020, its "self" configuration without transfer learning).</summary>
public sealed record TDimputeOptions
{
    /// <summary>Width of the sigmoid hidden layer.</summary>
    /// <value>The default value is 4000 (TDimpute).</value>
    public int HiddenWidth { get; init; } = 4000;

    /// <summary>Training epochs; the epoch with the best validation score is kept.</summary>
    /// <value>The default value is 100 (TDimpute's "self" configuration).</value>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per mini-batch.</summary>
    /// <value>The default value is 16 (TDimpute's "self" configuration).</value>
    public int BatchSize { get; init; } = 16;

    /// <summary>Adam learning rate (β1 0.9, β2 0.999).</summary>
    /// <value>The default value is 1e-4 (TDimpute).</value>
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>When set, training stops after this many epochs without a better validation score.</summary>
    /// <value>The default value is 10.</value>
    public int? EarlyStoppingPatience { get; init; } = 10;

    /// <summary>The seed.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = 42;

    /// <summary>The preprocessing (the same as OmiTrans' by default).</summary>
    /// <value>The default value is <see cref="PreprocessingOptions"/> with its defaults.</value>
    public PreprocessingOptions Preprocessing { get; init; } = new();

    /// <summary>The device.</summary>
    /// <value>The default value is <see cref="DeviceOptions.Cpu"/>.</value>
    public DeviceOptions Device { get; init; } = DeviceOptions.Cpu;

    /// <summary>The training options these settings amount to.</summary>
    internal TrainingOptions Training => new()
    {
        Epochs = Epochs,
        BatchSize = BatchSize,
        GeneratorLearningRate = LearningRate,
        Beta1 = 0.9,
        Schedule = LearningRateSchedule.Constant,
        WeightInitialization = WeightInitialization.Xavier,
        InitializationGain = 1.0,
        EarlyStoppingPatience = EarlyStoppingPatience,
        Seed = Seed,
    };

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (HiddenWidth < 1)
        {
            yield return $"HiddenWidth must be at least 1, got {HiddenWidth}.";
        }

        foreach (var e in Training.Validate().Concat(Preprocessing?.Validate() ?? ["Preprocessing options are required."]))
        {
            yield return e;
        }
    }
}
