namespace OmiTrans.Locations;

/// <summary>Chromosome names and their order: 1 to 22, then X, then Y.</summary>
public static class Chromosomes
{
    /// <summary>The ordered chromosome names: "1" to "22", "X", "Y".</summary>
    public static IReadOnlyList<string> Ordered { get; } =
        Enumerable.Range(1, 22).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("X").Append("Y").ToArray();

    /// <summary>
    /// Normalises a chromosome name: removes a "chr" prefix (any case) and upper-cases X, Y and M/MT.
    /// "chr1" and "1" both become "1"; "chrx" becomes "X".
    /// </summary>
    /// <param name="name">The name as written.</param>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        if (trimmed.StartsWith("chr", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[3..];
        }

        return trimmed.ToUpperInvariant() switch
        {
            "X" => "X",
            "Y" => "Y",
            "M" or "MT" => "MT",
            _ => trimmed,
        };
    }

    /// <summary>The rank 1 to 24 of a (normalised or raw) chromosome name, or null when it is not 1-22, X or Y.</summary>
    /// <param name="name">The chromosome name.</param>
    public static int? Rank(string name)
    {
        var normalized = Normalize(name);
        if (normalized == "X")
        {
            return 23;
        }

        if (normalized == "Y")
        {
            return 24;
        }

        if (int.TryParse(normalized, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= 22 && normalized.Length == n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length)
        {
            return n;
        }

        return null;
    }
}
