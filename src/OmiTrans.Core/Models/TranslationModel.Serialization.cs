using System.IO.Compression;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Models;

/// <summary>
/// Saving and loading: one zip file (format version 2: manifest.json, arrays.bin, generator.bin and checksums.sha256
/// covering every other entry; version 1 files are still read). See docs/model-format.md and <see cref="ModelFile"/>.
/// </summary>
public sealed partial class TranslationModel
{
    /// <summary>The library version written into model files.</summary>
    internal static string CurrentLibraryVersion { get; } =
        typeof(TranslationModel).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The format version of the file this model was read from (the current version for a fitted model).</summary>
    internal int FormatVersion => _manifest.FormatVersion;

    /// <summary>Saves the model to one file (format version 2: a zip of a JSON manifest, the per-feature arrays, the weights and their checksums), atomically.</summary>
    /// <param name="path">The destination, conventionally ending in .omitrans.</param>
    public void Save(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Saves the model to a stream (format version 2).</summary>
    /// <param name="stream">A writable stream; left open.</param>
    public void Save(Stream stream)
    {
        Guard.NotNull(stream);
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ModelFile.Write(stream, _manifest, s => _generator.save(s));
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// The model's description as indented camelCase JSON (what <c>omitrans inspect --json</c> prints): the format
    /// version 2 manifest (docs/model-format.md), whatever version the model was read from, with
    /// <c>formatVersion</c> the version of that file.
    /// </summary>
    public string DescribeAsJson() => Json.Serialize(Describe());

    /// <summary>The model's description in the format's own records (for <c>omitrans inspect</c>).</summary>
    internal ManifestV2 Describe() => ModelFileV2.ToManifest(_manifest) with { FormatVersion = _manifest.FormatVersion };

    /// <summary>Loads a model saved with <see cref="Save(string)"/> (format version 1 or 2).</summary>
    /// <param name="path">The model file.</param>
    /// <param name="options">Device and custom generators; null for the CPU and built-in generators.</param>
    /// <exception cref="InvalidDataException">The file is not a model file, is truncated or damaged (the message names the damaged entry), comes from a newer format version, or its weights do not fit its network.</exception>
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
            _ = zip.Entries.Count; // reads the whole zip directory now, so that its damage is reported here
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{origin} is not a model file (not a zip archive, or truncated or damaged in its zip directory): {ex.Message}", ex);
        }

        using (zip)
        {
            var content = ModelFile.Read(zip, origin);
            var manifest = content.Manifest;
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
                    using var weights = content.OpenWeights();
                    generator.load(weights, strict: true);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
                {
                    throw new InvalidDataException($"{origin}: the weights ('{ModelFile.WeightsEntry}') do not fit the '{manifest.Generator.Name}' network described by the manifest: {ex.Message}", ex);
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
            ParameterCount = module.parameters().Sum(p => p.numel()),
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

    /// <summary>
    /// Records the value transforms of the fit (before the model is handed to the caller): the model was fitted on
    /// transformed data, and from now on applies the source transform to what it translates and the target transform to
    /// the actual values it is evaluated against.
    /// </summary>
    internal void AttachValueTransforms(ValueTransform source, ValueTransform target)
    {
        _lock.EnterWriteLock();
        try
        {
            var state = _preprocessor.State with { SourceTransform = source, TargetTransform = target };
            _preprocessor = new FittedPreprocessor(state);
            _manifest = _manifest with
            {
                Preprocessing = state,
                PreprocessingOptions = _manifest.PreprocessingOptions is { } o ? o with { SourceTransform = source, TargetTransform = target } : null,
            };
        }
        finally
        {
            _lock.ExitWriteLock();
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
