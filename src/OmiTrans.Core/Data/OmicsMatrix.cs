
namespace OmiTrans.Data;

/// <summary>
/// One omics data set: a matrix of float32 values with named features (genes, CpG probes, miRNAs) and named
/// samples. Missing values are <see cref="float.NaN"/>. Instances are immutable.
/// </summary>
/// <remarks>
/// Values are stored feature by feature (the layout of the usual files, one feature per row), so
/// <see cref="GetFeatureValues"/> is a view and <see cref="GetSampleValues"/> is a copy.
/// </remarks>
public sealed class OmicsMatrix
{
    private readonly float[] _values;
    private readonly string[] _featureIds;
    private readonly string[] _sampleIds;
    private Dictionary<string, int>? _featureIndex;
    private Dictionary<string, int>? _sampleIndex;

    private OmicsMatrix(string[] featureIds, string[] sampleIds, float[] values, string origin)
    {
        _featureIds = featureIds;
        _sampleIds = sampleIds;
        _values = values;
        Origin = origin;
    }

    /// <summary>Feature ids in matrix order.</summary>
    public IReadOnlyList<string> FeatureIds => _featureIds;

    /// <summary>Sample ids in matrix order.</summary>
    public IReadOnlyList<string> SampleIds => _sampleIds;

    /// <summary>Number of features (rows of the usual file layout).</summary>
    public int FeatureCount => _featureIds.Length;

    /// <summary>Number of samples (columns of the usual file layout).</summary>
    public int SampleCount => _sampleIds.Length;

    /// <summary>Where the data came from (a file path or a description); used in error messages.</summary>
    public string Origin { get; }

    /// <summary>All values, feature by feature: the value of feature f in sample s is at f * SampleCount + s.</summary>
    public ReadOnlyMemory<float> Values => _values;

