namespace OmiTrans.Locations;

/// <summary>Where a feature lies in the genome.</summary>
/// <param name="Chromosome">The chromosome as written in the table without a "chr" prefix (for example "1", "X", "MT").</param>
/// <param name="Start">The start position (base pairs).</param>
public readonly record struct GenomicLocation(string Chromosome, long Start)
{
    /// <summary>
    /// The sort rank of the chromosome: 1 to 22 for the autosomes, 23 for X, 24 for Y, or null for any other
    /// name (mitochondrial, unplaced or alternative contigs), which is not ordered.
    /// </summary>
    public int? ChromosomeRank => Chromosomes.Rank(Chromosome);
}
