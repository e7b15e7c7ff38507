
namespace OmiTrans.Alignment;

/// <summary>
/// Pairs two omics by sample id (keeping the samples present in both, in the source's order) and, when location
/// tables are given, orders each omics' features by chromosome 1 to 22, X, Y, then position. Features without a
/// usable location are kept at the end and counted. Every dropped sample is listed in the <see cref="AlignmentReport"/>.
/// </summary>
public sealed class DatasetAligner
{
    /// <summary>Creates an aligner.</summary>
    /// <param name="options">Options; null for exact sample matching and no location ordering.</param>
    public DatasetAligner(DatasetAlignerOptions? options = null)
    {
        Options = options ?? new DatasetAlignerOptions();
    }

    /// <summary>The options this aligner uses.</summary>
    public DatasetAlignerOptions Options { get; }

    /// <summary>Pairs and orders two omics.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <returns>The aligned pair and its report.</returns>
    /// <exception cref="OmicsSchemaException">The two omics share no sample, or a location table matches none of its omics' features.</exception>
    public AlignedOmicsPair Align(OmicsMatrix source, OmicsMatrix target)
    {
        Guard.NotNull(source);
        Guard.NotNull(target);
        var sourceKeys = SampleKeys.Build(source, Options.SampleMatching);
        var targetKeys = SampleKeys.Build(target, Options.SampleMatching);

        var sourceIndices = new List<int>();
        var targetIndices = new List<int>();
        var sharedIds = new List<string>();
        var onlyInSource = new List<string>();
        foreach (var (key, index) in sourceKeys.Unique.OrderBy(kv => kv.Value))
        {
            if (targetKeys.Unique.TryGetValue(key, out var t))
            {
                sourceIndices.Add(index);
                targetIndices.Add(t);
                sharedIds.Add(key);
            }
            else if (!targetKeys.AmbiguousKeys.Contains(key))
            {
                onlyInSource.Add(source.SampleIds[index]);
            }
        }

        var sharedKeys = new HashSet<string>(sharedIds, StringComparer.Ordinal);
        var onlyInTarget = targetKeys.Unique
            .Where(kv => !sharedKeys.Contains(kv.Key) && !sourceKeys.AmbiguousKeys.Contains(kv.Key))
            .OrderBy(kv => kv.Value)
            .Select(kv => target.SampleIds[kv.Value])
            .ToList();
        var ambiguous = sourceKeys.AmbiguousSamples.Concat(targetKeys.AmbiguousSamples)
            .Concat(sourceKeys.Unique.Where(kv => targetKeys.AmbiguousKeys.Contains(kv.Key)).Select(kv => source.SampleIds[kv.Value]))
            .Concat(targetKeys.Unique.Where(kv => sourceKeys.AmbiguousKeys.Contains(kv.Key)).Select(kv => target.SampleIds[kv.Value]))
            .ToList();
        int nearMisses = CountNearMisses(onlyInSource, onlyInTarget);

        if (sharedIds.Count == 0)
        {
            var hint = nearMisses > 0
                ? $" {nearMisses} would match if case and surrounding spaces were ignored; ids are compared exactly."
                : string.Empty;
            throw new OmicsSchemaException(
                $"Source ({source.Origin}) and target ({target.Origin}) share 0 sample ids under {Options.SampleMatching} matching "
                + $"(source e.g. {Preview.Of(source.SampleIds, 3)}; target e.g. {Preview.Of(target.SampleIds, 3)}).{hint}");
        }

        var alignedSource = Rename(source.SelectSamples(sourceIndices), sharedIds);
        var alignedTarget = Rename(target.SelectSamples(targetIndices), sharedIds);

        FeatureOrderingReport? sourceOrdering = null;
        FeatureOrderingReport? targetOrdering = null;
        if (Options.SourceLocations is { } sourceTable)
        {
            (var order, sourceOrdering) = FeatureOrdering.Order(alignedSource.FeatureIds, sourceTable, source.Origin);
            alignedSource = alignedSource.SelectFeatures(order);
        }

        if (Options.TargetLocations is { } targetTable)
        {
            (var order, targetOrdering) = FeatureOrdering.Order(alignedTarget.FeatureIds, targetTable, target.Origin);
            alignedTarget = alignedTarget.SelectFeatures(order);
        }

        var report = new AlignmentReport
        {
            SourceSampleCount = source.SampleCount,
            TargetSampleCount = target.SampleCount,
            SharedSampleCount = sharedIds.Count,
            SamplesOnlyInSource = onlyInSource,
            SamplesOnlyInTarget = onlyInTarget,
            AmbiguousSamples = ambiguous,
            CaseOrSpaceOnlyMismatches = nearMisses,
            SourceOrdering = sourceOrdering,
            TargetOrdering = targetOrdering,
        };
        return new AlignedOmicsPair(alignedSource, alignedTarget, report)
        {
            SourceLocations = Options.SourceLocations,
            TargetLocations = Options.TargetLocations,
            AlignedWith = Options,
        };
    }

    private static OmicsMatrix Rename(OmicsMatrix matrix, List<string> sampleIds)
        => matrix.SampleIds.SequenceEqual(sampleIds, StringComparer.Ordinal)
            ? matrix
            : OmicsMatrix.CreateTrusted(matrix.FeatureIds.ToArray(), sampleIds.ToArray(), matrix.RawValues, matrix.Origin);

    private static int CountNearMisses(List<string> onlyInSource, List<string> onlyInTarget)
    {
        var loose = new HashSet<string>(onlyInTarget.Select(id => id.Trim()), StringComparer.OrdinalIgnoreCase);
        return onlyInSource.Count(id => loose.Contains(id.Trim()));
    }

    /// <summary>Sample keys of one omics under a matching policy.</summary>
    private sealed class SampleKeys
    {
        public Dictionary<string, int> Unique { get; } = new(StringComparer.Ordinal);

        public HashSet<string> AmbiguousKeys { get; } = new(StringComparer.Ordinal);

        public List<string> AmbiguousSamples { get; } = [];

        public static SampleKeys Build(OmicsMatrix matrix, SampleMatching matching)
        {
            var keys = new SampleKeys();
            var all = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            var order = new List<string>();
            for (int i = 0; i < matrix.SampleCount; i++)
            {
                var key = KeyOf(matrix.SampleIds[i], matching);
                if (!all.TryGetValue(key, out var list))
                {
                    all[key] = list = [];
                    order.Add(key);
                }

                list.Add(i);
            }

            foreach (var key in order)
            {
                var list = all[key];
                if (list.Count == 1)
                {
                    keys.Unique[key] = list[0];
                }
                else
                {
                    keys.AmbiguousKeys.Add(key);
                    keys.AmbiguousSamples.AddRange(list.Select(i => matrix.SampleIds[i]));
                }
            }

            return keys;
        }

        private static string KeyOf(string id, SampleMatching matching)
        {
            int length = matching switch
            {
                SampleMatching.TcgaPatient => 12,
                SampleMatching.TcgaSample => 15,
                SampleMatching.TcgaVial => 16,
                _ => int.MaxValue,
            };
            return id.Length > length ? id[..length] : id;
        }
    }
}
