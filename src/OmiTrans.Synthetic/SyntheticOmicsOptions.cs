namespace OmiTrans.Synthetic;

/// <summary>Settings of the synthetic TCGA-like methylation and expression generator.</summary>
public sealed record SyntheticOmicsOptions
{
    /// <summary>Samples present in both omics.</summary>
    /// <value>The default value is 1000.</value>
    public int Samples { get; init; } = 1000;

    /// <summary>CpG sites (source features, beta values).</summary>
    /// <value>The default value is 5000.</value>
    public int SourceFeatures { get; init; } = 5000;

    /// <summary>Genes (target features, log2(FPKM + 1)-like values).</summary>
    /// <value>The default value is 2000.</value>
    public int TargetFeatures { get; init; } = 2000;

    /// <summary>The seed; the same settings and seed give the same data.</summary>
    /// <value>The default value is 1.</value>
    public int Seed { get; init; } = 1;

    /// <summary>Latent tumour types (written to labels.tsv).</summary>
    /// <value>The default value is 6.</value>
    public int TumourTypes { get; init; } = 6;

    /// <summary>Continuous latent factors shared by the CpGs (pathway or purity-like variation).</summary>
    /// <value>The default value is 8.</value>
    public int LatentFactors { get; init; } = 8;

    /// <summary>CpGs nearest to a gene on its chromosome that drive it.</summary>
    /// <value>The default value is 8.</value>
    public int CpgsPerGene { get; init; } = 8;

    /// <summary>Fraction of genes that are pure noise (no dependence on methylation).</summary>
    /// <value>The default value is 0.1.</value>
    public double NoiseGeneFraction { get; init; } = 0.1;

    /// <summary>Fraction of single values set missing (NA) in each omics.</summary>
    /// <value>The default value is 0.001.</value>
    public double MissingFraction { get; init; } = 0.001;

    /// <summary>Fraction of features with many (20 %) missing values, which the default preprocessing drops.</summary>
    /// <value>The default value is 0.005.</value>
    public double SparseFeatureFraction { get; init; } = 0.005;

    /// <summary>Extra samples present only in the source (and, as many, only in the target), as a fraction of <see cref="Samples"/>.</summary>
    /// <value>The default value is 0.01.</value>
    public double UnpairedSampleFraction { get; init; } = 0.01;

    /// <summary>Standard deviation of the expression noise, relative to the default (1.0).</summary>
    /// <value>The default value is 1.0.</value>
    public double NoiseScale { get; init; } = 1.0;

    /// <summary>Checks the settings; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (Samples < 2)
        {
            yield return $"Samples must be at least 2, got {Samples}.";
        }

        if (SourceFeatures < 1)
        {
            yield return $"SourceFeatures must be at least 1, got {SourceFeatures}.";
        }

        if (TargetFeatures < 1)
        {
            yield return $"TargetFeatures must be at least 1, got {TargetFeatures}.";
        }

        if ((long)Samples * Math.Max(SourceFeatures, TargetFeatures) > 2_000_000_000L)
        {
            yield return "Samples x features must stay below 2 billion values per omics.";
        }

        if (TumourTypes < 1)
        {
            yield return $"TumourTypes must be at least 1, got {TumourTypes}.";
        }

        if (LatentFactors < 0)
        {
            yield return $"LatentFactors must be zero or positive, got {LatentFactors}.";
        }

        if (CpgsPerGene < 1)
        {
            yield return $"CpgsPerGene must be at least 1, got {CpgsPerGene}.";
        }

        foreach (var (name, value) in new[] { ("NoiseGeneFraction", NoiseGeneFraction), ("MissingFraction", MissingFraction), ("SparseFeatureFraction", SparseFeatureFraction), ("UnpairedSampleFraction", UnpairedSampleFraction) })
        {
            if (!(value >= 0 && value < 1))
            {
                yield return $"{name} must be in [0, 1), got {value}.";
            }
        }

        if (!(NoiseScale >= 0 && double.IsFinite(NoiseScale)))
        {
            yield return $"NoiseScale must be zero or positive, got {NoiseScale}.";
        }
    }
}
