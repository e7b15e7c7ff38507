using System.Text;

namespace OmiTrans.Splitting;

/// <summary>
/// An assignment of sample ids to the train, validation and test sets. Read from or written to a two-column file
/// <c>sample  set</c> with the values train, validation and test.
/// </summary>
public sealed class SampleSplit
{
    private readonly Dictionary<string, SplitSet> _sets;

    private SampleSplit(Dictionary<string, SplitSet> sets, IReadOnlyList<string> order)
    {
        _sets = sets;
        Train = order.Where(id => sets[id] == SplitSet.Train).ToArray();
        Validation = order.Where(id => sets[id] == SplitSet.Validation).ToArray();
        Test = order.Where(id => sets[id] == SplitSet.Test).ToArray();
    }

    /// <summary>Training sample ids.</summary>
    public IReadOnlyList<string> Train { get; }

    /// <summary>Validation sample ids.</summary>
    public IReadOnlyList<string> Validation { get; }

    /// <summary>Test sample ids.</summary>
    public IReadOnlyList<string> Test { get; }

    /// <summary>Number of samples assigned to any set.</summary>
    public int Count => _sets.Count;

    /// <summary>The set of a sample, or null when the split does not assign it.</summary>
    /// <param name="sampleId">The sample id.</param>
    public SplitSet? GetSet(string sampleId) => _sets.TryGetValue(sampleId, out var set) ? set : null;

    /// <summary>The sample ids of one set.</summary>
    /// <param name="set">The set.</param>
    public IReadOnlyList<string> Get(SplitSet set) => set switch
    {
        SplitSet.Train => Train,
        SplitSet.Validation => Validation,
        _ => Test,
    };

    /// <summary>Creates a split from explicit assignments.</summary>
    /// <param name="assignments">Sample id and set; each sample once.</param>
    /// <exception cref="ArgumentException">A sample is assigned twice.</exception>
    public static SampleSplit Create(IEnumerable<KeyValuePair<string, SplitSet>> assignments)
    {
        Guard.NotNull(assignments);
        var sets = new Dictionary<string, SplitSet>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (id, set) in assignments)
        {
            if (!sets.TryAdd(id, set))
            {
                throw new ArgumentException($"Sample '{id}' is assigned twice.", nameof(assignments));
            }

            order.Add(id);
        }

        return new SampleSplit(sets, order);
    }

    /// <summary>
    /// A seeded random split. The train and validation sizes are the fractions of the sample count rounded to the
    /// nearest integer; the test set takes the rest. The same ids, fractions and seed give the same split.
    /// </summary>
    /// <param name="sampleIds">The samples to split.</param>
    /// <param name="trainFraction">Fraction for training, in (0, 1].</param>
    /// <param name="validationFraction">Fraction for validation, in [0, 1).</param>
    /// <param name="seed">The random seed.</param>
    public static SampleSplit Random(IReadOnlyList<string> sampleIds, double trainFraction = 0.8, double validationFraction = 0.1, int seed = 42)
    {
        Guard.NotNull(sampleIds);
        if (!(trainFraction > 0 && trainFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(trainFraction), trainFraction, "The training fraction must be in (0, 1].");
        }

        if (!(validationFraction >= 0 && trainFraction + validationFraction <= 1 + 1e-9))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1 - training fraction].");
        }

        int n = sampleIds.Count;
        int train = Math.Max(1, (int)Math.Round(n * trainFraction, MidpointRounding.AwayFromZero));
        int validation = Math.Min(n - train, (int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero));
        var shuffled = sampleIds.ToArray();
        new System.Random(seed).Shuffle(shuffled);
        var assignments = shuffled.Select((id, i) => new KeyValuePair<string, SplitSet>(
            id, i < train ? SplitSet.Train : i < train + validation ? SplitSet.Validation : SplitSet.Test));
        var split = Create(assignments);
        return new SampleSplit(split._sets, sampleIds);
    }

    /// <summary>Reads a split file: two columns, sample id and set (train, validation or test); a header line is optional.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="OmicsFormatException">A line is malformed, names an unknown set or repeats a sample.</exception>
    public static SampleSplit Read(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The split file '{path}' does not exist.", path);
        }

        var sets = new Dictionary<string, SplitSet>(StringComparer.Ordinal);
        var order = new List<string>();
        var firstLine = new Dictionary<string, long>(StringComparer.Ordinal);
        long lineNumber = 0;
        bool firstContentLine = true;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(line.Contains('\t') ? '\t' : ',');
            if (fields.Length < 2)
            {
                throw new OmicsFormatException(path, lineNumber, 0, "expected two fields: a sample id and its set (train, validation or test).");
            }

            var id = fields[0].Trim().Trim('"');
            var setText = fields[1].Trim().Trim('"');
            var set = ParseSet(setText);
            bool isFirst = firstContentLine;
            firstContentLine = false;
            if (set is null)
            {
                if (isFirst)
                {
                    continue; // a header line
                }

                throw new OmicsFormatException(path, lineNumber, 2, $"unknown set '{setText}'; expected train, validation or test.");
            }

            if (!firstLine.TryAdd(id, lineNumber))
            {
                throw new OmicsFormatException(path, lineNumber, 1, $"sample '{id}' is listed twice (also on line {firstLine[id]}).");
            }

            sets[id] = set.Value;
            order.Add(id);
        }

        if (sets.Count == 0)
        {
            throw new OmicsFormatException(path, 0, 0, "the split file assigns no sample.");
        }

        return new SampleSplit(sets, order);
    }

    /// <summary>Writes the split as <c>sample  set</c> (tab-separated, with a header), atomically.</summary>
    /// <param name="path">The destination.</param>
    public void Write(string path)
    {
        var text = new StringBuilder("sample\tset\n");
        foreach (var set in new[] { SplitSet.Train, SplitSet.Validation, SplitSet.Test })
        {
            foreach (var id in Get(set))
            {
                text.Append(id).Append('\t').Append(Name(set)).Append('\n');
            }
        }

        AtomicFile.WriteAllText(path, text.ToString());
    }

    /// <summary>The file name of a set: train, validation or test.</summary>
    /// <param name="set">The set.</param>
    public static string Name(SplitSet set) => set switch
    {
        SplitSet.Train => "train",
        SplitSet.Validation => "validation",
        _ => "test",
    };

    private static SplitSet? ParseSet(string text) => text.ToLowerInvariant() switch
    {
        "train" or "training" => SplitSet.Train,
        "validation" or "valid" or "val" => SplitSet.Validation,
        "test" or "testing" => SplitSet.Test,
        _ => null,
    };
}
