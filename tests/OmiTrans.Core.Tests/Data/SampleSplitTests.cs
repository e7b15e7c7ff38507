
namespace OmiTrans.Core.Tests.Data;

public sealed class SampleSplitTests
{
    [Fact]
    public void Random_split_is_seeded_and_sized_80_10_10()
    {
        var ids = Matrices.Ids("S", 101);

        var a = SampleSplit.Random(ids, seed: 7);
        var b = SampleSplit.Random(ids, seed: 7);
        var c = SampleSplit.Random(ids, seed: 8);

        a.Train.Count.Should().Be(81);
        a.Validation.Count.Should().Be(10);
        a.Test.Count.Should().Be(10);
        a.Train.Concat(a.Validation).Concat(a.Test).Should().BeEquivalentTo(ids);
        b.Test.Should().Equal(a.Test);
        c.Test.Should().NotEqual(a.Test);
    }

    [Fact]
    public void Split_files_round_trip_and_bad_lines_are_named()
    {
        using var dir = new TempDirectory();
        var split = SampleSplit.Random(Matrices.Ids("S", 20), seed: 1);
        split.Write(dir.File("split.tsv"));

        var back = SampleSplit.Read(dir.File("split.tsv"));

        back.Train.Should().BeEquivalentTo(split.Train);
        back.Test.Should().BeEquivalentTo(split.Test);
        var bad = dir.Write("bad.tsv", "sample\tset\nS1\ttrain\nS2\tholdout\n");
        var act = () => SampleSplit.Read(bad);
        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{bad}:3:2: unknown set 'holdout'; expected train, validation or test.");
    }

    [Fact]
    public void Data_reports_samples_the_split_does_not_assign()
    {
        var source = Matrices.FromRows(["cg"], ["A", "B", "C"], [1, 2, 3]);
        var target = Matrices.FromRows(["g"], ["A", "B", "C"], [1, 2, 3]);
        var split = SampleSplit.Create([new("A", SplitSet.Train), new("B", SplitSet.Test), new("Z", SplitSet.Train)]);

        var data = TranslationData.Create(new DatasetAligner().Align(source, target), split);

        data.UnassignedSamples.Should().Equal("C");
        data.SplitSamplesNotInData.Should().Equal("Z");
        data.Count(SplitSet.Train).Should().Be(1);
    }
}
