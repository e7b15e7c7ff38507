namespace OmiTrans.Preprocessing;

/// <summary>
/// Quantile normalisation of source profiles to the training cohort's reference distribution (TDimpute's remedy for
/// platform and batch shift): each sample's values, ranked across the model's features, are replaced by the reference
/// value of the same rank, the reference being the mean over training samples of their sorted (imputed) profiles.
/// Tied values share the mean of their ranks' reference values.
/// </summary>
internal static class QuantileNormalizer
{
    /// <summary>The reference distribution: mean sorted profile of the training samples over the kept features.</summary>
    public static float[] Reference(OmicsMatrix trainSource, IReadOnlyList<int> keptFeatures, IReadOnlyList<float> fill)
    {
        int features = keptFeatures.Count;
        int samples = trainSource.SampleCount;
        var sum = new double[features];
        var profile = new float[features];
        for (int s = 0; s < samples; s++)
        {
            for (int k = 0; k < features; k++)
            {
                float v = trainSource[keptFeatures[k], s];
                profile[k] = float.IsNaN(v) ? fill[k] : v;
            }

            Array.Sort(profile);
            for (int k = 0; k < features; k++)
            {
                sum[k] += profile[k];
            }
        }

        return sum.Select(v => (float)(v / Math.Max(samples, 1))).ToArray();
    }

    /// <summary>
    /// Normalises a matrix that holds exactly the model's source features in order (missing values are first filled
    /// with the training means).
    /// </summary>
    public static OmicsMatrix Apply(OmicsMatrix source, float[] reference, float[] fill)
    {
        int features = source.FeatureCount;
        int samples = source.SampleCount;
        if (reference.Length != features)
        {
            throw new InvalidOperationException($"Internal error: the quantile reference has {reference.Length} values for {features} features.");
        }

        var values = new float[(long)features * samples];
        Parallel.For(0, samples, () => (Values: new float[features], Order: new int[features]), (s, _, buffers) =>
        {
            var (profile, order) = buffers;
            for (int f = 0; f < features; f++)
            {
                float v = source[f, s];
                profile[f] = float.IsNaN(v) ? fill[f] : v;
                order[f] = f;
            }

            Array.Sort(profile, order);
            int start = 0;
            while (start < features)
            {
                int end = start + 1;
                while (end < features && profile[end] == profile[start])
                {
                    end++;
                }

                double mean = 0;
                for (int r = start; r < end; r++)
                {
                    mean += reference[r];
                }

                float normalised = (float)(mean / (end - start));
                for (int r = start; r < end; r++)
                {
                    values[((long)order[r] * samples) + s] = normalised;
                }

                start = end;
            }

            return buffers;
        }, _ => { });
        return OmicsMatrix.CreateTrusted(source.FeatureIds.ToArray(), source.SampleIds.ToArray(), values, source.Origin + " (quantile-normalised)");
    }
}
