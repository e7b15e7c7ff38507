namespace OmiTrans.Comparison.Downstream;

/// <summary>
/// The downstream classifier of the paper's Table 3 check: a multilayer perceptron on the standardised real target
/// (Linear → LeakyReLU → dropout blocks, then a linear layer of class logits), trained with cross-entropy and Adam.
/// </summary>
public sealed record LabelClassifierOptions
{
    /// <summary>Hidden widths.</summary>
    /// <value>The default value is 256, 64.</value>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [256, 64];

    /// <summary>Dropout after each hidden block.</summary>
    /// <value>The default value is 0.2.</value>
    public double DropoutProbability { get; init; } = 0.2;

    /// <summary>Training epochs (the epoch with the best validation loss is kept when validation samples exist).</summary>
    /// <value>The default value is 100.</value>
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per mini-batch.</summary>
    /// <value>The default value is 32.</value>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate.</summary>
    /// <value>The default value is 1e-3.</value>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Weight decay.</summary>
    /// <value>The default value is 1e-4.</value>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>The seed.</summary>
    /// <value>The default value is 42.</value>
    public int Seed { get; init; } = 42;
}
