using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace OmiTrans.Models.Format;

/// <summary>manifest.json of a version 1 model file, as version 1 wrote it (frozen).</summary>
/// <remarks>
/// Version 1 wrote the public option records by reflection; these internal records hold exactly that JSON, so
/// renaming a public property does not break reading old files. Sections whose JSON has the same shape in
/// version 2 (training, summary, history, metrics, selection, networks, groups) reuse the frozen version 2 records.
/// </remarks>
internal sealed record ManifestV1
{
    public string Format { get; init; } = "";

    public int FormatVersion { get; init; }

    public string LibraryVersion { get; init; } = "";

    public DateTimeOffset CreatedUtc { get; init; }

    public string Method { get; init; } = "";

    public NetworkV2? Generator { get; init; }

    public NetworkV2? Discriminator { get; init; }

    public string? DistanceLoss { get; init; }

    public bool SigmoidOutput { get; init; }

    public GroupV2[]? SourceGroups { get; init; }

    public PreprocessingV1? Preprocessing { get; init; }

    public PreprocessingOptionsV1? PreprocessingOptions { get; init; }

    public int ExcludedSourceFeatureCount { get; init; }

    public TrainingV2? Training { get; init; }

    public SummaryV2? Summary { get; init; }

    public EpochV2[]? History { get; init; }

    public MetricsV2? TestMetrics { get; init; }

    public SelectionV2? Selection { get; init; }

    public WeightsV1? Weights { get; init; }
}

/// <summary>The fitted preprocessing of a version 1 file (arrays inside the JSON).</summary>
internal sealed record PreprocessingV1
{
    public string[]? SourceFeatures { get; init; }

    public float[]? SourceFill { get; init; }

    public float[]? SourceOffset { get; init; }

    public float[]? SourceScale { get; init; }

    public string[]? TargetFeatures { get; init; }

    public float[]? TargetFill { get; init; }

    public float[]? TargetMin { get; init; }

    public float[]? TargetRange { get; init; }

    public float[]? SourceQuantileReference { get; init; }
}

/// <summary>The preprocessing options of a version 1 file (the excluded list was written empty).</summary>
internal sealed record PreprocessingOptionsV1
{
    public double MaxMissingFraction { get; init; } = 0.1;

    public double? MinSourceVariance { get; init; }

    public int? TopVarianceSourceFeatures { get; init; }

    public string SourceScaling { get; init; } = "none";
}

/// <summary>Where a version 1 file's weights are and their checksum.</summary>
internal sealed record WeightsV1
{
    public string Entry { get; init; } = ModelFile.WeightsEntry;

    public long Bytes { get; init; }

    public string Sha256 { get; init; } = "";

    public long Parameters { get; init; }
}

/// <summary>
/// Reads model files of format version 1: a zip of manifest.json (everything, the per-feature arrays included) and
/// generator.bin, with a SHA-256 of generator.bin only. Version 1 recorded no value transforms (none are applied).
/// </summary>
internal static class ModelFileV1Reader
{
    public const int Version = 1;
    private const long MaxManifestBytes = 512L << 20;

