namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Labels for the classification check (compare --labels) that cannot be used are refused before the first method is
/// fitted: exit code 2, one line with the counts, nothing written.
/// </summary>
public sealed class LabelTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Theory]
    [InlineData("no-match", "match none of the", "label file ids e.g. PATIENT-0")]
    [InlineData("one-class", "at least two classes", "of 1 class(es) (typeA)")]
    [InlineData("training-only", "None of the", "test samples has a label of a class seen in training")]
    public void Unusable_labels_are_refused_before_any_method_is_fitted(string variant, params string[] fragments)
    {
        var ids = OmicsFile.Read(cohort.Source).SampleIds;
        var split = Dir.File("split.tsv");
        File.WriteAllLines(split, ids.Select((id, i) => $"{id}\t{(i < 40 ? "train" : i < 50 ? "validation" : "test")}"));
        var labels = Dir.File("labels.tsv");
        File.WriteAllLines(labels, ["sample\ttype", .. variant switch
        {
            "no-match" => Enumerable.Range(0, 20).Select(i => $"PATIENT-{i}\t{(i % 2 == 0 ? "typeA" : "typeB")}"),
            "one-class" => ids.Select(id => $"{id}\ttypeA"),
            _ => ids.Take(40).Select((id, i) => $"{id}\t{(i % 2 == 0 ? "typeA" : "typeB")}"),
        }]);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = Tool.Run("compare", "--source", cohort.Source, "--target", cohort.Target, "--split", split, "--labels", labels, "--methods", "mean,ridge,tdimpute", "--out", Dir.File("cmp"));

        run.ShouldFail(2, fragments);
        run.Error.Should().NotContain("fitting", "no method was fitted");
        Directory.Exists(Dir.File("cmp")).Should().BeFalse();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public void A_label_file_naming_a_sample_twice_is_refused_at_that_line()
    {
        var labels = Dir.File("labels.tsv");
        File.WriteAllLines(labels, ["sample\ttype", "S1\ta", "S2\tb", "S1\tb"]);

        Tool.Run("compare", "--source", cohort.Source, "--target", cohort.Target, "--labels", labels, "--methods", "mean", "--out", Dir.File("cmp")).ShouldFail(2, labels, "sample 'S1' is listed twice (also on line 2)");
    }

    [Fact]
    public void A_folder_given_as_the_labels_is_named_as_a_folder()
    {
        Tool.Run("compare", "--source", cohort.Source, "--target", cohort.Target, "--labels", cohort.Data, "--methods", "mean", "--out", Dir.File("cmp")).ShouldFail(2, "--labels", cohort.Data, "is a directory");
    }
}
