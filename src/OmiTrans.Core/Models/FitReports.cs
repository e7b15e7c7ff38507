namespace OmiTrans.Models;

/// <summary>Everything a fit reports about the data it used: alignment, split, preprocessing and the test evaluation.</summary>
public sealed record FitReports
{
    /// <summary>How the two omics were paired and ordered.</summary>
    public required AlignmentReport Alignment { get; init; }

    /// <summary>The split used.</summary>
    public required SampleSplit Split { get; init; }

    /// <summary>Shared samples the split did not assign (not used).</summary>
    public required IReadOnlyList<string> UnassignedSamples { get; init; }

    /// <summary>What the preprocessing kept, dropped and imputed.</summary>
    public required PreprocessingReport Preprocessing { get; init; }

    /// <summary>The evaluation on the test samples, or null without test samples.</summary>
    public EvaluationResult? TestEvaluation { get; init; }
}
