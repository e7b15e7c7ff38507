namespace OmiTrans;

/// <summary>Thrown when a loss becomes NaN or infinite during training. Names the epoch and the batch.</summary>
public sealed class TrainingDivergedException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">The 1-based epoch.</param>
    /// <param name="batch">The 1-based batch within the epoch.</param>
    /// <param name="loss">Which loss diverged.</param>
    /// <param name="value">The value it took.</param>
    /// <param name="lastGoodCheckpoint">The last checkpoint written before, or null.</param>
    public TrainingDivergedException(int epoch, int batch, string loss, double value, string? lastGoodCheckpoint)
        : base($"Training diverged: the {loss} was {value} in epoch {epoch}, batch {batch}. "
            + (lastGoodCheckpoint is null ? "No checkpoint was written before. " : $"The last good checkpoint is {lastGoodCheckpoint}. ")
            + "Try a lower learning rate, gradient clipping, or check the input for extreme values.")
    {
        Epoch = epoch;
        Batch = batch;
        Loss = loss;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>The 1-based epoch.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch within the epoch.</summary>
    public int Batch { get; }

    /// <summary>Which loss diverged.</summary>
    public string Loss { get; }

    /// <summary>The last checkpoint written before the divergence, or null.</summary>
    public string? LastGoodCheckpoint { get; }
}
