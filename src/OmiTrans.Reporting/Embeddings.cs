using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Reporting;

/// <summary>
/// Two-dimensional embeddings of real and translated samples: PCA (fitted on the real samples) and exact t-SNE. Both
/// stay bounded in memory and time at any cohort size: PCA is fitted on a seeded random subset of at most
/// <see cref="MaxPcaFitSamples"/> real samples and computed a block of features at a time, and t-SNE (quadratic in its
/// points) is given at most <see cref="MaxTsnePoints"/> points by its callers.
/// </summary>
internal static class Embeddings
{
    /// <summary>Above this many points t-SNE embeds a seeded random subset.</summary>
    public const int MaxTsnePoints = 2000;

    /// <summary>PCA is fitted on a seeded random subset of at most this many real samples.</summary>
    public const int MaxPcaFitSamples = 2000;

    /// <summary>An embedding figure draws at most this many real and this many translated samples (a seeded random subset).</summary>
    public const int MaxFigureSamples = 2000;

    private const int FeatureBlock = 2048;
    private const int SampleBlock = 2048;

    /// <summary>
    /// Principal components fitted on the real samples (features standardised by the real samples' mean and standard
    /// deviation; missing values take the feature's mean); the translated samples are projected onto the same
    /// components. With more than <see cref="MaxPcaFitSamples"/> real samples the components are fitted on a seeded
    /// random subset of them; every sample is projected. Memory is bounded by the subset and a block of features.
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
        var x = (Matrix: real, Features: features.Select(real.IndexOfFeature).ToArray());
        var y = (Matrix: translated, Features: features.Select(translated.IndexOfFeature).ToArray());
        var fit = SeededSubset(real.SampleCount, MaxPcaFitSamples, seed: 1);
        int f = features.Length;
        int m = fit.Length;
        int k = Math.Min(components, Math.Min(m, f));
        var mean = new double[f];
        var scale = new double[f];
        using var scope = NewDisposeScope();
        using var smallestEigenvalue = 1e-12.ToScalar();

        // Gram matrix of the standardised fit samples, accumulated one block of features at a time: [m, m].
        var gram = zeros(m, m, ScalarType.Float64);
        for (int start = 0; start < f; start += FeatureBlock)
        {
            using var block = NewDisposeScope();
            int count = Math.Min(FeatureBlock, f - start);
            var fitBlock = FeatureBlockOf(x, start, count, fit);
            Standardize(fitBlock, mean, scale, start, learn: true);
            gram.add_(fitBlock.t().matmul(fitBlock), OneScalar);
        }

        var (values, vectors) = linalg.eigh(gram);
        var order = values.argsort(descending: true).narrow(0, 0, k);
        var top = vectors.index_select(1, order);
        var singular = values.index_select(0, order).clamp_min(smallestEigenvalue).sqrt();

        // Loadings [f, k] = X_fitᵀ U / s, block by block of features.
        var loadings = zeros(f, k, ScalarType.Float64);
        for (int start = 0; start < f; start += FeatureBlock)
        {
            using var block = NewDisposeScope();
            int count = Math.Min(FeatureBlock, f - start);
            var fitBlock = FeatureBlockOf(x, start, count, fit);
            Standardize(fitBlock, mean, scale, start, learn: false);
            loadings.narrow(0, start, count).copy_(fitBlock.matmul(top).div(singular));
        }

        return (Flatten(Project(x, loadings, mean, scale), k, components), Flatten(Project(y, loadings, mean, scale), k, components));
    }

    /// <summary>
    /// A seeded random subset of <c>0..count-1</c> of at most <paramref name="max"/> indices, in increasing order (all
    /// of them when there are no more than <paramref name="max"/>).
    /// </summary>
    /// <param name="count">The number of items.</param>
    /// <param name="max">The largest subset.</param>
    /// <param name="seed">The seed.</param>
    public static int[] SeededSubset(int count, int max, int seed = 1)
    {
        var all = Enumerable.Range(0, count).ToArray();
        if (count <= max)
        {
            return all;
        }

        new Random(seed).Shuffle(all);
        return all.Take(max).Order().ToArray();
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

    private static readonly Scalar OneScalar = 1.0.ToScalar();

    /// <summary>Features [start, start + count) of the given samples of a matrix as a float64 [count, samples] tensor (missing values NaN).</summary>
    private static Tensor FeatureBlockOf((OmicsMatrix Matrix, int[] Features) source, int start, int count, IReadOnlyList<int> samples)
    {
        var values = new float[(long)count * samples.Count];
        for (int i = 0; i < count; i++)
        {
            var row = source.Matrix.GetFeatureValues(source.Features[start + i]);
            for (int j = 0; j < samples.Count; j++)
            {
                values[((long)i * samples.Count) + j] = row[samples[j]];
            }
        }

        return tensor(values, [count, samples.Count], ScalarType.Float32).to(ScalarType.Float64);
    }

    /// <summary>
    /// Standardises a [features, samples] block in place: missing values take the feature's mean, then each feature is
    /// centred and scaled. With <paramref name="learn"/> the means and scales are computed from the block and stored.
    /// </summary>
    private static void Standardize(Tensor block, double[] mean, double[] scale, int start, bool learn)
    {
        int count = (int)block.shape[0];
        if (learn)
        {
            var observed = isnan(block).logical_not();
            var counts = observed.sum(1, type: ScalarType.Float64);
            var sums = where(observed, block, zeros_like(block)).sum(1);
            var means = sums.div(counts.clamp_min(OneScalar));
            var filled = where(observed, block, means.unsqueeze(1).expand_as(block));
            var std = filled.std(1);
            var meanValues = means.data<double>().ToArray();
            var stdValues = std.contiguous().data<double>().ToArray();
            for (int i = 0; i < count; i++)
            {
                mean[start + i] = meanValues[i];
                scale[start + i] = double.IsFinite(stdValues[i]) && stdValues[i] > 1e-8 ? stdValues[i] : 1e-8;
            }
        }

        var meanTensor = tensor(mean.AsSpan(start, count).ToArray(), [count, 1], ScalarType.Float64);
        var scaleTensor = tensor(scale.AsSpan(start, count).ToArray(), [count, 1], ScalarType.Float64);
        var missing = isnan(block);
        block.copy_(where(missing, meanTensor.expand_as(block), block).sub_(meanTensor).div_(scaleTensor));
    }

    /// <summary>Projects every sample of a matrix onto the loadings, a block of samples and features at a time: [samples, k].</summary>
    private static Tensor Project((OmicsMatrix Matrix, int[] Features) matrix, Tensor loadings, double[] mean, double[] scale)
    {
        int n = matrix.Matrix.SampleCount;
        int f = matrix.Features.Length;
        var coordinates = zeros(n, loadings.shape[1], ScalarType.Float64);
        for (int sampleStart = 0; sampleStart < n; sampleStart += SampleBlock)
        {
            int samples = Math.Min(SampleBlock, n - sampleStart);
            for (int start = 0; start < f; start += FeatureBlock)
            {
                using var block = NewDisposeScope();
                int count = Math.Min(FeatureBlock, f - start);
                var standardized = FeatureBlockOf(matrix, start, count, Enumerable.Range(sampleStart, samples).ToArray());
                Standardize(standardized, mean, scale, start, learn: false);
                coordinates.narrow(0, sampleStart, samples).add_(standardized.t().matmul(loadings.narrow(0, start, count)), OneScalar);
            }
        }

        return coordinates;
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
