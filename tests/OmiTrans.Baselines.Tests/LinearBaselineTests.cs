using MathNet.Numerics.LinearAlgebra;
using static TorchSharp.torch;

namespace OmiTrans.Baselines.Tests;

[Collection(TrainingCollection.Name)]
public sealed class LinearBaselineTests
{
    private static (OmicsMatrix Source, OmicsMatrix Target) Linear(int samples, int sourceFeatures, int targetFeatures, int seed, double noise)
    {
        var random = new Random(seed);
        var ids = Matrices.Ids("S", samples);
        var x = new float[sourceFeatures, samples];
        for (int f = 0; f < sourceFeatures; f++)
        {
            for (int s = 0; s < samples; s++)
            {
                x[f, s] = (float)random.NextDouble();
            }
        }

        var y = new float[targetFeatures, samples];
        for (int g = 0; g < targetFeatures; g++)
        {
            var w = Enumerable.Range(0, sourceFeatures).Select(_ => random.NextDouble() - 0.5).ToArray();
            double b = 3 * random.NextDouble();
            for (int s = 0; s < samples; s++)
            {
                double v = b + (noise * ((2 * random.NextDouble()) - 1));
                for (int f = 0; f < sourceFeatures; f++)
                {
                    v += w[f] * x[f, s];
                }

                y[g, s] = (float)v;
            }
        }

        return (OmicsMatrix.Create(Matrices.Ids("cg", sourceFeatures), ids, x), OmicsMatrix.Create(Matrices.Ids("g", targetFeatures), ids, y));
    }

    [Fact]
    public void Linear_regression_recovers_an_exactly_linear_map()
    {
        var (source, target) = Linear(200, 20, 5, seed: 1, noise: 0);
        var data = TranslationData.Prepare(source, target, seed: 1);

        using var model = new LinearRegressionBaseline().Fit(data);

        model.TestMetrics!.Mse.Should().BeLessThan(1e-6);
        model.TestMetrics.MeanFeaturewiseR2.Should().BeGreaterThan(0.99999);
        model.Method.Should().Be("linear");
    }

    [Theory]
    [InlineData(30, 50)]
    [InlineData(80, 10)]
    public void The_ridge_path_matches_the_closed_form_in_both_regimes(int samples, int features)
    {
        TorchRuntime.EnsureLoaded();
        var random = new Random(samples);
        var xs = Enumerable.Range(0, samples * features).Select(_ => (float)random.NextDouble()).ToArray();
        var ys = Enumerable.Range(0, samples * 3).Select(_ => (float)random.NextDouble()).ToArray();
        using var x = tensor(xs, [samples, features]);
        using var y = tensor(ys, [samples, 3]);
        using var path = new RidgePath(x, y);
        double penalty = 0.7;

        // The map as the baselines write it (blocks of two targets, so a block boundary is crossed), and predictions.
        using var weight = zeros([3, features], ScalarType.Float64);
        using var bias = zeros([3], ScalarType.Float64);
        path.SolveInto(weight, bias, penalty, targetBlock: 2);
        using var predicted = path.Predict(x, penalty);

        var X = Matrix<double>.Build.Dense(samples, features, (i, j) => xs[(i * features) + j]);
        var Y = Matrix<double>.Build.Dense(samples, 3, (i, j) => ys[(i * 3) + j]);
        var xMean = X.ColumnSums() / samples;
        var yMean = Y.ColumnSums() / samples;
        var Xc = X - Matrix<double>.Build.Dense(samples, features, (_, j) => xMean[j]);
        var Yc = Y - Matrix<double>.Build.Dense(samples, 3, (_, j) => yMean[j]);
        var W = (Xc.TransposeThisAndMultiply(Xc) + (penalty * Matrix<double>.Build.DenseIdentity(features))).Solve(Xc.TransposeThisAndMultiply(Yc));
        var b = yMean - (W.TransposeThisAndMultiply(xMean));
        var w = weight.data<double>().ToArray();
        for (int t = 0; t < 3; t++)
        {
            for (int f = 0; f < features; f++)
            {
                w[(t * features) + f].Should().BeApproximately(W[f, t], 1e-8);
            }

            bias.data<double>()[t].Should().BeApproximately(b[t], 1e-8);
        }

        var expected = (X * W) + Matrix<double>.Build.Dense(samples, 3, (_, t) => b[t]);
        var p = predicted.data<double>().ToArray();
        for (int i = 0; i < samples; i++)
        {
            for (int t = 0; t < 3; t++)
            {
                p[(i * 3) + t].Should().BeApproximately(expected[i, t], 1e-8);
            }
        }
    }

    [Fact]
    public void Ridge_chooses_its_penalty_on_validation_and_beats_plain_least_squares_on_noisy_wide_data()
    {
        var (source, target) = Linear(120, 200, 10, seed: 2, noise: 2);
        var data = TranslationData.Prepare(source, target, seed: 2);

        using var ridge = new RidgeBaseline().Fit(data);
        using var linear = new LinearRegressionBaseline().Fit(data);

        ridge.TestMetrics!.Mse.Should().BeLessThan(linear.TestMetrics!.Mse);
        ridge.FitDetails["relativePenalty"].Should().BeGreaterThan(1e-3);
        ridge.FitDetails.Keys.Count(k => k.StartsWith("validationR2f@", StringComparison.Ordinal)).Should().Be(12);
    }

    [Fact]
    public void Ridge_without_validation_samples_explains_itself()
    {
        var (source, target) = Linear(40, 5, 2, seed: 3, noise: 0.1);
        var pair = new DatasetAligner().Align(source, target);
        var split = SampleSplit.Create(source.SampleIds.Select((id, i) => new KeyValuePair<string, SplitSet>(id, i < 30 ? SplitSet.Train : SplitSet.Test)));

        var act = () => new RidgeBaseline().Fit(TranslationData.Create(pair, split));

        act.Should().Throw<OmicsSchemaException>().WithMessage("ridge chooses its penalty on the validation samples, but the split has none*");
    }
}
