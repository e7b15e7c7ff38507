using System.IO.Compression;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Training;

/// <summary>
/// Saves and restores a <see cref="TrainingRun"/>: a zip with the state (JSON) and the weights of the generator,
/// the discriminator, the best generator so far, both optimisers' state and the random generator's state, and a last
/// entry with the SHA-256 of every other (<see cref="ChecksummedArchive"/>), verified before anything is restored.
/// </summary>
internal static class TrainingCheckpoint
{
    private const int FormatVersion = 3; // 2: the optimizer state in InPlaceAdam's own format; 3: checksums of every entry
    private const string StateEntry = "state.json";
    private const long MaxStateBytes = 256L << 20;
    private const long MaxTensorBytes = 64L << 30;
    private const string StartAgain = "The checkpoint cannot be resumed: delete it (or train into another folder) to start again.";

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
            using var archive = new ChecksummedArchive.Writer(stream);
            archive.Add(StateEntry, CompressionLevel.Optimal, s =>
            {
                using var writer = new StreamWriter(s);
                writer.Write(Json.Serialize(state));
            });
            archive.Add("generator.bin", CompressionLevel.Fastest, s => run.Generator.save(s));
            if (run.Discriminator is { } discriminator)
            {
                archive.Add("discriminator.bin", CompressionLevel.Fastest, s => discriminator.save(s));
            }

            if (run.Best is { } best)
            {
                archive.Add("best-generator.bin", CompressionLevel.Fastest, s =>
                {
                    using var writer = new BinaryWriter(s);
                    nn.Module.save_state_dict(writer, new Dictionary<string, Tensor>(best));
                });
            }

            archive.Add("generator-optimizer.bin", CompressionLevel.Fastest, s => SaveOptimizer(run.GeneratorOptimizer, s));
            if (run.DiscriminatorOptimizer is { } d)
            {
                archive.Add("discriminator-optimizer.bin", CompressionLevel.Fastest, s => SaveOptimizer(d, s));
            }

            archive.Add("random.bin", CompressionLevel.Fastest, s =>
            {
                using var randomState = run.Random.get_state();
                using var cpu = randomState.cpu();
                s.Write(cpu.bytes);
            });
            archive.Complete();
        });
    }

    public static void Restore(string path, TrainingRun run, TrainerSetup setup, string fingerprint)
    {
        using var file = File.OpenRead(path);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            _ = zip.Entries.Count; // reads the whole zip directory now, so that its damage is reported here
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{path} is not a training checkpoint, or is damaged in its zip directory: {ex.Message} {StartAgain}", ex);
        }

        using (zip)
        {
            Restore(zip, path, run, setup, fingerprint);
        }
    }

    private static void Restore(ZipArchive zip, string path, TrainingRun run, TrainerSetup setup, string fingerprint)
    {
        if (!ChecksummedArchive.Reader.HasChecksums(zip))
        {
            throw new InvalidDataException(
                $"{path} has no '{ChecksummedArchive.ChecksumsEntry}' entry: it was written by an older OmiTrans (checkpoint format 2 or earlier) or is damaged. {StartAgain}");
        }

        ChecksummedArchive.Reader archive;
        try
        {
            archive = ChecksummedArchive.Reader.Verify(zip, path, name => name == StateEntry ? MaxStateBytes : name.EndsWith(".bin", StringComparison.Ordinal) ? MaxTensorBytes : 0);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{ex.Message} {StartAgain}", ex);
        }

        var state = Json.Deserialize<State>(new System.Text.UTF8Encoding(false).GetString(archive.ReadAllBytes(StateEntry)), $"{path} ({StateEntry})");
        if (state.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"{path}: checkpoint format version {state.FormatVersion} is not supported (expected {FormatVersion}). {StartAgain}");
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
            Load(archive, "best-generator.bin", path, s => run.Generator.load(s));
            run.SetBest(TrainingRun.Snapshot(run.Generator));
        }

        Load(archive, "generator.bin", path, s => run.Generator.load(s));
        if (run.Discriminator is { } discriminator)
        {
            Load(archive, "discriminator.bin", path, s => discriminator.load(s));
        }

        Load(archive, "generator-optimizer.bin", path, s => LoadOptimizer(run.GeneratorOptimizer, s));
        if (run.DiscriminatorOptimizer is { } d)
        {
            Load(archive, "discriminator-optimizer.bin", path, s => LoadOptimizer(d, s));
        }

        Load(archive, "random.bin", path, s =>
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

    private static void Load(ChecksummedArchive.Reader archive, string name, string path, Action<Stream> read)
    {
        if (!archive.Entries.Contains(name))
        {
            throw new InvalidDataException($"{path} is damaged: it has no '{name}' entry. {StartAgain}");
        }

        using var input = archive.Open(name);
        read(input);
    }
}
