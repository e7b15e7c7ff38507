using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Reporting;

/// <summary>Two-dimensional embeddings of real and translated samples: PCA (fitted on the real samples) and exact t-SNE.</summary>
public static class Embeddings
{
    /// <summary>Above this many points t-SNE embeds a seeded random subset.</summary>
    public const int MaxTsnePoints = 2000;

    /// <summary>
    /// Principal components fitted on the real samples (features standardised by the real samples' mean and standard
    /// deviation); the translated samples are projected onto the same components.
    /// </summary>
    /// <param name="real">Real profiles.</param>
    /// <param name="translated">Translated profiles (features matched by id).</param>
    /// <param name="components">How many components.</param>
    /// <returns>Coordinates of the real and the translated samples, [samples, components] row by row.</returns>
    public static (double[] Real, double[] Translated) Pca(OmicsMatrix real, OmicsMatrix translated, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(translated);
        TorchRuntime.EnsureLoaded();
        var features = real.FeatureIds.Where(id => translated.IndexOfFeature(id) >= 0).ToArray();
        using var scope = NewDisposeScope();
        var x = ToTensor(real.SelectFeatures(features));
        var y = ToTensor(translated.SelectFeatures(features));
        var mean = x.mean([0L], keepdim: true);
        using var smallestScale = 1e-8.ToScalar();
        using var smallestEigenvalue = 1e-12.ToScalar();
        var std = x.std(0, keepdim: true).clamp_min(smallestScale);
        var xs = (x - mean) / std;
        var ys = (y - mean) / std;
        int k = Math.Min(components, (int)Math.Min(xs.shape[0], xs.shape[1]));
        var gram = xs.matmul(xs.t());
        var (values, vectors) = linalg.eigh(gram);
        var order = values.argsort(descending: true).narrow(0, 0, k);
        var top = vectors.index_select(1, order);
        var scale = values.index_select(0, order).clamp_min(smallestEigenvalue).sqrt();
        var loadings = xs.t().matmul(top) / scale;
        return (Flatten(xs.matmul(loadings), k, components), Flatten(ys.matmul(loadings), k, components));
    }

    /// <summary>
    /// Exact t-SNE (van der Maaten 2008: perplexity calibration, early exaggeration, momentum and gains) of the rows of
    /// a matrix, seeded. Use it on a few principal components.
    /// </summary>
    /// <param name="points">[count, dimensions] row by row.</param>
    /// <param name="count">Number of points.</param>
    /// <param name="perplexity">The perplexity (clamped below a third of the points).</param>
    /// <param name="iterations">Gradient iterations.</param>
    /// <param name="seed">The seed of the initial layout.</param>
    /// <returns>[count, 2] row by row.</returns>
    public static double[] Tsne(double[] points, int count, double perplexity = 30, int iterations = 750, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        int dims = points.Length / Math.Max(1, count);
        var p = Affinities(points, count, dims, Math.Min(perplexity, Math.Max(2, (count - 1) / 3.0)));
        var random = new Random(seed);
        var y = new double[count * 2];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = 1e-4 * Gaussian(random);
        }

        var update = new double[y.Length];
        var gains = Enumerable.Repeat(1.0, y.Length).ToArray();
        var num = new double[count * count];
        var gradient = new double[y.Length];
        double learningRate = Math.Max(count / 12.0, 50);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            double exaggeration = iteration < 250 ? 12 : 1;
            double momentum = iteration < 250 ? 0.5 : 0.8;
            double sum = 0;
            for (int i = 0; i < count; i++)
            {
                for (int j = i + 1; j < count; j++)
                {
                    double dx = y[2 * i] - y[2 * j];
                    double dy = y[(2 * i) + 1] - y[(2 * j) + 1];
                    double q = 1 / (1 + (dx * dx) + (dy * dy));
                    num[(i * count) + j] = q;
                    num[(j * count) + i] = q;
                    sum += 2 * q;
                }
            }

