using System.Text;

namespace OmiTrans.Preprocessing;

/// <summary>What the preprocessing fitted on the training samples kept, dropped and imputed.</summary>
public sealed record PreprocessingReport
{
    /// <summary>Training samples the statistics were computed on.</summary>
    public required int TrainingSampleCount { get; init; }

    /// <summary>Source features before preprocessing.</summary>
    public required int SourceFeaturesIn { get; init; }

    /// <summary>Source features dropped because they were on the exclusion list.</summary>
    public required IReadOnlyList<string> SourceExcluded { get; init; }

    /// <summary>Source features dropped for too many missing training values (including all-missing ones).</summary>
    public required IReadOnlyList<string> SourceDroppedForMissing { get; init; }

    /// <summary>Source features dropped by the variance threshold or the top-k variance selection.</summary>
    public required IReadOnlyList<string> SourceDroppedForVariance { get; init; }

    /// <summary>Source features kept.</summary>
    public required int SourceFeaturesKept { get; init; }

    /// <summary>Missing training source values filled with the training mean.</summary>
    public required long SourceValuesImputed { get; init; }

    /// <summary>Target features before preprocessing.</summary>
    public required int TargetFeaturesIn { get; init; }

    /// <summary>Target features dropped for too many missing training values (including all-missing ones).</summary>
    public required IReadOnlyList<string> TargetDroppedForMissing { get; init; }

    /// <summary>Target features kept (the model predicts these).</summary>
    public required int TargetFeaturesKept { get; init; }

    /// <summary>Missing training target values filled with the training mean.</summary>
    public required long TargetValuesImputed { get; init; }

    /// <summary>Kept target features that are constant over the training samples (always predicted as that constant).</summary>
    public required IReadOnlyList<string> ConstantTargetFeatures { get; init; }

    /// <summary>A tab-separated list of every removed feature with the omics and the reason (<c>omics  feature  reason</c>).</summary>
    public string RemovedFeaturesTable()
    {
        var text = new StringBuilder("omics\tfeature\treason\n");
        void Add(string omics, IEnumerable<string> ids, string reason)
        {
            foreach (var id in ids)
            {
                text.Append(omics).Append('\t').Append(id).Append('\t').Append(reason).Append('\n');
            }
        }

        Add("source", SourceExcluded, "excluded");
        Add("source", SourceDroppedForMissing, "missing");
        Add("source", SourceDroppedForVariance, "variance");
        Add("target", TargetDroppedForMissing, "missing");
        return text.ToString();
    }

    /// <summary>Writes <see cref="RemovedFeaturesTable"/> to a file, atomically.</summary>
    /// <param name="path">The destination.</param>
    public void WriteRemovedFeatures(string path) => AtomicFile.WriteAllText(path, RemovedFeaturesTable());
}
