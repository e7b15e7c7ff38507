using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// evaluate never turns a bad prediction into a good score: missing predictions are counted and left out pairwise, ids
/// that do not match are named, and figures (bounded at any cohort size) never stop the metrics from being written.
/// </summary>
public sealed class EvaluateRobustnessTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Fact]
    public void Garbage_features_with_one_missing_prediction_each_score_as_garbage_not_as_perfect()
    {
        var actual = OmicsFile.Read(cohort.Target);
        var features = actual.FeatureIds.Take(10).ToArray();
        var random = new Random(5);
        var predicted = new float[features.Length * actual.SampleCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = (float)(random.NextDouble() * 100);
        }

        for (int f = 0; f < features.Length; f++)
        {
            predicted[(f * actual.SampleCount) + 3] = float.NaN;
        }

        var prediction = OmicsMatrix.FromFeatureRows(features, actual.SampleIds.ToArray(), predicted);
        var path = Dir.File("garbage.tsv");
        OmicsFile.Write(prediction, path);

        var run = Tool.Run("evaluate", "--predicted", path, "--actual", cohort.Target, "--out", Dir.File("eval"));

        run.ShouldSucceed();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("the prediction has 10 missing values");
        using var json = JsonDocument.Parse(File.ReadAllText(Dir.File("eval/metrics.json")));
        var metrics = json.RootElement;
        var (meanR2, mse) = Reference(OmicsFile.Read(path), actual.SelectFeatures(features));
        metrics.GetProperty("meanFeaturewiseR2").GetDouble().Should().BeApproximately(meanR2, Math.Abs(meanR2) * 1e-9);
        metrics.GetProperty("mse").GetDouble().Should().BeApproximately(mse, mse * 1e-9);
        meanR2.Should().BeLessThan(-10, "random values in 0..100 against log expression are far worse than the mean");
        metrics.GetProperty("missingPredictionCount").GetInt64().Should().Be(10);
        metrics.GetProperty("constantFeatureCount").GetInt32().Should().Be(0);
        File.ReadAllLines(Dir.File("eval/features.tsv"))[0].Should().EndWith("\tmissingPredictions");
        File.ReadAllLines(Dir.File("eval/features.tsv")).Skip(1).Should().OnlyContain(l => l.EndsWith("\t1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_feature_without_any_prediction_is_counted_as_unpredicted_not_as_constant()
    {
        var actual = OmicsFile.Read(cohort.Target);
        var values = actual.Values.ToArray();
        Array.Fill(values, float.NaN, 0, actual.SampleCount);
        var path = Dir.File("predicted.tsv");
        OmicsFile.Write(OmicsMatrix.FromFeatureRows(actual.FeatureIds, actual.SampleIds, values), path);

        var run = Tool.Run("evaluate", "--predicted", path, "--actual", cohort.Target, "--out", "-");

        run.ShouldSucceed();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("1 features and 0 samples have no R² because of them");
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("unpredictedFeatureCount").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("constantFeatureCount").GetInt32().Should().Be(0);
    }

    [Fact]
    public void Missing_actual_values_are_left_out_without_a_warning_about_the_prediction()
    {
        var run = Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", cohort.Target, "--out", "-");

        run.ShouldSucceed();
        run.Warnings().Should().BeEmpty();
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("missingPredictionCount").GetInt64().Should().Be(0);
        json.RootElement.GetProperty("comparedValueCount").GetInt64().Should().Be(
            (json.RootElement.GetProperty("sampleCount").GetInt64() * json.RootElement.GetProperty("featureCount").GetInt64()) - json.RootElement.GetProperty("missingValueCount").GetInt64());
    }

    [Fact]
    public void A_prediction_that_shares_no_feature_with_the_actual_table_is_refused()
    {
        Tool.Run("evaluate", "--predicted", cohort.Source, "--actual", cohort.Target, "--out", Dir.File("eval")).ShouldFail(2, "share no feature id");

        Directory.Exists(Dir.File("eval")).Should().BeFalse();
    }

    [Fact]
    public void Actual_ids_turned_into_dates_by_a_spreadsheet_are_named_in_a_warning()
    {
        var text = File.ReadAllLines(cohort.Target);
        for (int i = 1; i <= 5; i++)
        {
            text[i] = $"{i}-Mar" + text[i][text[i].IndexOf('\t', StringComparison.Ordinal)..];
        }

        var actual = Dir.File("actual.tsv");
        File.WriteAllLines(actual, text);

        var run = Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", actual, "--out", "-");

        run.ShouldSucceed();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("only 45 features are in both tables").And.Contain("5 ids look like dates (1-Mar, 2-Mar, 3-Mar, ...)");
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("featureCount").GetInt32().Should().Be(45);
    }

    [Fact]
    public void A_figure_that_cannot_be_written_is_a_warning_and_the_metrics_are_written()
    {
        var folder = Dir.File("eval");
        Directory.CreateDirectory(Path.Combine(folder, "embedding_pca.png"));

        var run = Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", cohort.Target, "--out", folder);

        run.ShouldSucceed();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("embedding_pca.png was not drawn").And.Contain("is a directory");
        File.Exists(Path.Combine(folder, "metrics.json")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "features.tsv")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "report.md")).Should().BeTrue();
        File.Exists(Path.Combine(folder, "featurewise_r2.png")).Should().BeTrue();
    }

    [Fact]
    public void A_hundred_thousand_sample_evaluation_draws_its_figures_in_bounded_time_and_memory()
    {
        // Two features x 100,000 samples: the PCA figure used to build a samples x samples Gram matrix (80 GB) and abort.
        const int samples = 100_000;
        var random = new Random(3);
        var actual = new StringBuilder("feature");
        var predicted = new StringBuilder("feature");
        for (int s = 0; s < samples; s++)
        {
            actual.Append(CultureInfo.InvariantCulture, $"\ts{s}");
            predicted.Append(CultureInfo.InvariantCulture, $"\ts{s}");
        }

        foreach (var feature in new[] { "g1", "g2" })
        {
            actual.Append('\n').Append(feature);
            predicted.Append('\n').Append(feature);
            for (int s = 0; s < samples; s++)
            {
                double y = random.NextDouble();
                actual.Append('\t').Append(y.ToString("F4", CultureInfo.InvariantCulture));
                predicted.Append('\t').Append((y + (0.1 * random.NextDouble())).ToString("F4", CultureInfo.InvariantCulture));
            }
        }

        File.WriteAllText(Dir.File("actual.tsv"), actual.Append('\n').ToString());
        File.WriteAllText(Dir.File("predicted.tsv"), predicted.Append('\n').ToString());
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = Tool.Run("evaluate", "--predicted", Dir.File("predicted.tsv"), "--actual", Dir.File("actual.tsv"), "--out", Dir.File("eval"));

        run.ShouldSucceed();
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(90));
        run.Warnings().Should().BeEmpty();
        File.Exists(Dir.File("eval/metrics.json")).Should().BeTrue();
        File.Exists(Dir.File("eval/embedding_pca.png")).Should().BeTrue();
        using var json = JsonDocument.Parse(File.ReadAllText(Dir.File("eval/metrics.json")));
        json.RootElement.GetProperty("sampleCount").GetInt32().Should().Be(samples);
    }

    /// <summary>Mean featurewise R² and MSE over the pairs with both values, in float64, written out by hand.</summary>
    private static (double MeanR2, double Mse) Reference(OmicsMatrix predicted, OmicsMatrix actual)
    {
        double r2Sum = 0;
        double squared = 0;
        long pairs = 0;
        for (int f = 0; f < actual.FeatureCount; f++)
        {
            int p = predicted.IndexOfFeature(actual.FeatureIds[f]);
            var ys = new List<double>();
            var ps = new List<double>();
            for (int s = 0; s < actual.SampleCount; s++)
            {
                double y = actual[f, s];
                double yhat = predicted[p, predicted.IndexOfSample(actual.SampleIds[s])];
                if (!double.IsNaN(y) && !double.IsNaN(yhat))
                {
                    ys.Add(y);
                    ps.Add(yhat);
                }
            }

            double mean = ys.Average();
            double total = ys.Sum(y => (y - mean) * (y - mean));
            double residual = ys.Zip(ps).Sum(pair => (pair.First - pair.Second) * (pair.First - pair.Second));
            r2Sum += 1 - (residual / total);
            squared += residual;
            pairs += ys.Count;
        }

        return (r2Sum / actual.FeatureCount, squared / pairs);
    }
}
