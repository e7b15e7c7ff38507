
namespace OmiTrans.Data;

/// <summary>Value transformations of whole matrices (see <see cref="ValueTransform"/>).</summary>
public static class OmicsTransforms
{
    /// <summary>Applies a transformation; <see cref="ValueTransform.None"/> returns the matrix itself.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="transform">The transformation.</param>
    /// <exception cref="OmicsSchemaException">A value is negative (the logarithms need counts or linear-scale values), or a sample's counts sum to zero.</exception>
    public static OmicsMatrix Apply(OmicsMatrix matrix, ValueTransform transform)
    {
        Guard.NotNull(matrix);
        return transform switch
        {
            ValueTransform.None => matrix,
            ValueTransform.Log2PlusOne => Log2PlusOne(matrix),
            ValueTransform.CountsPerMillionLog2 => CountsPerMillionLog2(matrix),
            _ => throw new ArgumentOutOfRangeException(nameof(transform), transform, "Unknown value transform."),
        };
    }

    /// <summary>log2(x + 1) of every value.</summary>
    /// <param name="matrix">Linear-scale, non-negative values.</param>
    /// <exception cref="OmicsSchemaException">A value is negative.</exception>
    public static OmicsMatrix Log2PlusOne(OmicsMatrix matrix)
    {
        RequireNonNegative(Guard.NotNull(matrix), "log2(x + 1)");
        return matrix.Map(v => MathF.Log2(v + 1), matrix.Origin + " (log2(x + 1))");
    }

    /// <summary>Counts per million within each sample (missing values ignored), then log2(x + 1).</summary>
    /// <param name="matrix">Non-negative read counts.</param>
    /// <exception cref="OmicsSchemaException">A value is negative, or a sample's counts sum to zero.</exception>
    public static OmicsMatrix CountsPerMillionLog2(OmicsMatrix matrix)
    {
        RequireNonNegative(Guard.NotNull(matrix), "counts per million");
        int samples = matrix.SampleCount;
        var totals = new double[samples];
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            var row = matrix.GetFeatureValues(f);
            for (int s = 0; s < samples; s++)
            {
                if (!float.IsNaN(row[s]))
                {
                    totals[s] += row[s];
                }
            }
        }

        var empty = Enumerable.Range(0, samples).Where(s => totals[s] <= 0).Select(s => matrix.SampleIds[s]).ToList();
        if (empty.Count > 0)
        {
            throw new OmicsSchemaException($"{matrix.Origin}: counts per million need a positive total count, but {empty.Count} sample(s) sum to zero: {Preview.Of(empty)}.");
        }

        var values = new float[(long)matrix.FeatureCount * samples];
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            var row = matrix.GetFeatureValues(f);
            for (int s = 0; s < samples; s++)
            {
                values[((long)f * samples) + s] = float.IsNaN(row[s]) ? float.NaN : (float)Math.Log2((row[s] * 1e6 / totals[s]) + 1);
            }
        }

        return OmicsMatrix.FromFeatureRows(matrix.FeatureIds, matrix.SampleIds, values, matrix.Origin + " (log2 CPM)");
    }

    private static void RequireNonNegative(OmicsMatrix matrix, string what)
    {
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            var row = matrix.GetFeatureValues(f);
            for (int s = 0; s < row.Length; s++)
            {
                if (row[s] < 0)
                {
                    throw new OmicsSchemaException($"{matrix.Origin}: {what} needs non-negative values, but feature '{matrix.FeatureIds[f]}' has {row[s]} in sample '{matrix.SampleIds[s]}'.");
                }
            }
        }
    }
}
