namespace OmiTrans.Alignment;

/// <summary>Two omics of the same samples, in the same sample order, with features in aligned order.</summary>
public sealed class AlignedOmicsPair
{
    internal AlignedOmicsPair(OmicsMatrix source, OmicsMatrix target, AlignmentReport report)
    {
        Source = source;
        Target = target;
        Report = report;
    }

    /// <summary>The source omics (translated from).</summary>
    public OmicsMatrix Source { get; }

    /// <summary>The target omics (translated to), with the same sample ids in the same order as <see cref="Source"/>.</summary>
    public OmicsMatrix Target { get; }

    /// <summary>What the alignment kept, dropped and reordered.</summary>
    public AlignmentReport Report { get; }

    /// <summary>Contiguous chromosome blocks of the source features, or null when no source location table was given.</summary>
    public IReadOnlyList<FeatureGroup>? SourceGroups => Report.SourceOrdering?.Groups;

    /// <summary>The source location table the aligner ordered the features by, or null.</summary>
    internal LocationTable? SourceLocations { get; init; }

    /// <summary>The options of the aligner that made this pair (so a translator can tell whether it was its own).</summary>
    internal DatasetAlignerOptions? AlignedWith { get; init; }

    /// <summary>Whether the source features were placed with a location table (the cis generator needs both omics placed).</summary>
    public bool HasSourceLocations => SourceLocations is not null;

    /// <summary>Whether the target features were placed with a location table.</summary>
    public bool HasTargetLocations => TargetLocations is not null;

    /// <summary>The target location table the aligner ordered the features by, or null.</summary>
    internal LocationTable? TargetLocations { get; init; }
}
