using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Models;

/// <summary>Saving and loading: one zip file with manifest.json and the generator weights in TorchSharp's format.</summary>
public sealed partial class TranslationModel
{
    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntryName = "generator.bin";
    private const long MaxManifestBytes = 512L << 20;
    private const long MaxWeightsBytes = 64L << 30;
    private const int MaxFeatures = 50_000_000;

    /// <summary>The library version written into model files.</summary>
    internal static string CurrentLibraryVersion { get; } =
        typeof(TranslationModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>Saves the model to one file (a zip of a JSON manifest and the weights), atomically.</summary>
    /// <param name="path">The destination, conventionally ending in .omitrans.</param>
    public void Save(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Saves the model to a stream (a zip of a JSON manifest and the weights).</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        Guard.NotNull(stream);
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var weights = new MemoryStream();
            _generator.save(weights);
            var bytes = weights.ToArray();
            var manifest = _manifest with
            {
                Weights = new WeightsEntry(WeightsEntryName, bytes.LongLength, Convert.ToHexString(SHA256.HashData(bytes)), _manifest.Weights.Parameters),
            };
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            var manifestEntry = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal);
            using (var writer = new StreamWriter(manifestEntry.Open()))
            {
                writer.Write(Json.Serialize(manifest));
            }

            var weightsEntry = zip.CreateEntry(WeightsEntryName, CompressionLevel.Fastest);
            using (var output = weightsEntry.Open())
            {
                output.Write(bytes);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The model's manifest as indented JSON (what <c>omitrans inspect</c> prints).</summary>
    public string DescribeAsJson() => Json.Serialize(_manifest);

    /// <summary>Loads a model saved with <see cref="Save(string)"/>.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="options">Device and custom generators; null for the CPU and built-in generators.</param>
    /// <exception cref="InvalidDataException">The file is not a model file, is truncated or tampered with, comes from a newer format version, or its weights do not match its manifest.</exception>
    public static TranslationModel Load(string path, ModelLoadOptions? options = null)
    {
        Guard.NotNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        using var stream = File.OpenRead(path);
        return Load(stream, options, path);
    }

    /// <summary>Loads a model from a stream.</summary>
    /// <param name="stream">A readable, seekable stream holding a model file.</param>
    /// <param name="options">Device and custom generators; null for the CPU and built-in generators.</param>
    /// <exception cref="InvalidDataException">The data is not a valid model file.</exception>
    public static TranslationModel Load(Stream stream, ModelLoadOptions? options = null) => Load(Guard.NotNull(stream), options, "model stream");

    private static TranslationModel Load(Stream stream, ModelLoadOptions? options, string origin)
    {
        options ??= ModelLoadOptions.Default;
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{origin} is not a model file (not a zip archive, or truncated): {ex.Message}", ex);
        }

        using (zip)
        {
            var manifestJson = ReadEntry(zip, ManifestEntry, MaxManifestBytes, origin);
            var manifest = Json.Deserialize<ModelManifest>(new System.Text.UTF8Encoding(false).GetString(manifestJson).TrimStart('\uFEFF'), $"{origin} ({ManifestEntry})");
            CheckManifest(manifest, origin);
            var weights = ReadEntry(zip, manifest.Weights.Entry, MaxWeightsBytes, origin);
            if (weights.LongLength != manifest.Weights.Bytes || !string.Equals(Convert.ToHexString(SHA256.HashData(weights)), manifest.Weights.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException($"{origin}: the weights do not match the checksum in the manifest (the file is damaged or was modified).");
            }

            var generatorFactory = NetworkRegistry.Resolve(manifest.Generator, options.CustomGenerators, origin);
            var device = options.Device.Resolve();
            var preprocessor = new FittedPreprocessor(manifest.Preprocessing);
            var random = new Generator(0, device);
            nn.Module<Tensor, Tensor>? generator = null;
            try
            {
                var context = new NetworkContext(preprocessor.SourceFeatureCount, preprocessor.TargetFeatureCount, manifest.SourceGroups, random) { IsRestoring = true };
                generator = GeneratorNetwork.Build(generatorFactory, context, manifest.SigmoidOutput);
                try
                {
                    generator.load(new MemoryStream(weights), strict: true);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
                {
                    throw new InvalidDataException($"{origin}: the weights do not fit the '{manifest.Generator.Name}' network described by the manifest: {ex.Message}", ex);
                }

                generator.to(device);
                var model = new TranslationModel(manifest, generator, random, preprocessor, device, reports: null);
                generator = null;
                return model;
            }
            catch
            {
                generator?.Dispose();
                random.Dispose();
                throw;
            }
        }
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

    private static void CheckManifest(ModelManifest m, string origin)
    {
        if (m.Format != ModelManifest.FormatName)
        {
            throw new InvalidDataException($"{origin} is not an OmiTrans model file (format '{m.Format}').");
        }

        if (m.FormatVersion > ModelManifest.CurrentFormatVersion || m.FormatVersion < 1)
        {
            throw new InvalidDataException(
                $"{origin} has model format version {m.FormatVersion} (written by OmiTrans {m.LibraryVersion}); this library ({CurrentLibraryVersion}) reads versions 1 to {ModelManifest.CurrentFormatVersion}. Update OmiTrans.Core.");
        }

        var p = m.Preprocessing ?? throw new InvalidDataException($"{origin}: the manifest has no preprocessing section.");
        int fs = p.SourceFeatures?.Length ?? 0;
        int ft = p.TargetFeatures?.Length ?? 0;
        if (fs < 1 || ft < 1 || fs > MaxFeatures || ft > MaxFeatures)
        {
            throw new InvalidDataException($"{origin}: the manifest lists {fs} source and {ft} target features; each must be between 1 and {MaxFeatures}.");
        }

        if (p.SourceFill?.Length != fs || p.SourceOffset?.Length != fs || p.SourceScale?.Length != fs
            || p.TargetFill?.Length != ft || p.TargetMin?.Length != ft || p.TargetRange?.Length != ft
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

        if (m.Weights is null || m.Weights.Bytes < 0 || m.Weights.Bytes > MaxWeightsBytes || string.IsNullOrEmpty(m.Weights.Sha256))
        {
            throw new InvalidDataException($"{origin}: the manifest's weights entry is missing or invalid.");
        }

        if (m.Generator is null || string.IsNullOrEmpty(m.Generator.Name))
        {
            throw new InvalidDataException($"{origin}: the manifest names no generator.");
        }
    }

    /// <summary>Creates the manifest of a newly fitted model.</summary>
    internal static ModelManifest CreateManifest(
        string method,
        IGenerator generator,
        IDiscriminator? discriminator,
        IDistanceLoss? distance,
        IReadOnlyList<FeatureGroup>? sourceGroups,
        FittedPreprocessor preprocessor,
        PreprocessingOptions preprocessingOptions,
        TrainingOptions? training,
        FitSummary summary,
        IReadOnlyList<EpochReport>? history,
        nn.Module module)
        => new()
        {
            LibraryVersion = CurrentLibraryVersion,
            CreatedUtc = DateTimeOffset.UtcNow,
            Method = method,
            Generator = NetworkRegistry.Describe(generator),
            Discriminator = discriminator is null ? null : NetworkRegistry.Describe(discriminator),
            DistanceLoss = distance?.Name,
            SigmoidOutput = distance?.RequiresUnitInterval ?? false,
            SourceGroups = sourceGroups,
            Preprocessing = preprocessor.State,
            PreprocessingOptions = preprocessingOptions with { ExcludedSourceFeatures = [] },
            ExcludedSourceFeatureCount = preprocessingOptions.ExcludedSourceFeatures.Count,
            Training = training,
            Summary = summary,
            History = history,
            Weights = new WeightsEntry(WeightsEntryName, 0, string.Empty, module.parameters().Sum(p => p.numel())),
        };

    /// <summary>
    /// Records a translator's choice between its trained network and its fallback method: the selection, and when the
    /// fallback's model is kept, the translator's name as the method and the network's history.
    /// </summary>
    internal void AttachSelection(ModelSelection selection, string? method = null, TrainingHistory? history = null)
    {
        _manifest = _manifest with { Selection = selection, Method = method ?? _manifest.Method };
        if (history is not null)
        {
            _manifest = _manifest with
            {
                History = history.Epochs,
                Summary = (_manifest.Summary ?? new FitSummary()) with
                {
                    SelectedEpoch = history.SelectedEpoch,
                    EpochsRun = history.Epochs.Count,
                    StoppedEarly = history.StoppedEarly,
                    TrainingSeconds = history.Seconds,
                },
            };
            History = history;
        }
    }

    /// <summary>Records the test evaluation of a fit (before the model is handed to the caller).</summary>
    internal void AttachTestEvaluation(EvaluationResult? evaluation)
    {
        _manifest = _manifest with { TestMetrics = evaluation?.Metrics };
        if (Reports is not null)
        {
            Reports = Reports with { TestEvaluation = evaluation };
        }
    }
}
