namespace OmiTrans.Comparison;

/// <summary>Progress of a comparison: which method is being fitted, and its epochs.</summary>
/// <param name="Method">The method.</param>
/// <param name="Index">Its 0-based position.</param>
/// <param name="Count">The number of methods.</param>
/// <param name="Epoch">The last epoch report of the method, or null at its start and end.</param>
/// <param name="FitSeconds">The method's fit time, set when it has finished.</param>
public sealed record ComparisonProgress(string Method, int Index, int Count, EpochReport? Epoch, double? FitSeconds);
