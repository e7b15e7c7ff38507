using System.Globalization;

namespace OmiTrans.Synthetic;

/// <summary>
/// Generates a TCGA-like paired data set with known structure: DNA methylation beta values (bimodal CpGs driven by
/// tumour type and latent factors) and gene expression (log2(FPKM + 1)-like) driven non-linearly by the CpGs nearest
/// to each gene on its chromosome plus the tumour type, some genes pure noise. Also returns the noise-free
/// expression, so the best achievable score is known, the tumour-type labels and both location tables.
/// </summary>
/// <remarks>
/// Like real files, the tables have a few missing values (NA), a few features with many missing values, features in
/// shuffled order, and a few samples present in only one omics. The same options always give the same data.
/// </remarks>
public static class SyntheticOmics
{
    private static readonly string[] TypeNames = ["BRCA", "LUAD", "KIRC", "THCA", "PRAD", "COAD", "LGG", "SKCM", "HNSC", "UCEC", "LIHC", "STAD", "BLCA", "OV", "GBM", "PAAD"];

    private static readonly double[] ChromosomeMegabases =
    [
        248.96, 242.19, 198.30, 190.21, 181.54, 170.81, 159.35, 145.14, 138.39, 133.80, 135.09, 133.28,
        114.36, 107.04, 101.99, 90.34, 83.26, 80.37, 58.62, 64.44, 46.71, 50.82, 156.04, 57.23,
    ];

