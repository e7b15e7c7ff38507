using System.IO.Compression;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Saves and restores a <see cref="TrainingRun"/>: a zip with the state (JSON) and the weights of the generator,
/// the discriminator, the best generator so far, both optimisers' state and the random generator's state.
/// </summary>
internal static class TrainingCheckpoint
{
    private const int FormatVersion = 2; // 2: the optimizer state in InPlaceAdam's own format

    /// <summary>What the checkpoint records besides tensors.</summary>
    internal sealed record State
    {
        public int FormatVersion { get; init; }

        public int CompletedEpochs { get; init; }

        public int SelectedEpoch { get; init; }

        public int BestEpoch { get; init; }

        public double BestValue { get; init; }

        public double PlateauBest { get; init; }

        public int PlateauBadEpochs { get; init; }

        public double PlateauFactor { get; init; }

        public bool HasBest { get; init; }

        public required string DataFingerprint { get; init; }

        public required NetworkSpec Generator { get; init; }

        public NetworkSpec? Discriminator { get; init; }

        public required string DistanceLoss { get; init; }

        public required TrainingOptions Options { get; init; }

        public required IReadOnlyList<EpochReport> History { get; init; }
    }

    public static void Save(string path, TrainingRun run, TrainerSetup setup, string fingerprint)
    {
        var state = new State
        {
            FormatVersion = FormatVersion,
            CompletedEpochs = run.CompletedEpochs,
            SelectedEpoch = run.SelectedEpoch,
            BestEpoch = run.Selector.BestEpoch,
            BestValue = run.Selector.BestValue,
            PlateauBest = run.Scheduler.PlateauBest,
            PlateauBadEpochs = run.Scheduler.PlateauBadEpochs,
            PlateauFactor = run.Scheduler.PlateauFactorValue,
            HasBest = run.Best is not null,
            DataFingerprint = fingerprint,
            Generator = NetworkRegistry.Describe(setup.Generator),
            Discriminator = setup.Discriminator is null ? null : NetworkRegistry.Describe(setup.Discriminator),
            DistanceLoss = setup.Distance.Name,
            Options = setup.Options,
            History = run.Reports.ToArray(),
        };

        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            Write(zip, "state.json", s =>
            {
                using var writer = new StreamWriter(s);
                writer.Write(Json.Serialize(state));
            });
            Write(zip, "generator.bin", s => run.Generator.save(s));
            if (run.Discriminator is { } discriminator)
            {
                Write(zip, "discriminator.bin", s => discriminator.save(s));
            }

            if (run.Best is { } best)
            {
                Write(zip, "best-generator.bin", s =>
                {
                    using var writer = new BinaryWriter(s);
                    nn.Module.save_state_dict(writer, new Dictionary<string, Tensor>(best));
                });
            }

            Write(zip, "generator-optimizer.bin", s => SaveOptimizer(run.GeneratorOptimizer, s));
            if (run.DiscriminatorOptimizer is { } d)
            {
                Write(zip, "discriminator-optimizer.bin", s => SaveOptimizer(d, s));
            }

            Write(zip, "random.bin", s =>
            {
                using var randomState = run.Random.get_state();
                using var cpu = randomState.cpu();
                s.Write(cpu.bytes);
            });
        });
    }

    public static void Restore(string path, TrainingRun run, TrainerSetup setup, string fingerprint)
    {
        using var zip = ZipFile.OpenRead(path);
        var state = Json.Deserialize<State>(ReadText(zip, "state.json", path), path);
        if (state.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"{path}: checkpoint format version {state.FormatVersion} is not supported (expected {FormatVersion}).");
        }

        if (state.DataFingerprint != fingerprint)
        {
            throw new InvalidOperationException($"{path} was written for different training data (or different preprocessing); it cannot be resumed with this data.");
        }

        // The number of epochs may grow (to train longer); every other setting must match the interrupted run.
        if (state.Generator.Name != setup.Generator.Name || state.Options with { Epochs = setup.Options.Epochs } != setup.Options)
        {
            throw new InvalidOperationException(
                $"{path} was written with other settings (generator '{state.Generator.Name}', options {Json.Serialize(state.Options).ReplaceLineEndings(" ")}); resume with the settings of the interrupted run.");
        }

        var settings = NetworkRegistry.Describe(setup.Generator).Settings;
        if (state.Generator.Settings is { } saved && settings is { } current
            && !System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(saved.GetRawText()), System.Text.Json.Nodes.JsonNode.Parse(current.GetRawText())))
        {
            throw new InvalidOperationException(
                $"{path} was written with other settings of the generator '{state.Generator.Name}' ({saved.GetRawText()}, now {current.GetRawText()}); resume with the settings of the interrupted run.");
        }

        if (state.CompletedEpochs > setup.Options.Epochs)
        {
            throw new InvalidOperationException($"{path} has already completed {state.CompletedEpochs} epochs, more than the {setup.Options.Epochs} asked for.");
        }

        if (state.HasBest)
        {
            // Load the best weights through the generator itself, keep a copy, then load the current weights.
            Load(zip, "best-generator.bin", path, s => run.Generator.load(s));
            run.SetBest(TrainingRun.Snapshot(run.Generator));
        }

        Load(zip, "generator.bin", path, s => run.Generator.load(s));
        if (run.Discriminator is { } discriminator)
        {
            Load(zip, "discriminator.bin", path, s => discriminator.load(s));
        }

        Load(zip, "generator-optimizer.bin", path, s => LoadOptimizer(run.GeneratorOptimizer, s));
        if (run.DiscriminatorOptimizer is { } d)
        {
            Load(zip, "discriminator-optimizer.bin", path, s => LoadOptimizer(d, s));
        }

        Load(zip, "random.bin", path, s =>
        {
            var bytes = new byte[s.Length];
            s.ReadExactly(bytes);
            using var randomState = tensor(bytes, ScalarType.Byte);
            run.Random.set_state(randomState);
        });

        run.CompletedEpochs = state.CompletedEpochs;
        run.SelectedEpoch = state.SelectedEpoch;
        run.Selector.Restore(state.BestEpoch, state.BestValue);
        run.Scheduler.PlateauBest = state.PlateauBest;
        run.Scheduler.PlateauBadEpochs = state.PlateauBadEpochs;
        run.Scheduler.PlateauFactorValue = state.PlateauFactor;
        run.Reports.Clear();
        run.Reports.AddRange(state.History);
    }

    /// <summary>A cheap fingerprint of the training data and its layout, to refuse resuming on other data.</summary>
    public static string Fingerprint(TrainingTensors data, int seed)
    {
        using var scope = NewDisposeScope();
        double source = data.TrainSource.to(ScalarType.Float64).sum().item<double>();
        double target = data.TrainTarget.to(ScalarType.Float64).sum().item<double>();
        return FormattableString.Invariant($"{data.TrainSource.shape[0]}x{data.TrainSource.shape[1]}:{source:R}|{data.TrainTarget.shape[1]}:{target:R}|v{data.ValidationCount}|s{seed}");
    }

    private static void SaveOptimizer(InPlaceAdam optimizer, Stream stream)
    {
        using var writer = new BinaryWriter(stream);
        optimizer.Save(writer);
    }

    private static void LoadOptimizer(InPlaceAdam optimizer, Stream stream)
    {
        using var reader = new BinaryReader(stream);
        optimizer.Load(reader);
    }

    private static void Write(ZipArchive zip, string name, Action<Stream> write)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        write(entry);
    }

    private static string ReadText(ZipArchive zip, string name, string path)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path} is not a training checkpoint: it has no '{name}' entry.");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    private static void Load(ZipArchive zip, string name, string path, Action<Stream> read)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"{path} is damaged: it has no '{name}' entry.");
        using var input = entry.Open();
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        buffer.Position = 0;
        read(buffer);
    }
}
