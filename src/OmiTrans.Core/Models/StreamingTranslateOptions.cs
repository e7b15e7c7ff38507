namespace OmiTrans.Models;

/// <summary>How <see cref="TranslationModel.TranslateFile"/> reads, translates and writes a cohort in chunks.</summary>
public sealed record StreamingTranslateOptions
{
    /// <summary>Samples translated at a time; memory grows with it times the number of source features.</summary>
    /// <value>The default value is 512.</value>
    public int ChunkSamples { get; init; } = 512;

    /// <summary>The input file holds one sample per row (feature ids in the header) instead of one feature per row.</summary>
    /// <value>The default value is false.</value>
    public bool InputSamplesInRows { get; init; }

    /// <summary>Write one sample per row instead of one feature per row.</summary>
    /// <value>The default value is false.</value>
    public bool OutputSamplesInRows { get; init; }

    /// <summary>The input delimiter; null to choose from the extension (.csv = comma, otherwise tab).</summary>
    /// <value>The default value is null.</value>
    public char? InputDelimiter { get; init; }

    /// <summary>Coverage and quantile normalisation, as for <see cref="TranslationModel.Translate"/>.</summary>
    /// <value>The default value is <see cref="TranslateOptions.Default"/>.</value>
    public TranslateOptions Translate { get; init; } = TranslateOptions.Default;

    /// <summary>Checks the options; returns one message per problem.</summary>
    public IEnumerable<string> Validate()
    {
        if (ChunkSamples < 1)
        {
            yield return $"ChunkSamples must be at least 1, got {ChunkSamples}.";
        }

        if (Translate is null)
        {
            yield return "Translate options are required.";
        }
    }
}
