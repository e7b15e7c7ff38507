namespace OmiTrans.Training;

/// <summary>
/// Thrown when a loss term or a gradient becomes NaN or infinite during training. Names the network, the epoch and
/// batch, the first loss term or layer that became non-finite, and the last checkpoint. The batch that diverged was not
/// applied: the networks hold the weights from before it.
/// </summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="network">The network whose step diverged: "generator" or "discriminator".</param>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="batch">The 1-based batch within the epoch.</param>
    /// <param name="term">The first non-finite loss term, or "gradient" when every term was finite.</param>
    /// <param name="value">The value the term took (NaN when the gradient diverged).</param>
    /// <param name="layer">The first layer whose output, or the parameter whose gradient, was non-finite; null if unknown.</param>
    /// <param name="detail">More about where it happened (which parameters, the other terms), or null.</param>
    /// <param name="lastGoodCheckpoint">The last checkpoint written before, or null.</param>
    public TrainingDivergedException(string network, int epoch, int batch, string term, double value, string? layer, string? detail, string? lastGoodCheckpoint)
        : base(Describe(network, epoch, batch, term, value, layer, detail, lastGoodCheckpoint))
    {
        Network = network;
        Epoch = epoch;
        Batch = batch;
        Loss = term;
        Value = value;
        Layer = layer;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>The network whose step diverged: "generator" or "discriminator".</summary>
    public string Network { get; }

    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>The first non-finite loss term (for example "distance loss"), or "gradient" when every term was finite.</summary>
    public string Loss { get; }

    /// <summary>The value the loss term took (NaN when only a gradient diverged).</summary>
    public double Value { get; }

    /// <summary>The first layer whose output, or the parameter whose gradient, was non-finite; null when it could not be located.</summary>
    public string? Layer { get; }

    /// <summary>The last checkpoint written before the divergence, or null.</summary>
    public string? LastGoodCheckpoint { get; }

    private static string Describe(string network, int epoch, int batch, string term, double value, string? layer, string? detail, string? checkpoint)
    {
        string what = term == "gradient"
            ? $"the {network}'s gradient became non-finite" + (layer is null ? string.Empty : $" (parameter '{layer}')")
            : $"the {network}'s {term} was {value}" + (layer is null ? string.Empty : $"; the first layer with a non-finite output is '{layer}'");
        return $"Training diverged in epoch {epoch}, batch {batch}: {what}."
            + (detail is null ? string.Empty : $" {detail}.")
            + " The batch was not applied to the weights."
            + (checkpoint is null ? " No checkpoint was written before." : $" The last good checkpoint is {checkpoint}.")
            + " Try a lower learning rate, gradient clipping, or check the input for extreme values.";
    }
}
