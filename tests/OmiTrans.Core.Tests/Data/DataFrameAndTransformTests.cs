using Microsoft.Data.Analysis;

namespace OmiTrans.Core.Tests.Data;

public sealed class DataFrameAndTransformTests
{
    private static readonly OmicsMatrix Sample = OmicsMatrix.Create(
        ["g1", "g2", "g3"],
        ["s1", "s2"],
        new float[,] { { 1.5f, float.NaN }, { -2f, 0.1f }, { 3e-8f, 7f } });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_matrix_round_trips_through_a_data_frame_in_either_layout(bool samplesInRows)
    {
        var frame = Sample.ToDataFrame(samplesInRows);

        frame.Columns.Count.Should().Be(samplesInRows ? 4 : 3);
        frame.Rows.Count.Should().Be(samplesInRows ? 2 : 3);
        frame.Columns[0].Name.Should().Be(samplesInRows ? "sample" : "feature");
        var back = OmicsMatrix.FromDataFrame(frame, samplesInRows);

        back.FeatureIds.Should().Equal(Sample.FeatureIds);
        back.SampleIds.Should().Equal(Sample.SampleIds);
        back.Values.ToArray().Should().Equal(Sample.Values.ToArray(), (a, b) => a.Equals(b), "values, NaN included, are kept exactly");
    }

    [Fact]
    public void A_missing_value_becomes_a_null_cell_and_integer_columns_are_accepted()
    {
        Sample.ToDataFrame()["s2"][0].Should().BeNull();

        var frame = new DataFrame(new StringDataFrameColumn("gene", ["a", "b"]), new Int32DataFrameColumn("x", [1, 2]), new DoubleDataFrameColumn("y", [0.5, null]));
        var matrix = OmicsMatrix.FromDataFrame(frame);

        matrix[1, 0].Should().Be(2f);
        float.IsNaN(matrix[1, 1]).Should().BeTrue();
    }

    [Fact]
    public void A_text_value_column_is_refused_by_name()
    {
        var frame = new DataFrame(new StringDataFrameColumn("gene", ["a"]), new StringDataFrameColumn("patient-7", ["high"]));

        var act = () => OmicsMatrix.FromDataFrame(frame);

        act.Should().Throw<OmicsSchemaException>().WithMessage("*'patient-7' (String)*");
    }

    [Fact]
    public void Duplicate_ids_in_a_data_frame_are_refused()
    {
        var frame = new DataFrame(new StringDataFrameColumn("gene", ["a", "a"]), new SingleDataFrameColumn("s", [1f, 2f]));

        var act = () => OmicsMatrix.FromDataFrame(frame);

        act.Should().Throw<ArgumentException>().WithMessage("*a*");
    }

    [Fact]
    public void Log2_plus_one_and_counts_per_million_give_the_expected_values()
    {
        var counts = OmicsMatrix.Create(["m1", "m2"], ["s1", "s2"], new float[,] { { 3, 250_000 }, { 1, 750_000 } });

        OmicsTransforms.Log2PlusOne(counts)[0, 0].Should().BeApproximately(2f, 1e-6f);
        var cpm = OmicsTransforms.Apply(counts, ValueTransform.CountsPerMillionLog2);
        cpm[0, 0].Should().BeApproximately((float)Math.Log2(750_001), 1e-3f, "3 of 4 reads is 750,000 per million");
        cpm[1, 1].Should().BeApproximately((float)Math.Log2(750_001), 1e-3f);
        OmicsTransforms.Apply(counts, ValueTransform.None).Should().BeSameAs(counts);
    }

    [Fact]
    public void Logarithms_of_negative_values_and_empty_samples_are_refused_with_names()
    {
        var negative = OmicsMatrix.Create(["g"], ["s1"], new float[,] { { -1 } });
        var empty = OmicsMatrix.Create(["g"], ["s1", "zero"], new float[,] { { 4, 0 } });

        ((Action)(() => OmicsTransforms.Log2PlusOne(negative))).Should().Throw<OmicsSchemaException>().WithMessage("*'g'*'s1'*");
        ((Action)(() => OmicsTransforms.CountsPerMillionLog2(empty))).Should().Throw<OmicsSchemaException>().WithMessage("*zero*");
    }
}
