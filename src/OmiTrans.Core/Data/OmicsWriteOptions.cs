namespace OmiTrans.Data;

/// <summary>How to write an omics table.</summary>
public sealed record OmicsWriteOptions
{
    /// <summary>Options for the usual layout, with the delimiter chosen from the file name.</summary>
    public static OmicsWriteOptions Default { get; } = new();

    /// <summary>
    /// The field delimiter. When null it is chosen from the file name: ',' for names ending in .csv or .csv.gz,
    /// otherwise a tab. A name ending in .gz is gzip-compressed.
    /// </summary>
    /// <value>The default value is null (by file name).</value>
    public char? Delimiter { get; init; }

    /// <summary>True to write one sample per row with feature ids in the header.</summary>
    /// <value>The default value is false: one feature per row, sample ids in the header.</value>
    public bool SamplesInRows { get; init; }

    /// <summary>The text of the header's first (corner) cell.</summary>
    /// <value>The default value is "feature" (or "sample" when <see cref="SamplesInRows"/> is true).</value>
    public string? CornerLabel { get; init; }

    /// <summary>The token written for a missing (NaN) value.</summary>
    /// <value>The default value is "NA".</value>
    public string MissingValue { get; init; } = "NA";
}
