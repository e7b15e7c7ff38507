namespace OmiTrans.Alignment;

/// <summary>What pairing the two omics by sample and ordering their features did; nothing is dropped without being listed here.</summary>
public sealed record AlignmentReport
{
    /// <summary>Samples in the source data.</summary>
    public required int SourceSampleCount { get; init; }

    /// <summary>Samples in the target data.</summary>
    public required int TargetSampleCount { get; init; }

    /// <summary>Samples present in both, which are kept.</summary>
    public required int SharedSampleCount { get; init; }

    /// <summary>Source samples without a target partner (dropped).</summary>
    public required IReadOnlyList<string> SamplesOnlyInSource { get; init; }

    /// <summary>Target samples without a source partner (dropped).</summary>
    public required IReadOnlyList<string> SamplesOnlyInTarget { get; init; }

    /// <summary>
    /// Samples dropped because, after barcode truncation, several samples of the same omics share a key
    /// (for example a tumour and a normal sample of one patient under <see cref="SampleMatching.TcgaPatient"/>).
    /// </summary>
    public required IReadOnlyList<string> AmbiguousSamples { get; init; }

    /// <summary>
    /// Unmatched source samples that would match a target sample if case and surrounding white space were ignored.
    /// Ids are compared exactly, so these are not paired; a non-zero count usually means the files spell ids differently.
    /// </summary>
    public required int CaseOrSpaceOnlyMismatches { get; init; }

    /// <summary>How the source features were ordered, or null when no source location table was given.</summary>
    public FeatureOrderingReport? SourceOrdering { get; init; }

    /// <summary>How the target features were ordered, or null when no target location table was given.</summary>
    public FeatureOrderingReport? TargetOrdering { get; init; }
}
