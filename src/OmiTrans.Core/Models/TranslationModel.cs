using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Models;

/// <summary>
/// A fitted translation model: the preprocessing fitted on the training samples and the trained generator (or a
/// baseline's map). Translates source profiles into target profiles in target units, evaluates, and saves to one
/// file. Owns native memory: dispose it.
/// </summary>
/// <remarks>
/// <see cref="Translate(OmicsMatrix, TranslateOptions?)"/> and <see cref="Evaluate"/> may be called from several
/// threads at once (the network is only read); <see cref="Dispose"/> waits for calls in progress.
/// </remarks>
public sealed partial class TranslationModel : IDisposable
{
    private const int TranslateChunk = 2048;
    private readonly nn.Module<Tensor, Tensor> _generator;
    private readonly Generator _random;
    private FittedPreprocessor _preprocessor;
    private readonly Device _device;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private ModelManifest _manifest;
    private bool _disposed;

    internal TranslationModel(
        ModelManifest manifest,
        nn.Module<Tensor, Tensor> generator,
        Generator random,
        FittedPreprocessor preprocessor,
        Device device,
        FitReports? reports)
    {
        _manifest = manifest;
        _generator = generator;
        _random = random;
        _preprocessor = preprocessor;
        _device = device;
        _generator.eval();
        Reports = reports;
        History = HistoryOf(manifest);
    }

    private static TrainingHistory? HistoryOf(ModelManifest manifest) =>
        manifest.History is { } epochs && manifest.Summary is { } summary
            ? new TrainingHistory { Epochs = epochs, SelectedEpoch = summary.SelectedEpoch, StoppedEarly = summary.StoppedEarly, Seconds = summary.TrainingSeconds }
            : null;

    /// <summary>The method that produced the model ("omitrans", "mean", "ridge", ...).</summary>
    public string Method => _manifest.Method;

    /// <summary>The generator architecture ("fc", ...; "linear" or "constant" for baselines).</summary>
    public string GeneratorName => _manifest.Generator.Name;

    /// <summary>Source feature ids the model reads, in order (after preprocessing).</summary>
    public IReadOnlyList<string> SourceFeatureIds => _preprocessor.State.SourceFeatures;

    /// <summary>Target feature ids the model predicts, in order.</summary>
    public IReadOnlyList<string> TargetFeatureIds => _preprocessor.State.TargetFeatures;

    /// <summary>The training options (null for methods without a training loop).</summary>
    public TrainingOptions? TrainingOptions => _manifest.Training;

    /// <summary>
    /// The per-epoch history (null for methods without a training loop). When a translator kept its fallback method's
    /// model, this is the trained network's history (see <see cref="Selection"/>).
    /// </summary>
    public TrainingHistory? History { get; private set; }

    /// <summary>
    /// For a translator's fit: which model was kept (the trained network or the fallback method's) and why, with both
    /// validation figures; null for other methods.
    /// </summary>
    public ModelSelection? Selection => _manifest.Selection;

    /// <summary>Metrics on the test samples of the fit (target units), or null when the split had no test samples.</summary>
    public TranslationMetrics? TestMetrics => _manifest.TestMetrics;

    /// <summary>The full test evaluation of the fit (per feature and per sample); null for a loaded model or without test samples.</summary>
    public EvaluationResult? TestEvaluation => Reports?.TestEvaluation;

    /// <summary>The alignment, split and preprocessing reports of the fit; null for a loaded model.</summary>
    public FitReports? Reports { get; private set; }

    /// <summary>Method-specific facts of the fit, such as the penalty ridge or lasso chose; empty when there are none.</summary>
    public IReadOnlyDictionary<string, double> FitDetails => _manifest.Summary?.Details ?? new Dictionary<string, double>();

    /// <summary>The library version that created the model.</summary>
    public string LibraryVersion => _manifest.LibraryVersion;

    /// <summary>When the model was created (UTC).</summary>
    public DateTimeOffset CreatedUtc => _manifest.CreatedUtc;

    /// <summary>Number of trainable parameters of the generator.</summary>
    public long ParameterCount => _manifest.ParameterCount;

