using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OmiTrans.Models.Format;

/// <summary>What a model file holds: the model's description, and its weights to be read once the network is built.</summary>
internal sealed record ModelFileContent(ModelManifest Manifest, Func<Stream> OpenWeights);

/// <summary>
/// The model file (docs/model-format.md): writes format version 2, reads versions 1 and 2. Version 2 is a zip of
/// manifest.json (<see cref="ManifestV2"/>), arrays.bin (<see cref="ArrayFile"/>), generator.bin (TorchSharp's state
/// dict) and checksums.sha256 (<see cref="ChecksummedArchive"/>), which covers every other entry and is verified
/// before anything is used.
/// </summary>
internal static class ModelFile
{
    public const string FormatName = "omitrans-model";
    public const int CurrentVersion = ModelFileV2.Version;
    public const string ManifestEntry = "manifest.json";
    public const string WeightsEntry = "generator.bin";
    public const int MaxFeatures = 50_000_000;
    private const long MaxManifestBytes = 64L << 20;
    private const long MaxArraysBytes = 32L << 30;
    private const long MaxWeightsBytes = 64L << 30;

    /// <summary>Writes a version 2 file.</summary>
    public static void Write(Stream stream, ModelManifest manifest, Action<Stream> writeWeights)
    {
        var document = ModelFileV2.ToManifest(manifest);
        using var archive = new ChecksummedArchive.Writer(stream);
        archive.Add(ManifestEntry, CompressionLevel.Optimal, s =>
        {
            using var writer = new StreamWriter(s, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            writer.Write(Json.Serialize(document));
        });
        archive.Add(ArrayFile.EntryName, CompressionLevel.Fastest, s => ArrayFile.Write(s, ModelFileV2.Arrays(manifest.Preprocessing)));
        archive.Add(WeightsEntry, CompressionLevel.Fastest, writeWeights);
        archive.Complete();
    }

    /// <summary>Reads a file of any supported version and checks it (the weights are checked against the network when it is built).</summary>
    /// <param name="zip">The open archive; the weights stream of the result reads from it.</param>
    /// <param name="origin">The file, for messages.</param>
    /// <exception cref="InvalidDataException">The file is not a model file, is damaged, or comes from a newer format version.</exception>
    public static ModelFileContent Read(ZipArchive zip, string origin)
    {
        var header = PeekHeader(zip);
        ModelFileContent content;
        if (ChecksummedArchive.Reader.HasChecksums(zip) && zip.GetEntry(ManifestEntry) is null)
        {
            // Another checksummed archive of the library: a training checkpoint is the one users mistake for a model.
            var entries = string.Join(", ", zip.Entries.Select(e => e.FullName));
            throw new InvalidDataException(zip.GetEntry("state.json") is not null
                ? $"{origin} is not a model file: it is a training checkpoint (entries: {entries}); continue the training with it (omitrans train --resume), then use the model.omitrans it writes."
                : $"{origin} is not a model file: it has no '{ManifestEntry}' entry (entries: {entries}).");
        }

        if (ChecksummedArchive.Reader.HasChecksums(zip))
        {
            ChecksummedArchive.Reader archive;
            try
            {
                archive = ChecksummedArchive.Reader.Verify(zip, origin, Limit);
            }
            catch (InvalidDataException ex) when (header is { Version: > CurrentVersion })
            {
                throw Newer(header.Value, origin, ex.Message);
            }

            content = ReadV2(archive, origin);
        }
        else if (zip.GetEntry(ManifestEntry) is null)
        {
            throw new InvalidDataException($"{origin} is not a model file: it has no '{ManifestEntry}' entry.");
        }
        else if (header is null)
        {
            throw new InvalidDataException($"{origin} is damaged: the '{ManifestEntry}' entry cannot be read.");
        }
        else if (header.Value.Format != FormatName)
        {
            throw new InvalidDataException($"{origin} is not an OmiTrans model file (format '{header.Value.Format}').");
        }
        else if (header.Value.Version == ModelFileV1Reader.Version)
        {
            content = ModelFileV1Reader.Read(zip, origin);
        }
        else if (header.Value.Version > CurrentVersion)
        {
            throw Newer(header.Value, origin, null);
        }
        else
        {
            throw new InvalidDataException(
                $"{origin} is damaged: it has no '{ChecksummedArchive.ChecksumsEntry}' entry, which every model file of format version 2 or later has (entries: {string.Join(", ", zip.Entries.Select(e => e.FullName))}).");
        }

        Check(content.Manifest, origin);
        return content;
    }

    private static long Limit(string entry) => entry switch
    {
        ManifestEntry => MaxManifestBytes,
        ArrayFile.EntryName => MaxArraysBytes,
        WeightsEntry => MaxWeightsBytes,
        _ => 0,
    };

    private static ModelFileContent ReadV2(ChecksummedArchive.Reader archive, string origin)
    {
        string manifestOrigin = $"{origin} ({ManifestEntry})";
        var text = new UTF8Encoding(false).GetString(archive.ReadAllBytes(ManifestEntry)).TrimStart('\uFEFF');
        var header = Json.Deserialize<Header>(text, manifestOrigin);
        if (header.Format != FormatName)
        {
            throw new InvalidDataException($"{origin} is not an OmiTrans model file (format '{header.Format}').");
        }

        if (header.FormatVersion != ModelFileV2.Version)
        {
            throw header.FormatVersion > CurrentVersion
                ? Newer(header.Value, origin, null)
                : new InvalidDataException($"{manifestOrigin}: format version {header.FormatVersion} does not have a '{ChecksummedArchive.ChecksumsEntry}' entry; the file was modified.");
        }

        var manifest = Json.Deserialize<ManifestV2>(text, manifestOrigin);
        var entries = manifest.Entries ?? throw new InvalidDataException($"{manifestOrigin}: the manifest lists no entries.");
        if (entries.Arrays != ArrayFile.EntryName || entries.Weights != WeightsEntry || entries.Checksums != ChecksummedArchive.ChecksumsEntry
            || !archive.Entries.SequenceEqual([ManifestEntry, ArrayFile.EntryName, WeightsEntry]))
        {
            throw new InvalidDataException(
                $"{manifestOrigin}: the manifest refers to the entries {entries.Arrays}, {entries.Weights} and {entries.Checksums}; the file holds {string.Join(", ", archive.Entries)} and {ChecksummedArchive.ChecksumsEntry}.");
        }

        long arraysBytes = archive.SizeOf(ArrayFile.EntryName);
        var arrays = archive.Read(ArrayFile.EntryName, s => ArrayFile.Read(s, arraysBytes, MaxFeatures, origin));
        return new ModelFileContent(ModelFileV2.FromManifest(manifest, arrays, origin), () => archive.Open(WeightsEntry));
    }

    /// <summary>Checks the description of either version: feature counts, array lengths, source groups.</summary>
    private static void Check(ModelManifest m, string origin)
    {
        var p = m.Preprocessing;
        int fs = p.SourceFeatures.Length;
        int ft = p.TargetFeatures.Length;
        if (fs < 1 || ft < 1 || fs > MaxFeatures || ft > MaxFeatures)
        {
            throw new InvalidDataException($"{origin}: the model lists {fs} source and {ft} target features; each must be between 1 and {MaxFeatures}.");
        }

        if (p.SourceFill.Length != fs || p.SourceOffset.Length != fs || p.SourceScale.Length != fs
            || p.TargetFill.Length != ft || p.TargetMin.Length != ft || p.TargetRange.Length != ft
            || (p.SourceQuantileReference is { } reference && reference.Length != fs))
        {
            throw new InvalidDataException($"{origin}: the preprocessing parameters do not match the feature lists ({fs} source, {ft} target features).");
        }

        if (m.SourceGroups is { } groups)
        {
            int position = 0;
            foreach (var g in groups)
            {
                if (g.Start != position || g.Count < 1)
                {
                    throw new InvalidDataException($"{origin}: the source feature groups are not contiguous.");
                }

                position += g.Count;
            }

            if (position != fs)
            {
                throw new InvalidDataException($"{origin}: the source feature groups cover {position} features, not {fs}.");
            }
        }

        if (string.IsNullOrEmpty(m.Generator.Name))
        {
            throw new InvalidDataException($"{origin}: the model names no generator.");
        }
    }

    private static InvalidDataException Newer((string Format, int Version, string LibraryVersion) header, string origin, string? alsoDamaged)
        => new($"{origin} has model format version {header.Version} (written by OmiTrans {header.LibraryVersion}); this library ({TranslationModel.CurrentLibraryVersion}) reads versions 1 to {CurrentVersion}. Update OmiTrans.Core."
            + (alsoDamaged is null ? string.Empty : $" (It also fails this version's checks: {alsoDamaged})"));

    /// <summary>
    /// The format name, version and library version at the start of manifest.json (both versions write them first),
    /// read leniently from its first bytes before anything is verified; null when unreadable.
    /// </summary>
    private static (string Format, int Version, string LibraryVersion)? PeekHeader(ZipArchive zip)
    {
        try
        {
            var entry = zip.GetEntry(ManifestEntry);
            if (entry is null)
            {
                return null;
            }

            var buffer = new byte[4096];
            int length = 0;
            using (var input = entry.Open())
            {
                int read;
                while (length < buffer.Length && (read = input.Read(buffer, length, buffer.Length - length)) > 0)
                {
                    length += read;
                }
            }

            string? format = null;
            string? library = null;
            int? version = null;
            var json = buffer.AsSpan(0, length);
            if (json.StartsWith("\uFEFF"u8))
            {
                json = json[3..];
            }

            var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
            while (reader.Read() && (format is null || version is null || library is null))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                string name = reader.GetString()!;
                if (!reader.Read() || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    break;
                }

                switch (name)
                {
                    case "format" when reader.TokenType == JsonTokenType.String:
                        format = reader.GetString();
                        break;
                    case "formatVersion" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int v):
                        version = v;
                        break;
                    case "libraryVersion" when reader.TokenType == JsonTokenType.String:
                        library = reader.GetString();
                        break;
                }
            }

            return format is null || version is null ? null : (format, version.Value, library ?? "?");
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidDataException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The fields every version's manifest starts with.</summary>
    private sealed record Header
    {
        public string Format { get; init; } = "";

        public int FormatVersion { get; init; }

        public string LibraryVersion { get; init; } = "";

        public (string Format, int Version, string LibraryVersion) Value => (Format, FormatVersion, LibraryVersion);
    }
}
