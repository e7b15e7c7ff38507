namespace OmiTrans.Training;

/// <summary>
/// Where and how often training writes a checkpoint (generator, discriminator, both optimisers' state, scheduler
/// position, epoch, random-generator state, best generator so far, history and options), and whether a fit resumes
/// from one. Checkpoints are written atomically: a kill never leaves a half-written one.
/// </summary>
public sealed record CheckpointOptions
{
    /// <summary>The file name of the checkpoint inside <see cref="Directory"/>.</summary>
    public const string FileName = "checkpoint.omitrans-checkpoint";

    /// <summary>The folder of the checkpoint file.</summary>
    public required string Directory { get; init; }

    /// <summary>Write a checkpoint every this many epochs (and always after the last epoch).</summary>
    /// <value>The default value is 1.</value>
    public int EveryEpochs { get; init; } = 1;

    /// <summary>
    /// When true and the folder holds a checkpoint, the fit continues from it (the data must be the same) and ends
    /// with the same weights as an uninterrupted run on the CPU.
    /// </summary>
    /// <value>The default value is false (a new fit overwrites any checkpoint).</value>
    public bool Resume { get; init; }

    /// <summary>The path of the checkpoint file.</summary>
    public string Path => System.IO.Path.Combine(Directory, FileName);

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            yield return "CheckpointOptions.Directory must not be empty.";
        }

        if (EveryEpochs < 1)
        {
            yield return $"CheckpointOptions.EveryEpochs must be at least 1, got {EveryEpochs}.";
        }
    }
}