    /// <summary>Whether the model holds the training reference distribution needed by <see cref="TranslateOptions.QuantileNormalize"/>.</summary>
    public bool HasQuantileReference => _preprocessor.State.SourceQuantileReference is not null;

    /// <summary>
    /// The value transform the model applies to source data before translating it (recorded at fitting from
    /// <see cref="PreprocessingOptions.SourceTransform"/>): give it data in the raw units of the training data.
    /// </summary>
    public ValueTransform SourceTransform => _preprocessor.State.SourceTransform;

    /// <summary>
    /// The value transform of the target data the model learned (<see cref="PreprocessingOptions.TargetTransform"/>):
    /// its translations are in these units (for example log2(x + 1) values), and <see cref="Evaluate"/> applies it to
    /// the actual values before comparing.
    /// </summary>
    public ValueTransform TargetTransform => _preprocessor.State.TargetTransform;

    /// <summary>The device the model runs on.</summary>
    public string Device => _device.ToString();

    /// <summary>
    /// How many of the model's source features a data set provides, and how many values it observes (not missing) per
    /// feature and per sample.
    /// </summary>
    /// <param name="source">Source data (features in any order; extra features are ignored).</param>
    public SourceCoverage GetCoverage(OmicsMatrix source)
    {
        Guard.NotNull(source);
        var byIds = CoverageOf(source.FeatureIds);
        int n = source.SampleCount;
        var observedPerSample = new int[n];
        var empty = new List<string>();
        long observed = 0;
        foreach (var id in SourceFeatureIds)
        {
            int index = source.IndexOfFeature(id);
            if (index < 0)
            {
                continue;
            }

            var values = source.GetFeatureValues(index);
            int count = 0;
            for (int s = 0; s < n; s++)
            {
                if (!float.IsNaN(values[s]))
                {
                    observedPerSample[s]++;
                    count++;
                }
            }

            if (count == 0)
            {
                empty.Add(id);
            }

            observed += count;
        }

        int modelFeatures = SourceFeatureIds.Count;
        return byIds with
        {
            EmptyFeatures = empty,
            ObservedValueCount = observed,
            Samples = source.SampleIds.Select((id, s) => new SampleSourceCoverage(id, observedPerSample[s], modelFeatures)).ToArray(),
        };
    }

    /// <summary>
    /// Translates a cohort file into a target file chunk by chunk of samples, so that memory stays bounded by the chunk
    /// size (a cohort larger than RAM can be translated). Features are matched by id as in <see cref="Translate"/>; the
    /// output (TSV, or CSV by extension, .gz to compress) appears atomically when complete and holds the same values
    /// <see cref="Translate"/> would give.
    /// </summary>
    /// <param name="sourcePath">The source table (TSV/CSV, optionally gzip-compressed).</param>
    /// <param name="outputPath">The output table.</param>
    /// <param name="options">Chunk size, layouts, coverage and quantile normalisation; null for the defaults.</param>
    /// <param name="progress">Receives the samples done after each chunk.</param>
    /// <param name="cancellationToken">Stops between chunks; the output file is then not created.</param>
    /// <returns>What was translated.</returns>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="OmicsFormatException">The file is malformed (file, line and column named).</exception>
    /// <exception cref="OmicsSchemaException">Too few of the model's source features are present.</exception>
    public StreamingResult TranslateFile(string sourcePath, string outputPath, StreamingTranslateOptions? options = null, IProgress<StreamingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.NotNullOrWhiteSpace(sourcePath);
        Guard.NotNullOrWhiteSpace(outputPath);
        options ??= new StreamingTranslateOptions();
        OptionsValidationException.ThrowIfAny(nameof(StreamingTranslateOptions), options.Validate());
        if (SourceTransform == ValueTransform.CountsPerMillionLog2)
        {
            throw new InvalidOperationException(
                "This model applies counts per million to its source, which needs every feature of a sample at once; chunked translation reads only the model's features. Translate the cohort in memory (Translate) instead.");
        }

        return new ChunkedTranslator(this, sourcePath, options).Run(outputPath, progress, cancellationToken);
    }

