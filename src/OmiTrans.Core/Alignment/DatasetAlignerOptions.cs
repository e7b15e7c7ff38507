namespace OmiTrans.Alignment;

/// <summary>Options of a <see cref="DatasetAligner"/>.</summary>
public sealed record DatasetAlignerOptions
{
    /// <summary>Genomic locations of the source features; when set, source features are ordered by chromosome and position.</summary>
    /// <value>The default value is null (keep the file order).</value>
    public LocationTable? SourceLocations { get; init; }

    /// <summary>Genomic locations of the target features; when set, target features are ordered by chromosome and position.</summary>
    /// <value>The default value is null (keep the file order).</value>
    public LocationTable? TargetLocations { get; init; }

    /// <summary>How sample ids are matched between the two omics.</summary>
    /// <value>The default value is <see cref="SampleMatching.Exact"/>.</value>
    public SampleMatching SampleMatching { get; init; } = SampleMatching.Exact;
}
