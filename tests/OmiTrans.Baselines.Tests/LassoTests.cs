
namespace OmiTrans.Baselines.Tests;

[Collection(TrainingCollection.Name)]
public sealed class LassoTests
{
    [Fact]
    public void The_batched_solver_reaches_the_objective_of_a_standard_coordinate_descent_within_1e_4()
    {
        var random = new Random(5);
        int n = 60;
        int p = 40;
        int targets = 4;
        var x = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                x[i, j] = NextGaussian(random);
            }
        }

        var y = new double[n, targets];
        for (int t = 0; t < targets; t++)
        {
            var support = Enumerable.Range(0, p).OrderBy(_ => random.Next()).Take(5).ToArray();
            for (int i = 0; i < n; i++)
            {
                y[i, t] = support.Sum(j => (1 + t) * x[i, j]) + (0.5 * NextGaussian(random));
            }
        }

        Centre(x);
        Centre(y);
        var gram = new float[p * p];
        for (int a = 0; a < p; a++)
        {
            for (int b = 0; b < p; b++)
            {
                gram[(a * p) + b] = (float)(Enumerable.Range(0, n).Sum(i => x[i, a] * x[i, b]) / n);
            }
        }

        var correlations = new float[targets * p];
        var squares = new double[targets];
        for (int t = 0; t < targets; t++)
        {
            for (int j = 0; j < p; j++)
            {
                correlations[(t * p) + j] = (float)(Enumerable.Range(0, n).Sum(i => x[i, j] * y[i, t]) / n);
            }

            squares[t] = Enumerable.Range(0, n).Sum(i => y[i, t] * y[i, t]) / n;
        }

        var solver = new LassoSolver(gram, correlations, squares, p);
        double alphaMax = solver.MaxPenalty();
        foreach (var ratio in new[] { 0.5, 0.1, 0.02 })
        {
            double alpha = alphaMax * ratio;
            solver.Solve(alpha, 1e-6, CancellationToken.None);
            for (int t = 0; t < targets; t++)
            {
                var reference = ReferenceCoordinateDescent(x, y, t, alpha);
                double referenceObjective = Objective(x, y, t, reference, alpha);
                var (features, coefficients) = solver.Coefficients(t);
                var w = new double[p];
                for (int a = 0; a < features.Count; a++)
                {
                    w[features[a]] = coefficients[a];
                }

                double ours = Objective(x, y, t, w, alpha);
                (Math.Abs(ours - referenceObjective) / referenceObjective).Should().BeLessThan(1e-4, $"target {t}, alpha ratio {ratio}");
                solver.Objective(t, alpha).Should().BeApproximately(ours, 1e-4 * ours);
            }
        }
    }

    [Fact]
    public void The_lasso_baseline_finds_sparse_structure_and_beats_the_mean()
    {
        var (source, target) = Matrices.Planted(samples: 200, sourceFeatures: 60, targetFeatures: 10, seed: 6);
        var data = TranslationData.Prepare(source, target, seed: 6);

        using var lasso = new LassoBaseline().Fit(data);
        using var mean = new MeanBaseline().Fit(data);

        lasso.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(mean.TestMetrics!.MeanFeaturewiseR2 + 0.3);
        lasso.FitDetails["meanNonZeroPerTarget"].Should().BeLessThan(30, "each target depends on two of the 60 source features");
    }

    private static double[] ReferenceCoordinateDescent(double[,] x, double[,] y, int t, double alpha)
    {
        int n = x.GetLength(0);
        int p = x.GetLength(1);
        var w = new double[p];
        var residual = Enumerable.Range(0, n).Select(i => y[i, t]).ToArray();
        var norms = Enumerable.Range(0, p).Select(j => Enumerable.Range(0, n).Sum(i => x[i, j] * x[i, j]) / n).ToArray();
        for (int sweep = 0; sweep < 100_000; sweep++)
        {
            double maxChange = 0;
            for (int j = 0; j < p; j++)
            {
                double rho = (Enumerable.Range(0, n).Sum(i => x[i, j] * residual[i]) / n) + (norms[j] * w[j]);
                double updated = Math.Sign(rho) * Math.Max(Math.Abs(rho) - alpha, 0) / norms[j];
                double delta = updated - w[j];
                if (delta != 0)
                {
                    for (int i = 0; i < n; i++)
                    {
                        residual[i] -= x[i, j] * delta;
                    }

                    w[j] = updated;
                }

                maxChange = Math.Max(maxChange, Math.Abs(delta));
            }

            if (maxChange < 1e-13)
            {
                break;
            }
        }

        return w;
    }

    private static double Objective(double[,] x, double[,] y, int t, double[] w, double alpha)
    {
        int n = x.GetLength(0);
        double squares = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i, t];
            for (int j = 0; j < w.Length; j++)
            {
                r -= x[i, j] * w[j];
            }

            squares += r * r;
        }

        return (squares / (2 * n)) + (alpha * w.Sum(Math.Abs));
    }

    private static void Centre(double[,] m)
    {
        for (int j = 0; j < m.GetLength(1); j++)
        {
            double mean = 0;
            for (int i = 0; i < m.GetLength(0); i++)
            {
                mean += m[i, j];
            }

            mean /= m.GetLength(0);
            for (int i = 0; i < m.GetLength(0); i++)
            {
                m[i, j] -= mean;
            }
        }
    }

    private static double NextGaussian(Random random) => Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