    internal SourceCoverage CoverageOf(IReadOnlyList<string> featureIds)
    {
        var present = new HashSet<string>(featureIds, StringComparer.Ordinal);
        var missing = SourceFeatureIds.Where(id => !present.Contains(id)).ToArray();
        var modelFeatures = new HashSet<string>(SourceFeatureIds, StringComparer.Ordinal);
        return new SourceCoverage
        {
            ModelFeatureCount = SourceFeatureIds.Count,
            PresentFeatureCount = SourceFeatureIds.Count - missing.Length,
            MissingFeatures = missing,
            ExtraFeatureCount = featureIds.Count(id => !modelFeatures.Contains(id)),
        };
    }

    internal static void EnsureCoverage(SourceCoverage coverage, string origin, TranslateOptions options)
    {
        if (coverage.Fraction < options.MinimumCoverage)
        {
            throw new OmicsSchemaException(
                $"The source data ({origin}) provides {coverage.PresentFeatureCount} of the model's {coverage.ModelFeatureCount} source features "
                + $"({Percent(coverage.Fraction)}), below the required {Percent(options.MinimumCoverage)}; {coverage.MissingFeatures.Count} are missing: {Preview.Of(coverage.MissingFeatures)}.");
        }

        if (options.LowCoverageSamples == LowCoverageSamples.Refuse && coverage.SamplesBelow(options.MinimumCoverage) is { Count: > 0 } low)
        {
            throw new OmicsSchemaException(
                $"{low.Count} of the {coverage.Samples.Count} samples of {origin} observe less than the required {Percent(options.MinimumCoverage)} of the model's {coverage.ModelFeatureCount} source features "
                + $"({Preview.Of(low.Select(s => $"'{s.SampleId}' {s.ObservedFeatures} ({Percent(s.Fraction)})"))}); they would be translated mostly from the training mean. "
                + "Remove them, lower the minimum coverage (--min-coverage), or translate them anyway, flagged (--keep-low-coverage; TranslateOptions.LowCoverageSamples = Keep).");
        }
    }

