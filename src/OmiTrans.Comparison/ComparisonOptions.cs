namespace OmiTrans.Comparison;

/// <summary>Settings of a method comparison.</summary>
public sealed record ComparisonOptions
{
    /// <summary>Sample labels for the downstream classification check (Table 3); null to skip it.</summary>
    /// <value>The default value is null.</value>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>The downstream classifier.</summary>
    /// <value>The default value is <see cref="LabelClassifierOptions"/> with its defaults.</value>
    public LabelClassifierOptions Classifier { get; init; } = new();

    /// <summary>When set, each fitted model is saved there as <c>method/model.omitrans</c>.</summary>
    /// <value>The default value is null (models are not kept).</value>
    public string? ModelDirectory { get; init; }
}
