
namespace OmiTrans.Core.Tests.Evaluation;

public sealed class MetricsTests
{
    [Fact]
    public void The_nine_metrics_match_hand_computed_values()
    {
        // Actual (features x samples) and predicted. f3 is constant: no featurewise R².
        var samples = new[] { "s1", "s2", "s3" };
        var actual = Matrices.FromRows(["f1", "f2", "f3"], samples, [1, 2, 3], [2, 4, 9], [5, 5, 5]);
        var predicted = Matrices.FromRows(["f1", "f2", "f3"], samples, [1, 3, 2], [2, 4, 6], [5, 6, 5]);

        var (result, coverage) = TranslationEvaluator.Evaluate(predicted, actual);
        var m = result.Metrics;

        // Errors: f1 (0, 1, -1), f2 (0, 0, -3), f3 (0, 1, 0): squares 0,1,1,0,0,9,0,1,0 = 12 over 9; |e| sum 6.
        m.Mse.Should().BeApproximately(12.0 / 9, 1e-12);
        m.Rmse.Should().BeApproximately(Math.Sqrt(12.0 / 9), 1e-12);
        m.Mae.Should().BeApproximately(6.0 / 9, 1e-12);
        m.MedianAe.Should().Be(0);

        // Featurewise: f1 SStot 2, SSres 2 -> 0; f2 mean 5, SStot 9+1+16 = 26, SSres 9 -> 17/26.
        result.Features[0].R2.Should().BeApproximately(0, 1e-12);
        result.Features[1].R2.Should().BeApproximately(17.0 / 26, 1e-12);
        double.IsNaN(result.Features[2].R2).Should().BeTrue();
        m.MeanFeaturewiseR2.Should().BeApproximately(17.0 / 52, 1e-12);
        m.MedianFeaturewiseR2.Should().BeApproximately(17.0 / 52, 1e-12);
        m.FeaturesR2Above03.Should().Be(1);
        m.PercentFeaturesR2Above03.Should().BeApproximately(50, 1e-12);
        m.ConstantFeatureCount.Should().Be(1);

        // Samplewise: s1 (1,2,5) perfect -> 1; s2 (2,4,5) mean 11/3, SStot 14/3, SSres 1+0+1 = 2 -> 1 - 6/14;
        // s3 (3,9,5) mean 17/3, SStot 56/3, SSres 1+9+0 = 10 -> 1 - 30/56.
        result.Samples[0].R2.Should().BeApproximately(1, 1e-12);
        result.Samples[1].R2.Should().BeApproximately(1 - (6.0 / 14), 1e-12);
        result.Samples[2].R2.Should().BeApproximately(1 - (30.0 / 56), 1e-12);
        m.MeanSamplewiseR2.Should().BeApproximately((1 + (1 - (6.0 / 14)) + (1 - (30.0 / 56))) / 3, 1e-12);
        m.SampleCount.Should().Be(3);
        m.FeatureCount.Should().Be(3);
        coverage.SharedSamples.Should().Be(3);
    }

    [Fact]
    public void Missing_actual_values_are_left_out_and_median_of_even_count_averages()
    {
        var samples = new[] { "s1", "s2", "s3" };
        var actual = Matrices.FromRows(["f1", "f2"], samples, [1, 2, float.NaN], [0, 0, 4]);
        var predicted = Matrices.FromRows(["f1", "f2"], samples, [2, 2, 100], [1, 0, 1]);

        var (result, _) = TranslationEvaluator.Evaluate(predicted, actual);

        // Observed errors: 1, 0 (f1) and 1, 0, 3 (f2): five values.
        result.Metrics.MissingValueCount.Should().Be(1);
        result.Metrics.Mse.Should().BeApproximately(11.0 / 5, 1e-12);
        result.Metrics.Mae.Should().BeApproximately(5.0 / 5, 1e-12);
        result.Metrics.MedianAe.Should().Be(1);
        result.Features[0].Observed.Should().Be(2);

        var even = Matrices.FromRows(["f"], ["a", "b", "c", "d"], [0, 0, 0, 0]);
        var evenPrediction = Matrices.FromRows(["f"], ["a", "b", "c", "d"], [1, 2, 3, 4]);
        TranslationEvaluator.Evaluate(evenPrediction, even).Result.Metrics.MedianAe.Should().Be(2.5);
        var tiedPrediction = Matrices.FromRows(["f"], ["a", "b", "c", "d"], [5, 2, -2, 1]);
        TranslationEvaluator.Evaluate(tiedPrediction, even).Result.Metrics.MedianAe.Should().Be(2, "both middle ranks hold 2");
        var sixPrediction = Matrices.FromRows(["f"], ["a", "b", "c", "d", "e", "g"], [7, 1, 3, 3, 9, 2]);
        var six = Matrices.FromRows(["f"], ["a", "b", "c", "d", "e", "g"], [0, 0, 0, 0, 0, 0]);
        TranslationEvaluator.Evaluate(sixPrediction, six).Result.Metrics.MedianAe.Should().Be(3, "the middle ranks are 3 and 3");
    }

    [Fact]
    public void Evaluation_matches_by_id_and_reports_what_it_skipped()
    {
        var actual = Matrices.FromRows(["f1", "f2"], ["a", "b"], [1, 2], [3, 4]);
        var predicted = Matrices.FromRows(["f2", "fx"], ["b", "a", "z"], [4, 3, 0], [0, 0, 0]);

        var (result, coverage) = TranslationEvaluator.Evaluate(predicted, actual);

        result.Metrics.Mse.Should().Be(0);
        coverage.SharedFeatures.Should().Be(1);
        coverage.PredictedOnlyFeatures.Should().Equal("fx");
        coverage.ActualOnlyFeatures.Should().Equal("f1");
        coverage.PredictedOnlySamples.Should().Equal("z");
    }

    [Fact]
    public void Metrics_json_uses_the_documented_keys()
    {
        var actual = Matrices.FromRows(["f1", "f2"], ["a", "b", "c"], [1, 2, 3], [3, 4, 4]);
        var (result, _) = TranslationEvaluator.Evaluate(actual, actual);
        using var dir = new TempDirectory();

        result.WriteMetricsJson(dir.File("metrics.json"));

        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json"))).RootElement;
        foreach (var key in new[] { "mse", "rmse", "mae", "medianAe", "meanSamplewiseR2", "meanFeaturewiseR2", "medianFeaturewiseR2", "featuresR2Above03", "percentFeaturesR2Above03" })
        {
            json.TryGetProperty(key, out _).Should().BeTrue(key);
        }

        json.GetProperty("meanFeaturewiseR2").GetDouble().Should().Be(1);
    }
}