    /// <summary>Generates a data set.</summary>
    /// <param name="options">Sizes, seed and structure; null for the defaults (1000 samples, 5000 CpGs, 2000 genes).</param>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    public static SyntheticOmicsDataset Generate(SyntheticOmicsOptions? options = null)
    {
        options ??= new SyntheticOmicsOptions();
        OptionsValidationException.ThrowIfAny(nameof(SyntheticOmicsOptions), options.Validate());

        ulong seed = (ulong)(uint)options.Seed;
        var random = new DeterministicRandom(seed, 1);
        int extra = options.UnpairedSampleFraction > 0 ? Math.Max(1, (int)Math.Round(options.Samples * options.UnpairedSampleFraction)) : 0;
        int total = options.Samples + (2 * extra);
        int types = options.TumourTypes;
        int latent = options.LatentFactors;

        // Samples: tumour type and latent factors.
        var sampleIds = Enumerable.Range(1, total).Select(i => $"TCGA-SY-{i:D4}-01").ToArray();
        random.Shuffle(sampleIds);
        var sampleType = new int[total];
        var z = new double[total * Math.Max(1, latent)];
        for (int i = 0; i < total; i++)
        {
            sampleType[i] = random.NextInt(types);
            for (int l = 0; l < latent; l++)
            {
                z[(i * latent) + l] = random.NextGaussian();
            }
        }

        var cpgs = Place(options.SourceFeatures, "cg", 8, ref random);
        var genes = Place(options.TargetFeatures, "ENSG", 11, ref random);

        // Methylation: logit(beta) = base + type effect + loadings . z + noise, base bimodal.
        var beta = new float[(long)options.SourceFeatures * total];
        Parallel.For(0, options.SourceFeatures, j =>
        {
            var r = new DeterministicRandom(seed, 1000 + (ulong)j);
            double baseline = r.NextDouble() < 0.5 ? r.Uniform(1.5, 3.5) : r.Uniform(-3.5, -1.5);
            var typeEffect = new double[types];
            for (int k = 0; k < types; k++)
            {
                typeEffect[k] = r.NextDouble() < 0.35 ? 2.0 * r.NextGaussian() : 0;
            }

            var loading = new double[latent];
            for (int l = 0; l < latent; l++)
            {
                loading[l] = 0.5 * r.NextGaussian();
            }

            double noise = r.Uniform(0.2, 0.6);
            long row = (long)j * total;
            for (int i = 0; i < total; i++)
            {
                double logit = baseline + typeEffect[sampleType[i]] + (noise * r.NextGaussian());
                for (int l = 0; l < latent; l++)
                {
                    logit += loading[l] * z[(i * latent) + l];
                }

                beta[row + i] = (float)(1.0 / (1.0 + Math.Exp(-logit)));
            }
        });

        // Expression: driven by the nearest CpGs on the gene's chromosome (tanh of a weighted sum, plus an
        // interaction of two CpG groups) and by the tumour type; noise genes are constant plus noise.
        var neighbours = NearestCpgs(genes, cpgs, options.CpgsPerGene);
        var clean = new float[(long)options.TargetFeatures * total];
        var observed = new float[clean.Length];
        Parallel.For(0, options.TargetFeatures, g =>
        {
            var r = new DeterministicRandom(seed, 5_000_000 + (ulong)g);
            double mean = r.Uniform(2, 12);
            double noise = options.NoiseScale * r.Uniform(0.35, 0.8);
            bool noiseGene = r.NextDouble() < options.NoiseGeneFraction || neighbours[g].Length == 0;
            double amplitude = r.Uniform(0.8, 2.5);
            double interaction = 0.6 * r.NextGaussian();
            var typeEffect = new double[types];
            for (int k = 0; k < types; k++)
            {
                typeEffect[k] = r.NextDouble() < 0.4 ? 0.6 * r.NextGaussian() : 0;
            }

            var cpgRows = neighbours[g];
            var weights = new double[cpgRows.Length];
            for (int c = 0; c < weights.Length; c++)
            {
                weights[c] = r.NextGaussian() * 4.0 / Math.Sqrt(weights.Length);
            }

            int half = Math.Max(1, cpgRows.Length / 2);
            long row = (long)g * total;
            for (int i = 0; i < total; i++)
            {
                double value = mean;
                if (!noiseGene)
                {
                    double d1 = 0;
                    double d2 = 0;
                    for (int c = 0; c < cpgRows.Length; c++)
                    {
                        double centred = (beta[((long)cpgRows[c] * total) + i] - 0.5) * weights[c];
                        if (c < half)
                        {
                            d1 += centred;
                        }
                        else
                        {
                            d2 += centred;
                        }
                    }

                    value += (amplitude * Math.Tanh(1.5 * (d1 + d2) / 2)) + (interaction * Math.Tanh(d1) * Math.Tanh(d2)) + typeEffect[sampleType[i]];
                }

                clean[row + i] = (float)value;
                observed[row + i] = (float)Math.Max(0, value + (noise * r.NextGaussian()));
            }
        });

        AddMissing(beta, options.SourceFeatures, total, options, seed, 11);
        AddMissing(observed, options.TargetFeatures, total, options, seed, 12);

        // Sample membership: shared first, then source-only and target-only extras.
        var sharedIndices = Enumerable.Range(0, options.Samples).ToArray();
        var sourceIndices = sharedIndices.Concat(Enumerable.Range(options.Samples, extra)).ToArray();
        var targetIndices = sharedIndices.Concat(Enumerable.Range(options.Samples + extra, extra)).ToArray();

        var cpgOrder = Enumerable.Range(0, options.SourceFeatures).ToArray();
        var geneOrder = Enumerable.Range(0, options.TargetFeatures).ToArray();
        random.Shuffle(cpgOrder);
        random.Shuffle(geneOrder);

        var source = Build(beta, total, cpgs.Ids, cpgOrder, sampleIds, sourceIndices, "synthetic methylation");
        var target = Build(observed, total, genes.Ids, geneOrder, sampleIds, targetIndices, "synthetic expression");
        var noiseless = Build(clean, total, genes.Ids, geneOrder, sampleIds, sharedIndices, "synthetic expression (noise-free)");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < total; i++)
        {
            labels[sampleIds[i]] = types <= TypeNames.Length ? TypeNames[sampleType[i]] : $"type{sampleType[i] + 1}";
        }

