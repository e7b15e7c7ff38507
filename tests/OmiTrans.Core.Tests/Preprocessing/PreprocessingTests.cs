
namespace OmiTrans.Core.Tests.Preprocessing;

public sealed class PreprocessingTests
{
    [Fact]
    public void Drops_features_missing_in_too_many_training_samples_and_imputes_the_training_mean()
    {
        float nan = float.NaN;
        var source = Matrices.FromRows(["s1", "s2", "s3"], Matrices.Ids("S", 10),
            [1, 2, 3, 4, 5, 6, 7, 8, 9, nan],          // 10 % missing: kept
            [1, 2, 3, 4, 5, 6, 7, 8, nan, nan],        // 20 % missing: dropped
            [nan, nan, nan, nan, nan, nan, nan, nan, nan, nan]);
        var target = Matrices.FromRows(["t1", "t2"], Matrices.Ids("S", 10),
            [0, 10, 0, 10, 0, 10, 0, 10, 0, nan],
            [5, 5, 5, 5, 5, 5, 5, 5, 5, 5]);

        var (pre, report) = FittedPreprocessor.Fit(source, target, new PreprocessingOptions());

        pre.State.SourceFeatures.Should().Equal("s1");
        pre.State.SourceFill[0].Should().Be(5f);
        report.SourceDroppedForMissing.Should().Equal("s2", "s3");
        report.SourceFeaturesKept.Should().Be(1);
        report.SourceValuesImputed.Should().Be(1);
        report.TargetDroppedForMissing.Should().BeEmpty();
        report.TargetValuesImputed.Should().Be(1);
        report.ConstantTargetFeatures.Should().Equal("t2");
        report.RemovedFeaturesTable().Should().Be("omics\tfeature\treason\nsource\ts2\tmissing\nsource\ts3\tmissing\n");

        var scaled = pre.SourceToSampleMajor(source.SelectFeatures(["s1"]));
        scaled[9].Should().Be(5f);
        var target01 = pre.TargetToSampleMajor(target);
        target01.Where((_, i) => i % 2 == 0).Take(9).Should().Equal(0f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f);
        target01[18].Should().BeApproximately(40f / 9 / 10, 1e-6f, "the missing value is imputed with the training mean 40/9");
        target01.Where((_, i) => i % 2 == 1).Should().OnlyContain(v => v == 0f);
    }

    [Fact]
    public void Scaling_comes_from_training_samples_only_and_inverts_exactly()
    {
        var samples = Matrices.Ids("S", 6);
        var source = Matrices.FromRows(["s1"], samples, [0, 1, 2, 3, 4, 5]);
        var target = Matrices.FromRows(["t1"], samples, [2, 4, 6, 8, 10, 1000]);
        var pair = new DatasetAligner().Align(source, target);
        var split = SampleSplit.Create(samples.Select((id, i) => new KeyValuePair<string, SplitSet>(id, i < 5 ? SplitSet.Train : SplitSet.Test)));
        var data = TranslationData.Create(pair, split);
        var (trainSource, trainTarget) = data.Get(SplitSet.Train);

        var (pre, _) = FittedPreprocessor.Fit(trainSource, trainTarget, new PreprocessingOptions { SourceScaling = SourceScaling.Standardize });

        pre.State.TargetMin[0].Should().Be(2f);
        pre.State.TargetRange[0].Should().Be(8f, "the test sample's extreme value 1000 must not change the scaling");
        pre.State.SourceOffset[0].Should().Be(2f);
        pre.State.SourceScale[0].Should().BeApproximately((float)(1 / Math.Sqrt(2)), 1e-6f);
        var back = pre.TargetFromSampleMajor([0f, 0.5f, 1f, 125f], ["a", "b", "c", "d"], "test");
        back.Values.ToArray().Should().Equal(2f, 6f, 10f, 1002f);
    }

    [Fact]
    public void Variance_filter_and_exclusion_list_are_applied_and_reported()
    {
        var samples = Matrices.Ids("S", 4);
        var source = Matrices.FromRows(["flat", "low", "high", "excluded"], samples, [1, 1, 1, 1], [0, 0.1f, 0, 0.1f], [0, 1, 0, 1], [0, 5, 0, 5]);
        var target = Matrices.FromRows(["t"], samples, [1, 2, 3, 4]);

        var (pre, report) = FittedPreprocessor.Fit(source, target, new PreprocessingOptions { MinSourceVariance = 0.05, ExcludedSourceFeatures = ["excluded"] });

        pre.State.SourceFeatures.Should().Equal("high");
        report.SourceExcluded.Should().Equal("excluded");
        report.SourceDroppedForVariance.Should().Equal("flat", "low");

        var (top, topReport) = FittedPreprocessor.Fit(source, target, new PreprocessingOptions { TopVarianceSourceFeatures = 2 });
        top.State.SourceFeatures.Should().Equal("high", "excluded");
        topReport.SourceDroppedForVariance.Should().Equal("flat", "low");
    }
}
