
namespace OmiTrans.Core.Tests.Evaluation;

/// <summary>
/// Missing predicted values are counted and left out pairwise (both values present) in every metric; they never make a
/// feature constant or perfect. References are computed by hand in float64.
/// </summary>
public sealed class MissingPredictionTests
{
    [Fact]
    public void Every_metric_uses_the_pairs_where_both_values_are_present()
    {
        var samples = new[] { "s1", "s2", "s3", "s4" };
        // Actual f1 (1, 2, 3, 4), f2 (2, NA, 6, 9); predicted f1 (1, NA, 2, 5), f2 (3, 4, NA, 8).
        var actual = Matrices.FromRows(["f1", "f2"], samples, [1, 2, 3, 4], [2, float.NaN, 6, 9]);
        var predicted = Matrices.FromRows(["f1", "f2"], samples, [1, float.NaN, 2, 5], [3, 4, float.NaN, 8]);

        var (result, coverage) = TranslationEvaluator.Evaluate(predicted, actual);
        var m = result.Metrics;

        // Complete pairs: f1 at s1, s3, s4 (errors 0, -1, 1); f2 at s1, s4 (errors 1, -1). Five pairs.
        m.ComparedValueCount.Should().Be(5);
        m.MissingPredictionCount.Should().Be(2);
        m.MissingValueCount.Should().Be(1);
        coverage.MissingPredictionCount.Should().Be(2);
        coverage.MissingActualCount.Should().Be(1);
        m.Mse.Should().BeApproximately(4.0 / 5, 1e-12);
        m.Rmse.Should().BeApproximately(Math.Sqrt(4.0 / 5), 1e-12);
        m.Mae.Should().BeApproximately(4.0 / 5, 1e-12);
        m.MedianAe.Should().Be(1);

        // f1 over s1, s3, s4: actual 1, 3, 4, mean 8/3, SStot (25 + 1 + 16)/9 = 42/9, SSres 0 + 1 + 1 = 2 -> 1 - 18/42.
        result.Features[0].R2.Should().BeApproximately(1 - (18.0 / 42), 1e-12);
        result.Features[0].Observed.Should().Be(3);
        result.Features[0].MissingPredictions.Should().Be(1);
        result.Features[0].ActualMean.Should().BeApproximately(8.0 / 3, 1e-12);
        // f2 over s1, s4: actual 2, 9, mean 5.5, SStot 24.5, SSres 1 + 1 = 2 -> 1 - 2/24.5.
        result.Features[1].R2.Should().BeApproximately(1 - (2 / 24.5), 1e-12);
        m.MeanFeaturewiseR2.Should().BeApproximately(((1 - (18.0 / 42)) + (1 - (2 / 24.5))) / 2, 1e-12);
        m.ConstantFeatureCount.Should().Be(0);
        m.UnpredictedFeatureCount.Should().Be(0);

        // Samplewise: s1 (1, 2) vs (1, 3): mean 1.5, SStot 0.5, SSres 1 -> -1. s2 has no complete pair, s3 one (no R²).
        // s4 (4, 9) vs (5, 8): mean 6.5, SStot 12.5, SSres 2 -> 1 - 2/12.5.
        result.Samples[0].R2.Should().BeApproximately(-1, 1e-12);
        double.IsNaN(result.Samples[1].R2).Should().BeTrue();
        double.IsNaN(result.Samples[2].R2).Should().BeTrue();
        result.Samples[3].R2.Should().BeApproximately(1 - (2 / 12.5), 1e-12);
        result.Samples[1].MissingPredictions.Should().Be(1);
        m.MeanSamplewiseR2.Should().BeApproximately((-1 + (1 - (2 / 12.5))) / 2, 1e-12);
        // s2's actual profile observes one value (constant); s3's actual profile (3, 6) varies, but only one pair remains.
        m.ConstantSampleCount.Should().Be(1);
        m.UnpredictedSampleCount.Should().Be(1);
    }