        return new SyntheticOmicsDataset(source, target, noiseless, cpgs.Locations("synthetic CpG locations"), genes.Locations("synthetic gene locations"), labels);
    }

    private static Placement Place(int count, string prefix, int digits, ref DeterministicRandom random)
    {
        double totalLength = ChromosomeMegabases.Sum();
        var chromosome = new int[count];
        var position = new long[count];
        var ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble() * totalLength;
            int c = 0;
            while (c < ChromosomeMegabases.Length - 1 && u >= ChromosomeMegabases[c])
            {
                u -= ChromosomeMegabases[c];
                c++;
            }

            chromosome[i] = c;
            position[i] = (long)(random.NextDouble() * ChromosomeMegabases[c] * 1e6);
            ids[i] = prefix + (i + 1).ToString("D" + digits, CultureInfo.InvariantCulture);
        }

        return new Placement(ids, chromosome, position);
    }

    private static int[][] NearestCpgs(Placement genes, Placement cpgs, int perGene)
    {
        var byChromosome = Enumerable.Range(0, cpgs.Ids.Length)
            .GroupBy(j => cpgs.Chromosome[j])
            .ToDictionary(g => g.Key, g => g.OrderBy(j => cpgs.Position[j]).ToArray());
        var positions = byChromosome.ToDictionary(kv => kv.Key, kv => kv.Value.Select(j => cpgs.Position[j]).ToArray());
        var result = new int[genes.Ids.Length][];
        for (int g = 0; g < result.Length; g++)
        {
            if (!byChromosome.TryGetValue(genes.Chromosome[g], out var sites))
            {
                result[g] = [];
                continue;
            }

            long at = genes.Position[g];
            int lo = Array.BinarySearch(positions[genes.Chromosome[g]], at);
            if (lo < 0)
            {
                lo = ~lo;
            }

            // Expand a window around the insertion point, picking the closer side each time.
            int left = lo - 1;
            int right = lo;
            var picked = new List<int>(perGene);
            while (picked.Count < perGene && (left >= 0 || right < sites.Length))
            {
                long dl = left >= 0 ? at - cpgs.Position[sites[left]] : long.MaxValue;
                long dr = right < sites.Length ? cpgs.Position[sites[right]] - at : long.MaxValue;
                if (dl <= dr)
                {
                    picked.Add(sites[left--]);
                }
                else
                {
                    picked.Add(sites[right++]);
                }
            }

            result[g] = picked.ToArray();
        }

        return result;
    }

    private static void AddMissing(float[] values, int features, int samples, SyntheticOmicsOptions options, ulong seed, ulong stream)
    {
        var random = new DeterministicRandom(seed, stream);
        for (int f = 0; f < features; f++)
        {
            bool sparse = random.NextDouble() < options.SparseFeatureFraction;
            double p = sparse ? 0.2 : options.MissingFraction;
            if (p <= 0)
            {
                continue;
            }

            long row = (long)f * samples;
            for (int i = 0; i < samples; i++)
            {
                if (random.NextDouble() < p)
                {
                    values[row + i] = float.NaN;
                }
            }
        }
    }

    private static OmicsMatrix Build(float[] values, int total, string[] ids, int[] featureOrder, string[] sampleIds, int[] sampleIndices, string origin)
    {
        int n = sampleIndices.Length;
        var result = new float[(long)featureOrder.Length * n];
        Parallel.For(0, featureOrder.Length, f =>
        {
            long from = (long)featureOrder[f] * total;
            long to = (long)f * n;
            for (int i = 0; i < n; i++)
            {
                result[to + i] = values[from + sampleIndices[i]];
            }
        });
        return OmicsMatrix.CreateTrusted(
            featureOrder.Select(f => ids[f]).ToArray(), sampleIndices.Select(i => sampleIds[i]).ToArray(), result, origin);
    }

    private sealed record Placement(string[] Ids, int[] Chromosome, long[] Position)
    {
        public LocationTable Locations(string origin) => LocationTable.Create(
            Ids.Select((id, i) => (id, "chr" + Chromosomes.Ordered[Chromosome[i]], Position[i])), origin);
    }
}
