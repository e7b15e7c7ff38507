namespace OmiTrans.Locations;

/// <summary>A contiguous block of features that share a chromosome, in the aligned feature order.</summary>
/// <param name="Name">The chromosome ("1" to "22", "X", "Y"), or <see cref="Unplaced"/> for features without a usable location.</param>
/// <param name="Start">Index of the first feature of the block.</param>
/// <param name="Count">Number of features in the block.</param>
public sealed record FeatureGroup(string Name, int Start, int Count)
{
    /// <summary>The name of the group of features that have no location or lie on another contig (MT, unplaced scaffolds).</summary>
    public const string Unplaced = "unplaced";
}