    [Fact]
    public void Garbage_features_with_one_missing_prediction_each_keep_their_garbage_score()
    {
        var random = new Random(1);
        var samples = Matrices.Ids("s", 30);
        var features = Matrices.Ids("g", 10);
        var actualRows = features.Select(_ => samples.Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        var predictedRows = features.Select((_, f) => samples.Select((_, s) => s == 4 ? float.NaN : (float)(random.NextDouble() * 100)).ToArray()).ToArray();
        var actual = Matrices.FromRows(features, samples, actualRows);
        var predicted = Matrices.FromRows(features, samples, predictedRows);

        var metrics = TranslationEvaluator.Evaluate(predicted, actual).Result.Metrics;

        double reference = 0;
        for (int f = 0; f < features.Length; f++)
        {
            var pairs = Enumerable.Range(0, samples.Length).Where(s => s != 4).Select(s => ((double)actualRows[f][s], (double)predictedRows[f][s])).ToList();
            double mean = pairs.Average(p => p.Item1);
            reference += 1 - (pairs.Sum(p => (p.Item1 - p.Item2) * (p.Item1 - p.Item2)) / pairs.Sum(p => (p.Item1 - mean) * (p.Item1 - mean)));
        }

        metrics.MeanFeaturewiseR2.Should().BeApproximately(reference / features.Length, Math.Abs(reference) * 1e-12);
        metrics.MeanFeaturewiseR2.Should().BeLessThan(-100);
        metrics.ConstantFeatureCount.Should().Be(0);
        double.IsNaN(metrics.Mse).Should().BeFalse();
        metrics.MissingPredictionCount.Should().Be(10);
    }

    [Fact]
    public void A_feature_without_any_prediction_is_counted_as_unpredicted_and_left_out_of_the_r2_statistics()
    {
        var samples = new[] { "a", "b", "c" };
        var actual = Matrices.FromRows(["good", "lost", "flat"], samples, [1, 2, 3], [5, 1, 9], [4, 4, 4]);
        var predicted = Matrices.FromRows(["good", "lost", "flat"], samples, [1, 2, 3], [float.NaN, float.NaN, float.NaN], [4, 4, 4]);

        var metrics = TranslationEvaluator.Evaluate(predicted, actual).Result.Metrics;

        metrics.UnpredictedFeatureCount.Should().Be(1);
        metrics.ConstantFeatureCount.Should().Be(1, "only 'flat' is constant");
        metrics.MeanFeaturewiseR2.Should().Be(1, "the one scored feature is perfect, and the count says one was not scored");
        metrics.FeatureCount.Should().Be(3);
        var lost = TranslationEvaluator.Evaluate(predicted, actual).Result.Features[1];
        double.IsNaN(lost.Mse).Should().BeTrue("a feature without predictions has no error, not an error of 0");
        double.IsNaN(lost.Mae).Should().BeTrue();
        lost.MissingPredictions.Should().Be(3);
    }

    [Fact]
    public void The_new_counts_are_in_metrics_json_and_the_tables()
    {
        var actual = Matrices.FromRows(["f1"], ["a", "b", "c"], [1, 2, 3]);
        var predicted = Matrices.FromRows(["f1"], ["a", "b", "c"], [1, float.NaN, 3]);
        var (result, _) = TranslationEvaluator.Evaluate(predicted, actual);
        using var dir = new TempDirectory();

        result.WriteTo(dir.Path);

        var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("metrics.json"))).RootElement;
        json.GetProperty("missingPredictionCount").GetInt64().Should().Be(1);
        json.GetProperty("comparedValueCount").GetInt64().Should().Be(2);
        json.GetProperty("unpredictedFeatureCount").GetInt32().Should().Be(0);
        File.ReadAllLines(dir.File("features.tsv")).Should().Equal("feature\tr2\tpearsonR\tmse\tmae\tactualMean\tactualVariance\tobserved\tmissingPredictions", "f1\t1\t1\t0\t0\t2\t1\t2\t1");
        File.ReadAllLines(dir.File("samples.tsv"))[2].Should().Be("b\tNA\tNA\tNA\t0\t1");
    }
}
