using System.CommandLine;
using OmiTrans.Networks;

namespace OmiTrans.Cli.Commands;

/// <summary>Option definitions shared by several commands (a new instance per command).</summary>
internal static class CliOptions
{
    public static Option<FileInfo> RequiredFile(string name, string description)
        => new(name) { Description = description, Required = true };

    public static Option<FileInfo?> OptionalFile(string name, string description)
        => new(name) { Description = description };

    public static Option<int> Int(string name, string description, int defaultValue)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<double> Double(string name, string description, double defaultValue)
        => new(name) { Description = description, DefaultValueFactory = _ => defaultValue };

    public static Option<string> Text(string name, string description, string defaultValue, params string[] allowed)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        if (allowed.Length > 0)
        {
            option.AcceptOnlyFromAmong(allowed);
        }

        return option;
    }

    public static Option<bool> Flag(string name, string description) => new(name) { Description = description };
}

/// <summary>The data options of train and compare: input files, layout, alignment, split and preprocessing.</summary>
internal sealed class DataOptions
{
    public Option<FileInfo> Source { get; } = CliOptions.RequiredFile("--source", "Source omics table (features as rows, samples as columns; TSV/CSV, optionally .gz).");

    public Option<FileInfo> Target { get; } = CliOptions.RequiredFile("--target", "Target omics table, same layout.");

    public Option<FileInfo?> SourceLocations { get; } = CliOptions.OptionalFile("--source-locations", "Location table of the source features (feature, chrom, start): orders them by chromosome 1..22, X, Y and position.");

    public Option<FileInfo?> TargetLocations { get; } = CliOptions.OptionalFile("--target-locations", "Location table of the target features.");

    public Option<FileInfo?> Split { get; } = CliOptions.OptionalFile("--split", "Split file (sample, set = train/validation/test); default: a seeded random 80/10/10 split.");

    public Option<bool> SamplesInRows { get; } = CliOptions.Flag("--samples-in-rows", "The input tables hold one sample per row (feature ids in the header).");

    public Option<string> SampleMatching { get; } = CliOptions.Text("--sample-matching", "How sample ids are matched: exact, or TCGA barcodes truncated to patient (12), sample (15) or vial (16) characters.", "exact", "exact", "patient", "sample", "vial");

    public Option<double> MaxMissing { get; } = CliOptions.Double("--max-missing", "Drop features missing in more than this fraction of training samples.", 0.1);

    public Option<string> SourceScaling { get; } = CliOptions.Text("--source-scaling", "How source features are scaled (fitted on training samples).", "none", "none", "standardize", "minmax");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Source, Target, SourceLocations, TargetLocations, Split, SamplesInRows, SampleMatching, MaxMissing, SourceScaling })
        {
            command.Options.Add(option);
        }
    }

    public OmicsReadOptions ReadOptions(ParseResult result) => new() { SamplesInRows = result.GetValue(SamplesInRows) };

    public PreprocessingOptions Preprocessing(ParseResult result) => new()
    {
        MaxMissingFraction = result.GetValue(MaxMissing),
        SourceScaling = result.GetValue(SourceScaling) switch
        {
            "standardize" => OmiTrans.SourceScaling.Standardize,
            "minmax" => OmiTrans.SourceScaling.MinMax,
            _ => OmiTrans.SourceScaling.None,
        },
    };

    public DatasetAligner Aligner(ParseResult result) => new(new DatasetAlignerOptions
    {
        SourceLocations = result.GetValue(SourceLocations) is { } s ? LocationTable.Read(s.FullName) : null,
        TargetLocations = result.GetValue(TargetLocations) is { } t ? LocationTable.Read(t.FullName) : null,
        SampleMatching = result.GetValue(SampleMatching) switch
        {
            "patient" => OmiTrans.SampleMatching.TcgaPatient,
            "sample" => OmiTrans.SampleMatching.TcgaSample,
            "vial" => OmiTrans.SampleMatching.TcgaVial,
            _ => OmiTrans.SampleMatching.Exact,
        },
    });

    public SampleSplit? ExplicitSplit(ParseResult result) => result.GetValue(Split) is { } f ? SampleSplit.Read(f.FullName) : null;
}

