namespace OmiTrans.Locations;

/// <summary>What ordering one omics' features by genomic location did.</summary>
public sealed record FeatureOrderingReport
{
    /// <summary>The location table used.</summary>
    public required string LocationTable { get; init; }

    /// <summary>Features placed on chromosomes 1 to 22, X or Y and sorted by chromosome, then position.</summary>
    public required int OrderedFeatureCount { get; init; }

    /// <summary>Features the table does not list, or lists without a chromosome or position; kept at the end.</summary>
    public required IReadOnlyList<string> UnannotatedFeatures { get; init; }

    /// <summary>Features on other contigs (MT, unplaced or alternative scaffolds); kept at the end, before the unannotated ones.</summary>
    public required IReadOnlyList<string> OtherContigFeatures { get; init; }

    /// <summary>
    /// Feature ids of the location table that match no feature of the omics table (usually a table for a whole
    /// platform, of which the data uses a part). When none matches, ordering is refused instead.
    /// </summary>
    public int UnmatchedLocationCount { get; init; }

    /// <summary>How many features each chromosome received, in chromosome order.</summary>
    public required IReadOnlyList<FeatureGroup> Groups { get; init; }
}