    /// <summary>The value of one feature in one sample (NaN when missing).</summary>
    /// <param name="feature">Feature index.</param>
    /// <param name="sample">Sample index.</param>
    public float this[int feature, int sample]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(feature);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
            ArgumentOutOfRangeException.ThrowIfNegative(sample);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, SampleCount);
            return _values[((long)feature * SampleCount) + sample];
        }
    }

    /// <summary>
    /// Creates a matrix from values laid out feature by feature (the value of feature f in sample s at
    /// f * sampleIds.Count + s). The values are copied.
    /// </summary>
    /// <param name="featureIds">Unique feature ids.</param>
    /// <param name="sampleIds">Unique sample ids.</param>
    /// <param name="featureMajorValues">FeatureCount * SampleCount values; NaN marks a missing value.</param>
    /// <param name="origin">A description of where the data came from, used in messages.</param>
    /// <exception cref="ArgumentException">An id is duplicated or empty, or the value count does not match.</exception>
    public static OmicsMatrix FromFeatureRows(
        IReadOnlyList<string> featureIds,
        IReadOnlyList<string> sampleIds,
        ReadOnlySpan<float> featureMajorValues,
        string origin = "in-memory matrix")
    {
        Guard.NotNull(featureIds);
        Guard.NotNull(sampleIds);
        return Create(featureIds.ToArray(), sampleIds.ToArray(), featureMajorValues.ToArray(), origin);
    }

    /// <summary>
    /// Creates a matrix from values laid out sample by sample (the value of feature f in sample s at
    /// s * featureIds.Count + f), as a samples-by-features table holds them. The values are copied.
    /// </summary>
    /// <param name="featureIds">Unique feature ids.</param>
    /// <param name="sampleIds">Unique sample ids.</param>
    /// <param name="sampleMajorValues">SampleCount * FeatureCount values; NaN marks a missing value.</param>
    /// <param name="origin">A description of where the data came from, used in messages.</param>
    /// <exception cref="ArgumentException">An id is duplicated or empty, or the value count does not match.</exception>
    public static OmicsMatrix FromSampleRows(
        IReadOnlyList<string> featureIds,
        IReadOnlyList<string> sampleIds,
        ReadOnlySpan<float> sampleMajorValues,
        string origin = "in-memory matrix")
    {
        Guard.NotNull(featureIds);
        Guard.NotNull(sampleIds);
        int features = featureIds.Count;
        int samples = sampleIds.Count;
        if (sampleMajorValues.Length != (long)features * samples)
        {
            throw new ArgumentException(
                $"Expected {(long)features * samples} values ({samples} samples x {features} features) but got {sampleMajorValues.Length}.",
                nameof(sampleMajorValues));
        }

        var values = new float[sampleMajorValues.Length];
        for (int s = 0; s < samples; s++)
        {
            for (int f = 0; f < features; f++)
            {
                values[((long)f * samples) + s] = sampleMajorValues[(s * features) + f];
            }
        }

        return Create(featureIds.ToArray(), sampleIds.ToArray(), values, origin);
    }

    /// <summary>Creates a matrix from a two-dimensional array indexed [feature, sample]. The values are copied.</summary>
    /// <param name="featureIds">Unique feature ids, one per row of <paramref name="values"/>.</param>
    /// <param name="sampleIds">Unique sample ids, one per column of <paramref name="values"/>.</param>
    /// <param name="values">Values indexed [feature, sample]; NaN marks a missing value.</param>
    /// <param name="origin">A description of where the data came from, used in messages.</param>
    public static OmicsMatrix Create(
        IReadOnlyList<string> featureIds,
        IReadOnlyList<string> sampleIds,
        float[,] values,
        string origin = "in-memory matrix")
    {
        Guard.NotNull(values);
        Guard.NotNull(featureIds);
        Guard.NotNull(sampleIds);
        if (values.GetLength(0) != featureIds.Count || values.GetLength(1) != sampleIds.Count)
        {
            throw new ArgumentException(
                $"The array is {values.GetLength(0)} x {values.GetLength(1)} but there are {featureIds.Count} feature ids and {sampleIds.Count} sample ids.",
                nameof(values));
        }

        var flat = new float[values.Length];
        Buffer.BlockCopy(values, 0, flat, 0, flat.Length * sizeof(float));
        return Create(featureIds.ToArray(), sampleIds.ToArray(), flat, origin);
    }

    /// <summary>Takes ownership of the arrays (no copy); validates ids and sizes.</summary>
    internal static OmicsMatrix Create(string[] featureIds, string[] sampleIds, float[] featureMajorValues, string origin)
    {
        if (featureMajorValues.LongLength != (long)featureIds.Length * sampleIds.Length)
        {
            throw new ArgumentException(
                $"Expected {(long)featureIds.Length * sampleIds.Length} values ({featureIds.Length} features x {sampleIds.Length} samples) but got {featureMajorValues.LongLength}.",
                nameof(featureMajorValues));
        }

        CheckIds(featureIds, "feature", origin);
        CheckIds(sampleIds, "sample", origin);
        return new OmicsMatrix(featureIds, sampleIds, featureMajorValues, origin);
    }

    /// <summary>Takes ownership of already validated arrays.</summary>
    internal static OmicsMatrix CreateTrusted(string[] featureIds, string[] sampleIds, float[] featureMajorValues, string origin)
        => new(featureIds, sampleIds, featureMajorValues, origin);

    /// <summary>The values of one feature across all samples (a view, no copy).</summary>
    /// <param name="feature">Feature index.</param>
    public ReadOnlySpan<float> GetFeatureValues(int feature)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(feature, FeatureCount);
        return _values.AsSpan((int)((long)feature * SampleCount), SampleCount);
    }

    /// <summary>The values of one sample across all features (a copy).</summary>
    /// <param name="sample">Sample index.</param>
    public float[] GetSampleValues(int sample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, SampleCount);
        var result = new float[FeatureCount];
        for (int f = 0; f < result.Length; f++)
        {
            result[f] = _values[((long)f * SampleCount) + sample];
        }

        return result;
    }

    /// <summary>The index of a feature id, or -1 when absent.</summary>
    /// <param name="featureId">The feature id (exact, case-sensitive).</param>
    public int IndexOfFeature(string featureId)
    {
        _featureIndex ??= BuildIndex(_featureIds);
        return _featureIndex.TryGetValue(featureId, out var i) ? i : -1;
    }

    /// <summary>The index of a sample id, or -1 when absent.</summary>
    /// <param name="sampleId">The sample id (exact, case-sensitive).</param>
    public int IndexOfSample(string sampleId)
    {
        _sampleIndex ??= BuildIndex(_sampleIds);
        return _sampleIndex.TryGetValue(sampleId, out var i) ? i : -1;
    }

    /// <summary>A new matrix with the given samples, in the given order.</summary>
    /// <param name="sampleIndices">Indices into <see cref="SampleIds"/>.</param>
    public OmicsMatrix SelectSamples(IReadOnlyList<int> sampleIndices)
    {
        Guard.NotNull(sampleIndices);
        int newCount = sampleIndices.Count;
        var ids = new string[newCount];
        for (int j = 0; j < newCount; j++)
        {
            int s = sampleIndices[j];
            ArgumentOutOfRangeException.ThrowIfNegative(s, nameof(sampleIndices));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(s, SampleCount, nameof(sampleIndices));
            ids[j] = _sampleIds[s];
        }

        var values = new float[(long)FeatureCount * newCount];
        int oldCount = SampleCount;
        var indices = sampleIndices as int[] ?? sampleIndices.ToArray();
        Parallel.For(0, FeatureCount, f =>
        {
            long from = (long)f * oldCount;
            long to = (long)f * newCount;
            for (int j = 0; j < indices.Length; j++)
            {
                values[to + j] = _values[from + indices[j]];
            }
        });
        CheckIds(ids, "sample", Origin);
        return new OmicsMatrix(_featureIds, ids, values, Origin);
    }

    /// <summary>A new matrix with the given samples, in the given order.</summary>
    /// <param name="sampleIds">Sample ids, each present in this matrix.</param>
    /// <exception cref="OmicsSchemaException">A sample id is not in this matrix.</exception>
    public OmicsMatrix SelectSamples(IEnumerable<string> sampleIds)
        => SelectSamples(ResolveIds(Guard.NotNull(sampleIds), IndexOfSample, "sample"));

    /// <summary>A new matrix with the given features, in the given order.</summary>
    /// <param name="featureIndices">Indices into <see cref="FeatureIds"/>.</param>
    public OmicsMatrix SelectFeatures(IReadOnlyList<int> featureIndices)
    {
        Guard.NotNull(featureIndices);
        int n = SampleCount;
        var ids = new string[featureIndices.Count];
        var values = new float[(long)featureIndices.Count * n];
        for (int j = 0; j < ids.Length; j++)
        {
            int f = featureIndices[j];
            ArgumentOutOfRangeException.ThrowIfNegative(f, nameof(featureIndices));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(f, FeatureCount, nameof(featureIndices));
            ids[j] = _featureIds[f];
            Array.Copy(_values, (long)f * n, values, (long)j * n, n);
        }

        CheckIds(ids, "feature", Origin);
        return new OmicsMatrix(ids, _sampleIds, values, Origin);
    }

    /// <summary>A new matrix with the given features, in the given order.</summary>
    /// <param name="featureIds">Feature ids, each present in this matrix.</param>
    /// <exception cref="OmicsSchemaException">A feature id is not in this matrix.</exception>
    public OmicsMatrix SelectFeatures(IEnumerable<string> featureIds)
        => SelectFeatures(ResolveIds(Guard.NotNull(featureIds), IndexOfFeature, "feature"));

    /// <summary>A new matrix with every value passed through a function (missing values stay missing).</summary>
    /// <param name="transform">The function of one value, for example <c>v => MathF.Log2(v + 1)</c>.</param>
    /// <param name="origin">The new origin description; null to keep this one.</param>
    public OmicsMatrix Map(Func<float, float> transform, string? origin = null)
    {
        Guard.NotNull(transform);
        var values = new float[_values.Length];
        for (long i = 0; i < values.LongLength; i++)
        {
            float v = _values[i];
            values[i] = float.IsNaN(v) ? float.NaN : transform(v);
        }

        return new OmicsMatrix(_featureIds, _sampleIds, values, origin ?? Origin);
    }

    /// <summary>Reads a Microsoft.Data.Analysis data frame (see <see cref="OmicsDataFrames.ToOmicsMatrix"/>).</summary>
    /// <param name="frame">An id column followed by numeric value columns.</param>
    /// <param name="samplesInRows">Whether rows are samples rather than features.</param>
    /// <exception cref="OmicsSchemaException">The frame does not have that shape; the message names the column or row.</exception>
    public static OmicsMatrix FromDataFrame(Microsoft.Data.Analysis.DataFrame frame, bool samplesInRows = false)
        => OmicsDataFrames.ToOmicsMatrix(frame, samplesInRows);

    /// <summary>This matrix as a Microsoft.Data.Analysis data frame (see <see cref="OmicsDataFrames.ToDataFrame"/>).</summary>
    /// <param name="samplesInRows">Whether to lay samples out as rows.</param>
    public Microsoft.Data.Analysis.DataFrame ToDataFrame(bool samplesInRows = false) => OmicsDataFrames.ToDataFrame(this, samplesInRows);

    /// <summary>The same data with a different origin description.</summary>
    /// <param name="origin">The new description.</param>
    public OmicsMatrix WithOrigin(string origin)
        => new(_featureIds, _sampleIds, _values, Guard.NotNull(origin));

    /// <summary>The number of missing (NaN) values.</summary>
    public long CountMissing()
    {
        long count = 0;
        foreach (var v in _values)
        {
            if (float.IsNaN(v))
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public override string ToString() => $"OmicsMatrix {FeatureCount} features x {SampleCount} samples ({Origin})";

    /// <summary>The backing array (not a copy). Internal code must not modify it.</summary>
    internal float[] RawValues => _values;

    private int[] ResolveIds(IEnumerable<string> ids, Func<string, int> indexOf, string kind)
    {
        var result = new List<int>();
        var missing = new List<string>();
        foreach (var id in ids)
        {
            int i = indexOf(id);
            if (i < 0)
            {
                missing.Add(id);
            }
            else
            {
                result.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            throw new OmicsSchemaException(
                $"{missing.Count} {kind} id(s) are not in {Origin}: {Preview.Of(missing)}.");
        }

        return result.ToArray();
    }

    private static Dictionary<string, int> BuildIndex(string[] ids)
    {
        var index = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }

        return index;
    }

    private static void CheckIds(string[] ids, string kind, string origin)
    {
        var seen = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException($"{origin}: {kind} id at position {i + 1} is empty.");
            }

            if (!seen.TryAdd(id, i))
            {
                throw new ArgumentException(
                    $"{origin}: {kind} id '{id}' appears twice (positions {seen[id] + 1} and {i + 1}).");
            }
        }
    }
}