    public static ModelFileContent Read(ZipArchive zip, string origin)
    {
        string manifestOrigin = $"{origin} ({ModelFile.ManifestEntry})";
        var json = ReadEntry(zip, ModelFile.ManifestEntry, MaxManifestBytes, origin);
        var m = Json.Deserialize<ManifestV1>(new UTF8Encoding(false).GetString(json).TrimStart('\uFEFF'), manifestOrigin);
        if (m.FormatVersion != Version)
        {
            throw new InvalidOperationException($"Internal error: {origin} is read as version {Version}, but declares {m.FormatVersion}.");
        }

        var w = m.Weights ?? throw new InvalidDataException($"{manifestOrigin}: the manifest's weights entry is missing.");
        if (string.IsNullOrEmpty(w.Sha256) || w.Bytes < 0 || w.Entry != ModelFile.WeightsEntry)
        {
            throw new InvalidDataException($"{manifestOrigin}: the manifest's weights entry is invalid.");
        }

        var generator = m.Generator ?? throw new InvalidDataException($"{manifestOrigin}: the manifest names no generator.");
        var p = m.Preprocessing ?? throw new InvalidDataException($"{manifestOrigin}: the manifest has no preprocessing section.");
        T Required<T>(T? value, string name)
            where T : class
            => value ?? throw new InvalidDataException($"{manifestOrigin}: the preprocessing section has no '{name}'.");

        var state = new PreprocessingState
        {
            SourceFeatures = Required(p.SourceFeatures, "sourceFeatures"),
            SourceFill = Required(p.SourceFill, "sourceFill"),
            SourceOffset = Required(p.SourceOffset, "sourceOffset"),
            SourceScale = Required(p.SourceScale, "sourceScale"),
            TargetFeatures = Required(p.TargetFeatures, "targetFeatures"),
            TargetFill = Required(p.TargetFill, "targetFill"),
            TargetMin = Required(p.TargetMin, "targetMin"),
            TargetRange = Required(p.TargetRange, "targetRange"),
            SourceQuantileReference = p.SourceQuantileReference,
        };

        // Checked before the weights are read: the declared weights size against the limit, then the checksum.
        var weights = ReadEntry(zip, w.Entry, Array.MaxLength, origin);
        if (weights.LongLength != w.Bytes || !string.Equals(Convert.ToHexString(SHA256.HashData(weights)), w.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{origin}: the '{w.Entry}' entry (the weights) does not match the checksum in the manifest (the file is damaged or was modified).");
        }

        var o = m.PreprocessingOptions;
        var manifest = new ModelManifest
        {
            FormatVersion = Version,
            LibraryVersion = m.LibraryVersion ?? "",
            CreatedUtc = m.CreatedUtc,
            Method = m.Method ?? "",
            Generator = new NetworkSpec(generator.Name, generator.Settings),
            Discriminator = m.Discriminator is { } d ? new NetworkSpec(d.Name, d.Settings) : null,
            DistanceLoss = m.DistanceLoss,
            SigmoidOutput = m.SigmoidOutput,
            ParameterCount = w.Parameters,
            SourceGroups = m.SourceGroups?.Select(g => new FeatureGroup(g.Name, g.Start, g.Count)).ToArray(),
            Preprocessing = state,
            PreprocessingOptions = o is null ? null : new PreprocessingOptions
            {
                MaxMissingFraction = o.MaxMissingFraction,
                MinSourceVariance = o.MinSourceVariance,
                TopVarianceSourceFeatures = o.TopVarianceSourceFeatures,
                SourceScaling = FormatNames.Scaling.Parse(o.SourceScaling, manifestOrigin, "preprocessingOptions.sourceScaling"),
            },
            ExcludedSourceFeatureCount = m.ExcludedSourceFeatureCount,
            Training = m.Training is { } t ? ModelFileV2.FromV2(t, manifestOrigin) : null,
            Summary = m.Summary is { } s ? ModelFileV2.FromV2(s) : null,
            History = m.History?.Select(ModelFileV2.FromV2).ToArray(),
            TestMetrics = m.TestMetrics is { } tm ? ModelFileV2.FromV2(tm) : null,
            Selection = m.Selection is { } sel ? ModelFileV2.FromV2(sel, manifestOrigin) : null,
        };
        return new ModelFileContent(manifest, () => new MemoryStream(weights, writable: false));
    }

    private static byte[] ReadEntry(ZipArchive zip, string name, long maxBytes, string origin)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{origin} is not a model file: it has no '{name}' entry.");
        if (entry.Length > maxBytes || entry.Length < 0)
        {
            throw new InvalidDataException($"{origin}: the '{name}' entry declares {entry.Length} bytes, more than the {maxBytes} allowed.");
        }

        try
        {
            using var input = entry.Open();
            var buffer = new byte[entry.Length];
            input.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{origin}: the '{name}' entry cannot be read (the file is truncated or damaged): {ex.Message}", ex);
        }
    }
}