            Array.Clear(gradient);
            for (int i = 0; i < count; i++)
            {
                for (int j = 0; j < count; j++)
                {
                    if (i == j)
                    {
                        continue;
                    }

                    double q = num[(i * count) + j];
                    double force = ((exaggeration * p[(i * count) + j]) - Math.Max(q / sum, 1e-12)) * q;
                    gradient[2 * i] += 4 * force * (y[2 * i] - y[2 * j]);
                    gradient[(2 * i) + 1] += 4 * force * (y[(2 * i) + 1] - y[(2 * j) + 1]);
                }
            }

            for (int d = 0; d < y.Length; d++)
            {
                gains[d] = Math.Sign(gradient[d]) != Math.Sign(update[d]) ? gains[d] + 0.2 : Math.Max(gains[d] * 0.8, 0.01);
                update[d] = (momentum * update[d]) - (learningRate * gains[d] * gradient[d]);
                y[d] += update[d];
            }
        }

        return y;
    }

    private static double[] Affinities(double[] points, int count, int dims, double perplexity)
    {
        var distances = new double[count * count];
        for (int i = 0; i < count; i++)
        {
            for (int j = i + 1; j < count; j++)
            {
                double d = 0;
                for (int k = 0; k < dims; k++)
                {
                    double diff = points[(i * dims) + k] - points[(j * dims) + k];
                    d += diff * diff;
                }

                distances[(i * count) + j] = d;
                distances[(j * count) + i] = d;
            }
        }

        var conditional = new double[count * count];
        double target = Math.Log(perplexity);
        for (int i = 0; i < count; i++)
        {
            double beta = 1;
            double low = double.NegativeInfinity;
            double high = double.PositiveInfinity;
            for (int step = 0; step < 60; step++)
            {
                double sum = 0;
                double weighted = 0;
                for (int j = 0; j < count; j++)
                {
                    if (j == i)
                    {
                        continue;
                    }

                    double v = Math.Exp(-distances[(i * count) + j] * beta);
                    conditional[(i * count) + j] = v;
                    sum += v;
                    weighted += distances[(i * count) + j] * v;
                }

                sum = Math.Max(sum, 1e-300);
                double entropy = Math.Log(sum) + (beta * weighted / sum);
                for (int j = 0; j < count; j++)
                {
                    conditional[(i * count) + j] /= sum;
                }

                if (Math.Abs(entropy - target) < 1e-5)
                {
                    break;
                }

                if (entropy > target)
                {
                    low = beta;
                    beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
                }
                else
                {
                    high = beta;
                    beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
                }
            }
        }

        var joint = new double[count * count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < count; j++)
            {
                joint[(i * count) + j] = Math.Max((conditional[(i * count) + j] + conditional[(j * count) + i]) / (2.0 * count), 1e-12);
            }
        }

        return joint;
    }

    private static Tensor ToTensor(OmicsMatrix matrix)
    {
        // Missing values take the feature's mean over the samples that have one.
        var values = matrix.Values.ToArray();
        int n = matrix.SampleCount;
        for (int f = 0; f < matrix.FeatureCount; f++)
        {
            var row = values.AsSpan(f * n, n);
            double sum = 0;
            int observed = 0;
            foreach (var v in row)
            {
                if (!float.IsNaN(v))
                {
                    sum += v;
                    observed++;
                }
            }

            float fill = observed > 0 ? (float)(sum / observed) : 0;
            for (int i = 0; i < n; i++)
            {
                if (float.IsNaN(row[i]))
                {
                    row[i] = fill;
                }
            }
        }

        var featureMajor = tensor(values, [matrix.FeatureCount, matrix.SampleCount], ScalarType.Float32);
        return featureMajor.t().contiguous().to(ScalarType.Float64);
    }

    private static double[] Flatten(Tensor coordinates, int k, int components)
    {
        var data = coordinates.contiguous().data<double>().ToArray();
        if (k == components)
        {
            return data;
        }

        long rows = coordinates.shape[0];
        var padded = new double[rows * components];
        for (long r = 0; r < rows; r++)
        {
            Array.Copy(data, r * k, padded, r * components, k);
        }

        return padded;
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