/// <summary>The model and training options of train (and of OmiTrans in compare).</summary>
internal sealed class ModelOptions
{
    private static readonly TrainingOptions Defaults = new();

    public Option<int> Epochs { get; } = CliOptions.Int("--epochs", "Training epochs.", Defaults.Epochs);

    public Option<int?> DecayEpochs { get; } = new("--decay-epochs") { Description = "Last epochs over which the learning rate decays linearly towards zero (default: half of the epochs)." };

    public Option<int> BatchSize { get; } = CliOptions.Int("--batch-size", "Samples per mini-batch.", Defaults.BatchSize);

    public Option<int> Seed { get; } = CliOptions.Int("--seed", "Seed of the split, initialisation, shuffling and dropout.", Defaults.Seed);

    public Option<double> Lambda { get; } = CliOptions.Double("--lambda", "Weight of the distance loss against the adversarial loss (0 = plain conditional GAN).", Defaults.DistanceLossWeight);

    public Option<double> LearningRate { get; } = CliOptions.Double("--lr", "Adam learning rate of both networks.", Defaults.GeneratorLearningRate);

    public Option<string> Distance { get; } = CliOptions.Text("--distance", "Distance loss.", "l1", "l1", "mse", "bce");

    public Option<string> Gan { get; } = CliOptions.Text("--gan", "Adversarial objective.", "vanilla", "vanilla", "lsgan", "wgangp");

    public Option<double> Dropout { get; } = CliOptions.Double("--dropout", "Dropout probability in the generator's blocks.", new FullyConnectedGenerator().DropoutProbability);

    public Option<int?> EarlyStopping { get; } = new("--early-stopping") { Description = "Stop after this many epochs without a better validation mean featurewise R² (default: train all epochs)." };

    public Option<string> Device { get; } = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");

    public Option<int> Threads { get; } = CliOptions.Int("--threads", "CPU threads for tensor operations (0 = one per core).", 0);

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Epochs, DecayEpochs, BatchSize, Seed, Lambda, LearningRate, Distance, Gan, Dropout, EarlyStopping, Device, Threads })
        {
            command.Options.Add(option);
        }
    }

    public TrainingOptions Training(ParseResult result)
    {
        return Defaults with
        {
            Epochs = result.GetValue(Epochs),
            DecayEpochs = result.GetValue(DecayEpochs),
            BatchSize = result.GetValue(BatchSize),
            Seed = result.GetValue(Seed),
            DistanceLossWeight = result.GetValue(Lambda),
            GeneratorLearningRate = result.GetValue(LearningRate),
            DiscriminatorLearningRate = result.GetValue(LearningRate),
            GanObjective = result.GetValue(Gan) switch
            {
                "lsgan" => GanObjective.LeastSquares,
                "wgangp" => GanObjective.WassersteinGradientPenalty,
                _ => GanObjective.Vanilla,
            },
            DiscriminatorSteps = result.GetValue(Gan) == "wgangp" ? 5 : 1,
            EarlyStoppingPatience = result.GetValue(EarlyStopping),
        };
    }

    public IDistanceLoss DistanceLoss(ParseResult result) => DistanceLosses.FromName(result.GetValue(Distance)!)!;

    public IGenerator Generator(ParseResult result) => new FullyConnectedGenerator { DropoutProbability = result.GetValue(Dropout) };

    public DeviceOptions DeviceOptions(ParseResult result) => OmiTrans.DeviceOptions.Parse(result.GetValue(Device)!);

    public void ApplyThreads(ParseResult result) => Runtime.ApplyThreads(result.GetValue(Threads));
}
