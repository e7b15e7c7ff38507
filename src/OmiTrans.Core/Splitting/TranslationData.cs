
namespace OmiTrans.Splitting;

/// <summary>
/// Aligned source and target omics with their train/validation/test split: everything a translation method needs
/// to fit, so that several methods can be compared on exactly the same data.
/// </summary>
public sealed class TranslationData
{
    private readonly Dictionary<SplitSet, (OmicsMatrix Source, OmicsMatrix Target)> _subsets = [];
    private readonly object _gate = new();

    private TranslationData(AlignedOmicsPair pair, SampleSplit split, IReadOnlyList<string> unassigned, IReadOnlyList<string> missing)
    {
        Pair = pair;
        Split = split;
        UnassignedSamples = unassigned;
        SplitSamplesNotInData = missing;
    }

    /// <summary>The aligned omics (all shared samples).</summary>
    public AlignedOmicsPair Pair { get; }

    /// <summary>The aligned source omics (all shared samples).</summary>
    public OmicsMatrix Source => Pair.Source;

    /// <summary>The aligned target omics (all shared samples).</summary>
    public OmicsMatrix Target => Pair.Target;

    /// <summary>What the alignment kept and dropped.</summary>
    public AlignmentReport Alignment => Pair.Report;

    /// <summary>The split.</summary>
    public SampleSplit Split { get; }

    /// <summary>Shared samples the split does not assign to any set (not used).</summary>
    public IReadOnlyList<string> UnassignedSamples { get; }

    /// <summary>Samples the split assigns that are not among the shared samples (ignored).</summary>
    public IReadOnlyList<string> SplitSamplesNotInData { get; }

    /// <summary>The split options and seed that made the split, when a translator prepared the data (null otherwise).</summary>
    internal (SplitOptions Options, int Seed)? SplitMadeWith { get; init; }

    /// <summary>Pairs two omics with an aligner and splits the shared samples at random.</summary>
    /// <param name="source">The omics to translate from.</param>
    /// <param name="target">The omics to translate to.</param>
    /// <param name="aligner">The aligner; null for exact sample matching without location ordering.</param>
    /// <param name="split">An explicit split; null for a seeded random 80/10/10 split.</param>
    /// <param name="seed">The seed of the random split.</param>
    public static TranslationData Prepare(OmicsMatrix source, OmicsMatrix target, DatasetAligner? aligner = null, SampleSplit? split = null, int seed = 42)
    {
        var pair = (aligner ?? new DatasetAligner()).Align(Guard.NotNull(source), Guard.NotNull(target));
        return Create(pair, split ?? SampleSplit.Random(pair.Source.SampleIds, seed: seed));
    }

    /// <summary>Combines aligned omics with a split.</summary>
    /// <param name="pair">The aligned omics.</param>
    /// <param name="split">The split; samples it does not assign are reported in <see cref="UnassignedSamples"/>.</param>
    /// <exception cref="OmicsSchemaException">The split assigns no shared sample to training.</exception>
    public static TranslationData Create(AlignedOmicsPair pair, SampleSplit split)
    {
        Guard.NotNull(pair);
        Guard.NotNull(split);
        var unassigned = pair.Source.SampleIds.Where(id => split.GetSet(id) is null).ToArray();
        var present = new HashSet<string>(pair.Source.SampleIds, StringComparer.Ordinal);
        var missing = split.Train.Concat(split.Validation).Concat(split.Test).Where(id => !present.Contains(id)).ToArray();
        if (!split.Train.Any(present.Contains))
        {
            throw new OmicsSchemaException(
                $"The split assigns none of the {pair.Source.SampleCount} shared samples to training (split e.g. {Preview.Of(split.Train, 3)}; data e.g. {Preview.Of(pair.Source.SampleIds, 3)}).");
        }

        return new TranslationData(pair, split, unassigned, missing);
    }

    /// <summary>The same data, recording the split options that made its split.</summary>
    internal TranslationData WithSplitProvenance(SplitOptions options, int seed) =>
        new(Pair, Split, UnassignedSamples, SplitSamplesNotInData) { SplitMadeWith = (options, seed) };

    /// <summary>The same samples, split and provenance with other values (for example value-transformed ones).</summary>
    internal TranslationData WithValues(OmicsMatrix source, OmicsMatrix target)
    {
        var pair = new AlignedOmicsPair(source, target, Pair.Report)
        {
            SourceLocations = Pair.SourceLocations,
            TargetLocations = Pair.TargetLocations,
            AlignedWith = Pair.AlignedWith,
        };
        return new(pair, Split, UnassignedSamples, SplitSamplesNotInData) { SplitMadeWith = SplitMadeWith };
    }

    /// <summary>The same data with the validation samples assigned to training (the test samples stay as they are), for a fit that cross-validates.</summary>
    internal TranslationData WithValidationInTraining()
    {
        var pooled = SampleSplit.Create(
            Split.Train.Select(id => KeyValuePair.Create(id, SplitSet.Train))
                .Concat(Split.Validation.Select(id => KeyValuePair.Create(id, SplitSet.Train)))
                .Concat(Split.Test.Select(id => KeyValuePair.Create(id, SplitSet.Test))));
        return new(Pair, pooled, UnassignedSamples, SplitSamplesNotInData) { SplitMadeWith = SplitMadeWith };
    }

    /// <summary>The number of shared samples in a set.</summary>
    /// <param name="set">The set.</param>
    public int Count(SplitSet set) => Get(set).Source.SampleCount;

    /// <summary>Source and target restricted to one set's samples (computed once, then cached).</summary>
    /// <param name="set">The set.</param>
    public (OmicsMatrix Source, OmicsMatrix Target) Get(SplitSet set)
    {
        lock (_gate)
        {
            if (!_subsets.TryGetValue(set, out var subset))
            {
                var indices = Enumerable.Range(0, Source.SampleCount).Where(i => Split.GetSet(Source.SampleIds[i]) == set).ToArray();
                subset = (Source.SelectSamples(indices), Target.SelectSamples(indices));
                _subsets[set] = subset;
            }

            return subset;
        }
    }
}
