namespace OmiTrans.Data;

/// <summary>How to read an omics table. The defaults read the usual layout: features as rows, sample ids in the header.</summary>
public sealed record OmicsReadOptions
{
    /// <summary>Options for the usual layout, with the delimiter chosen from the file name.</summary>
    public static OmicsReadOptions Default { get; } = new();

    /// <summary>
    /// The field delimiter. When null it is chosen from the file name: ',' for names ending in .csv or .csv.gz,
    /// otherwise a tab.
    /// </summary>
    /// <value>The default value is null (by file name).</value>
    public char? Delimiter { get; init; }

    /// <summary>
    /// True when each row holds one sample and the header holds feature ids (the transposed layout).
    /// </summary>
    /// <value>The default value is false: rows are features, the header holds sample ids.</value>
    public bool SamplesInRows { get; init; }
}
