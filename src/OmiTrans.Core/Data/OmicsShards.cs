namespace OmiTrans.Data;

/// <summary>
/// Splitting a cohort into shards of samples and joining translated shards back, for pipelines that translate a large
/// cohort in parallel (samples/SnakemakeWorkflow): <see cref="Split"/> then <see cref="Concatenate"/> gives back the
/// cohort exactly, samples in their original order.
/// </summary>
public static class OmicsShards
{
    /// <summary>The cohort's samples in <paramref name="shards"/> consecutive, nearly equal parts (all features in each).</summary>
    /// <param name="matrix">The cohort.</param>
    /// <param name="shards">How many parts: at least 1, at most the number of samples.</param>
    /// <exception cref="ArgumentOutOfRangeException">The number of shards is below 1 or above the number of samples.</exception>
    public static IReadOnlyList<OmicsMatrix> Split(OmicsMatrix matrix, int shards)
    {
        Guard.NotNull(matrix);
        if (shards < 1 || shards > matrix.SampleCount)
        {
            throw new ArgumentOutOfRangeException(nameof(shards), shards, $"The number of shards must be between 1 and the {matrix.SampleCount} samples.");
        }

        var parts = new List<OmicsMatrix>(shards);
        int start = 0;
        for (int shard = 0; shard < shards; shard++)
        {
            int count = (matrix.SampleCount / shards) + (shard < matrix.SampleCount % shards ? 1 : 0);
            parts.Add(matrix.SelectSamples(Enumerable.Range(start, count).ToList()));
            start += count;
        }

        return parts;
    }

    /// <summary>
    /// The samples of every part side by side, in the order given. Every part must have the same features in the same
    /// order, and no sample may appear twice.
    /// </summary>
    /// <param name="parts">The parts, for example translated shards.</param>
    /// <param name="origins">What each part is called in messages (for example its file name); null for "part 1", "part 2", ...</param>
    /// <exception cref="OmicsSchemaException">A part's features differ from the first part's, or a sample id repeats.</exception>
    public static OmicsMatrix Concatenate(IReadOnlyList<OmicsMatrix> parts, IReadOnlyList<string>? origins = null)
    {
        Guard.NotNull(parts);
        if (parts.Count == 0)
        {
            throw new ArgumentException("At least one part is needed.", nameof(parts));
        }

        string Name(int i) => origins is not null && i < origins.Count ? origins[i] : $"part {i + 1}";
        var first = parts[0];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int p = 0; p < parts.Count; p++)
        {
            var part = Guard.NotNull(parts[p]);
            if (!part.FeatureIds.SequenceEqual(first.FeatureIds, StringComparer.Ordinal))
            {
                int at = Enumerable.Range(0, Math.Min(part.FeatureCount, first.FeatureCount)).FirstOrDefault(i => part.FeatureIds[i] != first.FeatureIds[i], Math.Min(part.FeatureCount, first.FeatureCount));
                throw new OmicsSchemaException(
                    $"{Name(p)} has {part.FeatureCount} features and {Name(0)} {first.FeatureCount}; they differ first at position {at + 1} "
                    + $"('{(at < part.FeatureCount ? part.FeatureIds[at] : "(none)")}' vs '{(at < first.FeatureCount ? first.FeatureIds[at] : "(none)")}'). Shards to join must have the same features in the same order.");
            }

            foreach (var sample in part.SampleIds)
            {
                if (!seen.TryAdd(sample, p))
                {
                    throw new OmicsSchemaException($"The sample '{sample}' is in both {Name(seen[sample])} and {Name(p)}; each sample may appear in one shard only.");
                }
            }
        }

        int samples = parts.Sum(p => p.SampleCount);
        int features = first.FeatureCount;
        var values = new float[(long)features * samples];
        int offset = 0;
        foreach (var part in parts)
        {
            var span = part.Values.Span;
            for (int f = 0; f < features; f++)
            {
                span.Slice(f * part.SampleCount, part.SampleCount).CopyTo(values.AsSpan((int)((long)f * samples) + offset, part.SampleCount));
            }

            offset += part.SampleCount;
        }

        return OmicsMatrix.FromFeatureRows(first.FeatureIds.ToArray(), parts.SelectMany(p => p.SampleIds).ToArray(), values, "joined shards");
    }
}
