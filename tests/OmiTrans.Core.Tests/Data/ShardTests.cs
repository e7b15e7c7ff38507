namespace OmiTrans.Core.Tests.Data;

/// <summary>Splitting a cohort into shards and joining them gives the cohort back; mismatched shards are refused.</summary>
public sealed class ShardTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Split_then_concatenate_gives_the_cohort_back(int shards)
    {
        var (source, _) = Matrices.Planted(samples: 7, sourceFeatures: 5, targetFeatures: 2, seed: 1);

        var parts = OmicsShards.Split(source, shards);
        var joined = OmicsShards.Concatenate(parts);

        parts.Should().HaveCount(shards);
        parts.Select(p => p.SampleCount).Sum().Should().Be(7);
        (parts.Max(p => p.SampleCount) - parts.Min(p => p.SampleCount)).Should().BeLessThanOrEqualTo(1);
        joined.SampleIds.Should().Equal(source.SampleIds);
        joined.FeatureIds.Should().Equal(source.FeatureIds);
        joined.Values.ToArray().Should().Equal(source.Values.ToArray());
    }

    [Fact]
    public void Shards_with_other_features_or_a_repeated_sample_are_refused()
    {
        var (source, _) = Matrices.Planted(samples: 6, sourceFeatures: 4, targetFeatures: 2, seed: 1);
        var parts = OmicsShards.Split(source, 2);

        var otherFeatures = () => OmicsShards.Concatenate([parts[0], parts[1].SelectFeatures([1, 0, 2, 3])], ["a.tsv", "b.tsv"]);
        var repeated = () => OmicsShards.Concatenate([parts[0], parts[0]], ["a.tsv", "b.tsv"]);

        otherFeatures.Should().Throw<OmicsSchemaException>().WithMessage("*b.tsv*differ first at position 1*");
        repeated.Should().Throw<OmicsSchemaException>().WithMessage("*'S1' is in both a.tsv and b.tsv*");
        FluentActions.Invoking(() => OmicsShards.Split(source, 7)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
