namespace OmiTrans.Networks.Modules;

/// <summary>
/// For each target feature, the indices of its nearest source features on the same chromosome (by start position),
/// and a mask that is 0 where fewer than the requested number exist (or the target has no location).
/// </summary>
internal sealed record Neighbourhoods(long[] Indices, float[] Mask, int TargetCount, int Count)
{
    public static Neighbourhoods Placeholder(int targetCount, int count) =>
        new(new long[(long)targetCount * count], new float[(long)targetCount * count], targetCount, count);

    public static Neighbourhoods Nearest(IReadOnlyList<GenomicLocation?> sources, IReadOnlyList<GenomicLocation?> targets, int count)
    {
        var byChromosome = Enumerable.Range(0, sources.Count)
            .Where(i => sources[i] is not null)
            .GroupBy(i => Key(sources[i]!.Value))
            .ToDictionary(g => g.Key, g => g.OrderBy(i => sources[i]!.Value.Start).ThenBy(i => i).ToArray(), StringComparer.Ordinal);
        var indices = new long[(long)targets.Count * count];
        var mask = new float[indices.Length];
        for (int t = 0; t < targets.Count; t++)
        {
            if (targets[t] is not { } location || !byChromosome.TryGetValue(Key(location), out var onChromosome))
            {
                continue;
            }

            // Two pointers outwards from the insertion point pick the nearest by distance, ties to the left.
            int right = LowerBound(onChromosome, sources, location.Start);
            int left = right - 1;
            for (int k = 0; k < count && (left >= 0 || right < onChromosome.Length); k++)
            {
                bool takeLeft = right >= onChromosome.Length
                    || (left >= 0 && location.Start - sources[onChromosome[left]]!.Value.Start <= sources[onChromosome[right]]!.Value.Start - location.Start);
                indices[((long)t * count) + k] = takeLeft ? onChromosome[left--] : onChromosome[right++];
                mask[((long)t * count) + k] = 1;
            }
        }

        return new Neighbourhoods(indices, mask, targets.Count, count);
    }

    private static string Key(GenomicLocation location) => location.ChromosomeRank is { } rank ? $"#{rank}" : location.Chromosome;

    private static int LowerBound(int[] sorted, IReadOnlyList<GenomicLocation?> sources, long start)
    {
        int low = 0;
        int high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (sources[sorted[middle]]!.Value.Start < start)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
