namespace OmiTrans.Models;

/// <summary>Progress of a chunked translation.</summary>
/// <param name="SamplesDone">Samples translated so far.</param>
/// <param name="TotalSamples">Samples in the input.</param>
public sealed record StreamingProgress(int SamplesDone, int TotalSamples);

/// <summary>What a chunked translation did.</summary>
/// <param name="Samples">Samples translated.</param>
/// <param name="Chunks">Chunks translated.</param>
/// <param name="Coverage">How many of the model's source features the input provides.</param>
/// <param name="TargetFeatures">Features written per sample.</param>
public sealed record StreamingResult(int Samples, int Chunks, SourceCoverage Coverage, int TargetFeatures);
