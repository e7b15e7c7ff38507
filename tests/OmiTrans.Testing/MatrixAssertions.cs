using OmiTrans.Data;

namespace OmiTrans.Testing;

/// <summary>Comparisons of whole matrices that the tests of every package share.</summary>
public static class MatrixAssertions
{
    /// <summary>
    /// The same ids in the same order and every value within 1e-5 relative (plus 1e-5 absolute): what two
    /// translations of the same samples in batches of another shape give (docs/new-cohorts.md). NaN matches only NaN.
    /// </summary>
    public static void ShouldMatch(OmicsMatrix actual, OmicsMatrix expected)
    {
        actual.FeatureIds.Should().Equal(expected.FeatureIds);
        actual.SampleIds.Should().Equal(expected.SampleIds);
        var a = actual.Values.ToArray();
        var e = expected.Values.ToArray();
        for (int i = 0; i < e.Length; i++)
        {
            if (float.IsNaN(e[i]))
            {
                float.IsNaN(a[i]).Should().BeTrue($"value {i} is missing in the expected matrix");
                continue;
            }

            a[i].Should().BeApproximately(e[i], 1e-5f + (1e-5f * Math.Abs(e[i])), $"value {i}");
        }
    }
}