    /// <summary>
    /// Translates source profiles into target profiles (target units, after <see cref="TargetTransform"/>). The source
    /// is given in raw units: the model applies its <see cref="SourceTransform"/> first. Source features are matched by
    /// id: extra features are ignored, missing ones are filled with their training mean, provided enough are present.
    /// </summary>
    /// <param name="source">Source data, one column per sample.</param>
    /// <param name="options">Coverage requirements; null for the defaults (at least 80 % of the features).</param>
    /// <returns>The translated target profiles, one column per source sample, with the model's target features.</returns>
    /// <exception cref="OmicsSchemaException">
    /// Too few of the model's source features are observed, or (unless <see cref="TranslateOptions.LowCoverageSamples"/>
    /// keeps them) some samples observe too few of them.
    /// </exception>
    /// <exception cref="InvalidOperationException">The network produced non-finite values.</exception>
    public OmicsMatrix Translate(OmicsMatrix source, TranslateOptions? options = null)
    {
        Guard.NotNull(source);
        options ??= TranslateOptions.Default;
        _lock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var prepared = PrepareSource(_preprocessor.TransformSource(source), options);
            if (options.QuantileNormalize)
            {
                var reference = _preprocessor.State.SourceQuantileReference
                    ?? throw new InvalidOperationException("This model file holds no quantile reference (it was written by an older version); translate without quantile normalisation or retrain.");
                prepared = QuantileNormalizer.Apply(prepared, reference, _preprocessor.State.SourceFill);
            }

            var scaled = PredictScaled(prepared);
            var result = _preprocessor.TargetFromSampleMajor(scaled, prepared.SampleIds, $"translation of {source.Origin} by {Method}");
            CheckFinite(result);
            return result;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Translates the source and computes the nine metrics against actual target values, on the samples both share, in
    /// the model's target units: the actual values are given raw and transformed with <see cref="TargetTransform"/>.
    /// </summary>
    /// <param name="source">Source data (raw units).</param>
    /// <param name="actual">Actual target data (raw units; features matched by id; missing values are left out).</param>
    /// <param name="options">Coverage requirements for the source.</param>
    /// <returns>The metrics with per-feature and per-sample values.</returns>
    /// <exception cref="OmicsSchemaException">The source and target share no sample, or the target lacks the model's features.</exception>
    public EvaluationResult Evaluate(OmicsMatrix source, OmicsMatrix actual, TranslateOptions? options = null)
    {
        Guard.NotNull(source);
        Guard.NotNull(actual);
        var shared = source.SampleIds.Where(id => actual.IndexOfSample(id) >= 0).ToArray();
        if (shared.Length == 0)
        {
            throw new OmicsSchemaException(
                $"Source ({source.Origin}) and target ({actual.Origin}) share 0 sample ids (source e.g. {Preview.Of(source.SampleIds, 3)}; target e.g. {Preview.Of(actual.SampleIds, 3)}).");
        }

        var missingTargets = TargetFeatureIds.Where(id => actual.IndexOfFeature(id) < 0).ToArray();
        if (missingTargets.Length > 0)
        {
            throw new OmicsSchemaException(
                $"The target data ({actual.Origin}) lacks {missingTargets.Length} of the model's {TargetFeatureIds.Count} target features: {Preview.Of(missingTargets)}.");
        }

        var predicted = Translate(source.SelectSamples(shared), options);
        var actualAligned = _preprocessor.TransformTarget(actual.SelectSamples(shared)).SelectFeatures(TargetFeatureIds);
        return TranslationEvaluator.Evaluate(predicted, actualAligned, _device);
    }

    /// <summary>Releases the network's native memory. Waits for translations in progress.</summary>
    public void Dispose()
    {
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _generator.Dispose();
            _random.Dispose();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The source with exactly the model's features, in order; missing features all NaN (imputed later).</summary>
    private OmicsMatrix PrepareSource(OmicsMatrix source, TranslateOptions options)
    {
        var features = _preprocessor.State.SourceFeatures;
        EnsureCoverage(GetCoverage(source), source.Origin, options);
        if (source.FeatureIds.SequenceEqual(features, StringComparer.Ordinal))
        {
            return source;
        }

        int n = source.SampleCount;
        var values = new float[(long)features.Length * n];
        for (int f = 0; f < features.Length; f++)
        {
            int index = source.IndexOfFeature(features[f]);
            var destination = values.AsSpan((int)((long)f * n), n);
            if (index < 0)
            {
                destination.Fill(float.NaN);
            }
            else
            {
                source.GetFeatureValues(index).CopyTo(destination);
            }
        }

        return OmicsMatrix.CreateTrusted(features, source.SampleIds.ToArray(), values, source.Origin);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private float[] PredictScaled(OmicsMatrix source)
    {
        int n = source.SampleCount;
        int fs = _preprocessor.SourceFeatureCount;
        int ft = _preprocessor.TargetFeatureCount;
        var scaledSource = _preprocessor.SourceToSampleMajor(source);
        var output = new float[(long)n * ft];
        using var noGrad = no_grad();
        for (int start = 0; start < n; start += TranslateChunk)
        {
            int count = Math.Min(TranslateChunk, n - start);
            using var scope = NewDisposeScope();
            var chunk = TensorConversions.FromRowMajor(scaledSource.AsSpan(start * fs, count * fs), count, fs, _device);
            var predicted = NetworkTrainer.Predict(_generator, chunk).to(ScalarType.Float32).cpu().contiguous();
            predicted.data<float>().CopyTo(output.AsSpan(start * ft, count * ft));
        }

        return output;
    }

    private static void CheckFinite(OmicsMatrix result)
    {
        var values = result.RawValues;
        for (long i = 0; i < values.LongLength; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                int feature = (int)(i / result.SampleCount);
                int sample = (int)(i % result.SampleCount);
                throw new InvalidOperationException(
                    $"The model produced a non-finite value ({values[i]}) for sample '{result.SampleIds[sample]}', feature '{result.FeatureIds[feature]}'; nothing was written. Check the source for extreme values.");
            }
        }
    }
}
