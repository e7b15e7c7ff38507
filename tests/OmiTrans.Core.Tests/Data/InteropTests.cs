using MathNet.Numerics.LinearAlgebra;

namespace OmiTrans.Core.Tests.Data;

/// <summary>MathNet matrices and data frames with missing values, both ways, ids kept.</summary>
public sealed class InteropTests : TempDirectoryTest
{
    private static OmicsMatrix Small() => Matrices.FromRows(["g1", "g2", "g3"], ["s1", "s2"], [1.5f, float.NaN], [-2f, 3.25f], [0f, 1e-7f]);

    [Fact]
    public void An_omics_matrix_goes_to_MathNet_and_back_with_its_ids_and_missing_values()
    {
        var matrix = Small();

        var single = matrix.ToMathNet();
        var dual = matrix.ToMathNetDouble();

        single.Values.RowCount.Should().Be(3);
        single.Values.ColumnCount.Should().Be(2);
        single.FeatureIds.Should().Equal("g1", "g2", "g3");
        single.SampleIds.Should().Equal("s1", "s2");
        single.Values[1, 1].Should().Be(3.25f);
        float.IsNaN(single.Values[0, 1]).Should().BeTrue("missing stays NaN");
        dual.Values[2, 1].Should().Be((double)1e-7f);
        single.ToOmicsMatrix().Values.ToArray().Should().Equal(matrix.Values.ToArray(), (a, b) => a.Equals(b));
        dual.ToOmicsMatrix().Values.ToArray().Should().Equal(matrix.Values.ToArray(), (a, b) => a.Equals(b));
    }

    [Fact]
    public void A_MathNet_matrix_with_ids_that_do_not_fit_is_refused()
    {
        var values = Matrix<double>.Build.Dense(2, 3);
        var act = () => values.ToOmicsMatrix(["a", "b", "c"], ["x", "y"]);
        act.Should().Throw<ArgumentException>().WithMessage("*2 × 3*3 feature ids and 2 sample ids*");
    }

    [Fact]
    public void A_table_with_NA_reads_into_a_data_frame_with_nulls()
    {
        var path = Dir.File("target.tsv");
        File.WriteAllText(path, "gene\tS1\tS2\tS3\ng1\t1.5\tNA\t2\ng2\t\t0.25\tNaN\n");

        var frame = OmicsDataFrames.ReadFile(path);

        frame.Rows.Count.Should().Be(2);
        frame.Columns.Select(c => c.Name).Should().Equal("feature", "S1", "S2", "S3");
        frame["S2"][0].Should().BeNull();
        frame["S1"][1].Should().BeNull();
        frame["S3"][1].Should().BeNull();
        frame["S1"][0].Should().Be(1.5f);
        OmicsDataFrames.ToOmicsMatrix(frame).Values.ToArray().Should().Equal(OmicsFile.Read(path).Values.ToArray(), (a, b) => a.Equals(b));
    }
}
