namespace OmiTrans.Preprocessing;

/// <summary>The fitted preprocessing parameters that are saved with a model.</summary>
internal sealed record PreprocessingState
{
    public required string[] SourceFeatures { get; init; }

    public required float[] SourceFill { get; init; }

    /// <summary>Scaled source = (value - SourceOffset) * SourceScale.</summary>
    public required float[] SourceOffset { get; init; }

    public required float[] SourceScale { get; init; }

    public required string[] TargetFeatures { get; init; }

    public required float[] TargetFill { get; init; }

    public required float[] TargetMin { get; init; }

    /// <summary>Training maximum minus minimum; zero for a constant feature.</summary>
    public required float[] TargetRange { get; init; }

    /// <summary>The training cohort's mean sorted source profile, for quantile normalisation of new cohorts (absent in older files).</summary>
    public float[]? SourceQuantileReference { get; init; }

    /// <summary>The value transform applied to source data before everything else (the fitted statistics are of transformed values).</summary>
    public ValueTransform SourceTransform { get; init; }

    /// <summary>The value transform of the target data the model learned: its predictions are in these units.</summary>
    public ValueTransform TargetTransform { get; init; }
}

/// <summary>Per-feature statistics of the observed (non-missing) values.</summary>
internal readonly record struct FeatureStatistics(int Observed, double Mean, double Variance, float Min, float Max)
{
    public static FeatureStatistics Of(ReadOnlySpan<float> values)
    {
        int n = 0;
        double sum = 0;
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        foreach (var v in values)
        {
            if (float.IsNaN(v))
            {
                continue;
            }

            n++;
            sum += v;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        if (n == 0)
        {
            return new FeatureStatistics(0, double.NaN, double.NaN, float.NaN, float.NaN);
        }

        double mean = sum / n;
        double squares = 0;
        foreach (var v in values)
        {
            if (!float.IsNaN(v))
            {
                double d = v - mean;
                squares += d * d;
            }
        }

        return new FeatureStatistics(n, mean, squares / n, min, max);
    }
}

/// <summary>
/// Preprocessing fitted on training samples: feature selection, mean imputation, source scaling and target
/// min-max scaling to [0, 1], with its inverse for predictions.
/// </summary>
internal sealed class FittedPreprocessor
{
    public FittedPreprocessor(PreprocessingState state)
    {
        State = state;
    }

    public PreprocessingState State { get; }

    public int SourceFeatureCount => State.SourceFeatures.Length;

    public int TargetFeatureCount => State.TargetFeatures.Length;

    /// <summary>Source data in the units the model was fitted in (the recorded source transform applied).</summary>
    public OmicsMatrix TransformSource(OmicsMatrix source) => OmicsTransforms.Apply(source, State.SourceTransform);

    /// <summary>Target data in the units the model predicts (the recorded target transform applied).</summary>
    public OmicsMatrix TransformTarget(OmicsMatrix target) => OmicsTransforms.Apply(target, State.TargetTransform);

    public static (FittedPreprocessor Preprocessor, PreprocessingReport Report) Fit(
        OmicsMatrix trainSource, OmicsMatrix trainTarget, PreprocessingOptions options)
    {
        int samples = trainSource.SampleCount;
        var excluded = new HashSet<string>(options.ExcludedSourceFeatures, StringComparer.Ordinal);
        var sourceStats = Statistics(trainSource);
        var targetStats = Statistics(trainTarget);
        int maxMissing = (int)Math.Floor(options.MaxMissingFraction * samples + 1e-9);

        var sourceExcluded = new List<string>();
        var sourceMissing = new List<string>();
        var candidates = new List<int>();
        for (int f = 0; f < trainSource.FeatureCount; f++)
        {
            var id = trainSource.FeatureIds[f];
            if (excluded.Contains(id))
            {
                sourceExcluded.Add(id);
            }
            else if (sourceStats[f].Observed == 0 || samples - sourceStats[f].Observed > maxMissing)
            {
                sourceMissing.Add(id);
            }
            else
            {
                candidates.Add(f);
            }
        }

        var kept = SelectByVariance(candidates, sourceStats, options, out var droppedForVariance);
        var sourceDroppedForVariance = droppedForVariance.Select(f => trainSource.FeatureIds[f]).ToList();

        var targetMissing = new List<string>();
        var targetKept = new List<int>();
        for (int f = 0; f < trainTarget.FeatureCount; f++)
        {
            if (targetStats[f].Observed == 0 || samples - targetStats[f].Observed > maxMissing)
            {
                targetMissing.Add(trainTarget.FeatureIds[f]);
            }
            else
            {
                targetKept.Add(f);
            }
        }

        var state = new PreprocessingState
        {
            SourceFeatures = kept.Select(f => trainSource.FeatureIds[f]).ToArray(),
            SourceFill = kept.Select(f => (float)sourceStats[f].Mean).ToArray(),
            SourceOffset = kept.Select(f => SourceOffset(sourceStats[f], options.SourceScaling)).ToArray(),
            SourceScale = kept.Select(f => SourceScale(sourceStats[f], options.SourceScaling)).ToArray(),
            TargetFeatures = targetKept.Select(f => trainTarget.FeatureIds[f]).ToArray(),
            TargetFill = targetKept.Select(f => (float)targetStats[f].Mean).ToArray(),
            TargetMin = targetKept.Select(f => targetStats[f].Min).ToArray(),
            TargetRange = targetKept.Select(f => targetStats[f].Max - targetStats[f].Min).ToArray(),
            SourceQuantileReference = QuantileNormalizer.Reference(trainSource, kept, kept.Select(f => (float)sourceStats[f].Mean).ToList()),
        };

        var report = new PreprocessingReport
        {
            TrainingSampleCount = samples,
            SourceFeaturesIn = trainSource.FeatureCount,
            SourceExcluded = sourceExcluded,
            SourceDroppedForMissing = sourceMissing,
            SourceDroppedForVariance = sourceDroppedForVariance,
            SourceFeaturesKept = kept.Count,
            SourceValuesImputed = kept.Sum(f => (long)(samples - sourceStats[f].Observed)),
            TargetFeaturesIn = trainTarget.FeatureCount,
            TargetDroppedForMissing = targetMissing,
            TargetFeaturesKept = targetKept.Count,
            TargetValuesImputed = targetKept.Sum(f => (long)(samples - targetStats[f].Observed)),
            ConstantTargetFeatures = targetKept.Where(f => targetStats[f].Max == targetStats[f].Min).Select(f => trainTarget.FeatureIds[f]).ToList(),
        };
        return (new FittedPreprocessor(state), report);
    }

    /// <summary>Source values, sample by sample ([samples, features]), imputed and scaled. The matrix must hold exactly the fitted source features in order.</summary>
    public float[] SourceToSampleMajor(OmicsMatrix source)
    {
        EnsureFeatures(source, State.SourceFeatures, "source");
        var s = State;
        return ToSampleMajor(source, (f, v) => (float.IsNaN(v) ? s.SourceFill[f] - s.SourceOffset[f] : v - s.SourceOffset[f]) * s.SourceScale[f]);
    }

    /// <summary>Target values, sample by sample, imputed and scaled to [0, 1] on the training range.</summary>
    public float[] TargetToSampleMajor(OmicsMatrix target)
    {
        EnsureFeatures(target, State.TargetFeatures, "target");
        var s = State;
        return ToSampleMajor(target, (f, v) =>
        {
            float value = float.IsNaN(v) ? s.TargetFill[f] : v;
            return s.TargetRange[f] > 0 ? (value - s.TargetMin[f]) / s.TargetRange[f] : 0f;
        });
    }

    /// <summary>Maps scaled predictions ([samples, features], sample by sample) back to target units.</summary>
    public OmicsMatrix TargetFromSampleMajor(ReadOnlySpan<float> scaled, IReadOnlyList<string> sampleIds, string origin)
    {
        int n = sampleIds.Count;
        int features = TargetFeatureCount;
        var values = new float[(long)n * features];
        var s = State;
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < features; f++)
            {
                values[((long)f * n) + i] = (scaled[(i * features) + f] * s.TargetRange[f]) + s.TargetMin[f];
            }
        }

        return OmicsMatrix.CreateTrusted(s.TargetFeatures, sampleIds.ToArray(), values, origin);
    }

    private static float[] ToSampleMajor(OmicsMatrix matrix, Func<int, float, float> transform)
    {
        int n = matrix.SampleCount;
        int features = matrix.FeatureCount;
        var result = new float[(long)n * features];
        var values = matrix.RawValues;
        Parallel.For(0, features, f =>
        {
            long row = (long)f * n;
            for (int i = 0; i < n; i++)
            {
                result[((long)i * features) + f] = transform(f, values[row + i]);
            }
        });
        return result;
    }

    private static void EnsureFeatures(OmicsMatrix matrix, string[] expected, string role)
    {
        if (matrix.FeatureCount != expected.Length || !matrix.FeatureIds.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new InvalidOperationException($"Internal error: the {role} features are not in the fitted order.");
        }
    }

    private static FeatureStatistics[] Statistics(OmicsMatrix matrix)
    {
        var stats = new FeatureStatistics[matrix.FeatureCount];
        Parallel.For(0, matrix.FeatureCount, f => stats[f] = FeatureStatistics.Of(matrix.GetFeatureValues(f)));
        return stats;
    }

    private static List<int> SelectByVariance(List<int> candidates, FeatureStatistics[] stats, PreprocessingOptions options, out List<int> dropped)
    {
        dropped = [];
        var kept = candidates;
        if (options.MinSourceVariance is { } threshold)
        {
            dropped.AddRange(kept.Where(f => stats[f].Variance < threshold));
            kept = kept.Where(f => stats[f].Variance >= threshold).ToList();
        }

        if (options.TopVarianceSourceFeatures is { } k && kept.Count > k)
        {
            var top = new HashSet<int>(kept.OrderByDescending(f => stats[f].Variance).ThenBy(f => f).Take(k));
            dropped.AddRange(kept.Where(f => !top.Contains(f)));
            kept = kept.Where(top.Contains).ToList();
        }

        return kept;
    }

    private static float SourceOffset(FeatureStatistics stats, SourceScaling scaling) => scaling switch
    {
        OmiTrans.Preprocessing.SourceScaling.Standardize => (float)stats.Mean,
        OmiTrans.Preprocessing.SourceScaling.MinMax => stats.Min,
        _ => 0f,
    };

    private static float SourceScale(FeatureStatistics stats, SourceScaling scaling) => scaling switch
    {
        OmiTrans.Preprocessing.SourceScaling.Standardize => stats.Variance > 0 ? (float)(1 / Math.Sqrt(stats.Variance)) : 1f,
        OmiTrans.Preprocessing.SourceScaling.MinMax => stats.Max > stats.Min ? 1f / (stats.Max - stats.Min) : 1f,
        _ => 1f,
    };
}
