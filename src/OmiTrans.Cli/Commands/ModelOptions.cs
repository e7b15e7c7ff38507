using System.CommandLine;
using System.Globalization;

namespace OmiTrans.Cli.Commands;

/// <summary>
/// The model and training options of train (and of OmiTrans in compare). A preset gives the starting settings;
/// every option given on the command line overrides it.
/// </summary>
internal sealed class ModelOptions
{
    private static readonly TranslatorSettings Defaults = TranslatorPresets.Default;

    public Option<string> Preset { get; } = CliOptions.Text("--preset", "Starting settings: the library's defaults (cross-validated selection up to 300 training and validation samples), validation-split (the defaults with every choice made on the single validation split, one network fit), or the paper's Table 2 exactly (FC 4096-1024-512-256-512-1024-4096, batch 128, lr 1e-4, 800 epochs).", "default", "default", "validation-split", "paper");

    public Option<int?> CvFolds { get; } = new Option<int?>("--cv-folds") { Description = "Folds of the cross-validated selection on small cohorts (default 5; see docs/choosing-settings.md)." }.Between(2);

    public Option<int?> CvMaxSamples { get; } = new Option<int?>("--cv-max-samples") { Description = "Cross-validate when training and validation samples together are at most this many (default 300; 0 never)." }.Between(0);

    public Option<string> Generator { get; } = CliOptions.Text("--generator", "Generator: auto (the default: cis when both location tables are given, fc otherwise), fc (encoder-decoder), unet (1D U-Net), fc-chromosome (per-chromosome first layer; needs --source-locations), ved (variational), cis (a small network per target feature over its nearest source features, plus a shared path; needs --source-locations and --target-locations).", "auto", "auto", "fc", "unet", "fc-chromosome", "ved", "cis");

    public Option<string> Discriminator { get; } = CliOptions.Text("--discriminator", "Discriminator: fc, fc-chromosome (the original code's per-chromosome one; needs --source-locations), cnn, or none (train on the distance loss alone).", "fc", "fc", "fc-chromosome", "cnn", "none");

    public Option<string> Widths { get; } = CliOptions.Text("--widths", "Hidden widths of the fc generator, comma-separated.", string.Join(',', new FullyConnectedGenerator().HiddenWidths));

    public Option<double> Dropout { get; } = CliOptions.Double("--dropout", "Dropout probability in the generator.", new FullyConnectedGenerator().DropoutProbability).Between(0, 1, excludeMax: true);

    public Option<string> Normalization { get; } = CliOptions.Text("--norm", "Normalisation in the FC generator's blocks.", "persample", "persample", "layernorm", "batchnorm", "none");

    public Option<int> Neighbours { get; } = CliOptions.Int("--neighbours", "Source features nearest to each target feature that feed its own network (cis generator).", new CisGenerator().NeighbourCount).Between(1);

    public Option<int> Channels { get; } = CliOptions.Int("--channels", "Base channels of the unet generator (the paper: 64; cost grows with its square).", new UNetGenerator().BaseChannels).Between(1);

    public Option<bool> RidgeShortcut { get; } = CliOptions.Flag("--ridge-shortcut", "fc and cis generators: add a fixed linear source-to-target map set to the validated ridge solution, so training starts from ridge and the network learns the remainder.");

    public Option<int> Epochs { get; } = CliOptions.Int("--epochs", "Training epochs.", Defaults.Training.Epochs).Between(1);

    public Option<int?> DecayEpochs { get; } = new Option<int?>("--decay-epochs") { Description = "Last epochs over which the learning rate decays linearly towards zero (default: half of the epochs)." }.Between(0);

    public Option<int> BatchSize { get; } = CliOptions.Int("--batch-size", "Samples per mini-batch.", Defaults.Training.BatchSize).Between(1);

    public Option<double> LearningRate { get; } = CliOptions.Double("--lr", "Adam learning rate of both networks.", Defaults.Training.GeneratorLearningRate).Between(0, excludeMin: true);

    public Option<double> WeightDecay { get; } = CliOptions.Double("--weight-decay", "Decoupled weight decay of the generator (AdamW); 0 = Adam.", Defaults.Training.GeneratorWeightDecay).Between(0);

    public Option<double> Lambda { get; } = CliOptions.Double("--lambda", "Weight of the distance loss against the adversarial loss (0 = plain conditional GAN).", Defaults.Training.DistanceLossWeight).Between(0);

    public Option<string> Distance { get; } = CliOptions.Text("--distance", "Distance loss (bce makes the generator output a sigmoid on the [0, 1]-scaled target).", "l1", "l1", "mse", "bce");

    public Option<string> Gan { get; } = CliOptions.Text("--gan", "Adversarial objective.", "vanilla", "vanilla", "lsgan", "wgangp");

    public Option<int?> CriticSteps { get; } = new Option<int?>("--critic-steps") { Description = "Discriminator steps per generator step (default: 5 with wgangp, 1 otherwise)." }.Between(1);

    public Option<string> Schedule { get; } = CliOptions.Text("--schedule", "Learning-rate schedule.", "linear", "linear", "constant", "step", "cosine", "plateau");

    public Option<string> Init { get; } = CliOptions.Text("--init", "Weight initialisation.", "normal", "normal", "xavier", "kaiming", "orthogonal", "default");

    public Option<double?> ClipGradients { get; } = new Option<double?>("--clip-gradients") { Description = "Clip gradients to this global L2 norm (default: no clipping)." }.Between(0, excludeMin: true);

    public Option<bool> Bf16 { get; } = CliOptions.Flag("--bf16", "Compute the fully connected layers' matrix products in bfloat16 while training (weights stay float32): faster on CPUs with AVX512-BF16/AMX and recent GPUs; see docs/performance.md.");

    public Option<string> Selection { get; } = CliOptions.Text("--selection", "Which epoch's generator is kept: best validation mean featurewise R², mean samplewise R², MSE, loss, or the last.", "r2f", "r2f", "r2s", "mse", "loss", "last");

    public Option<string> Fallback { get; } = CliOptions.Text("--fallback", "A method that competes with the trained network on the validation samples; the model is whichever validates better, and train, inspect and the report say which (default: ridge; none with --preset paper).", "ridge", "ridge", "none");

    public Option<bool> NoRidgeFallback { get; } = CliOptions.Flag("--no-ridge-fallback", "Same as --fallback none.");

    public Option<int?> EarlyStopping { get; } = new Option<int?>("--early-stopping") { Description = "Stop after this many epochs without a better validation value (default: train all epochs)." }.Between(1);

    public Option<int> Seed { get; } = CliOptions.Int("--seed", "Seed of the split, initialisation, shuffling and dropout.", Defaults.Training.Seed).Between(0);

    public Option<string> Device { get; } = CliOptions.Text("--device", "Device: auto, cpu, cuda or cuda:N.", "cpu");

    public Option<bool> FallbackToCpu { get; } = CliOptions.Flag("--cpu-fallback", "Run on the CPU when the requested CUDA device is not available, instead of failing.");

    public Option<int> Threads { get; } = CliOptions.Int("--threads", "CPU threads for tensor operations (0 = one per core).", 0).ThreadCount();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
        {
            Preset, Generator, Discriminator, Widths, Dropout, Normalization, Channels, Neighbours, RidgeShortcut, Epochs, DecayEpochs, BatchSize, LearningRate, WeightDecay, Lambda,
            Distance, Gan, CriticSteps, Schedule, Init, ClipGradients, Bf16, Selection, EarlyStopping, Fallback, NoRidgeFallback, CvFolds, CvMaxSamples, Seed, Device, FallbackToCpu, Threads,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The translator settings: the preset, overridden by every option given.</summary>
    public TranslatorSettings Settings(ParseResult result)
    {
        var preset = result.GetValue(Preset) switch
        {
            "paper" => TranslatorPresets.Paper,
            "validation-split" => TranslatorPresets.ValidationSplit,
            _ => TranslatorPresets.Default,
        };
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };

        var generator = preset.Generator;
        if (Given(Generator) || Given(Widths) || Given(Dropout) || Given(Normalization) || Given(Channels) || Given(RidgeShortcut))
        {
            generator = CreateGenerator(result, preset.Generator, Given);
        }

        IDiscriminator? discriminator = preset.Discriminator;
        if (Given(Discriminator))
        {
            discriminator = result.GetValue(Discriminator) switch
            {
                "cnn" => new ConvolutionalDiscriminator(),
                "fc-chromosome" => new FcChromosomeDiscriminator(),
                "none" => null,
                _ => new FullyConnectedDiscriminator(),
            };
        }

        var t = preset.Training;
        if (Given(Epochs))
        {
            t = t with { Epochs = result.GetValue(Epochs) };
        }

        if (Given(DecayEpochs))
        {
            t = t with { DecayEpochs = result.GetValue(DecayEpochs) };
        }

        if (Given(BatchSize))
        {
            t = t with { BatchSize = result.GetValue(BatchSize) };
        }

        if (Given(LearningRate))
        {
            t = t with { GeneratorLearningRate = result.GetValue(LearningRate), DiscriminatorLearningRate = result.GetValue(LearningRate) };
        }

        if (Given(WeightDecay))
        {
            t = t with { GeneratorWeightDecay = result.GetValue(WeightDecay) };
        }

        if (Given(Lambda))
        {
            t = t with { DistanceLossWeight = result.GetValue(Lambda) };
        }

        if (Given(Gan))
        {
            var objective = result.GetValue(Gan) switch
            {
                "lsgan" => GanObjective.LeastSquares,
                "wgangp" => GanObjective.WassersteinGradientPenalty,
                _ => GanObjective.Vanilla,
            };
            t = t with { GanObjective = objective, DiscriminatorSteps = objective == GanObjective.WassersteinGradientPenalty ? 5 : 1 };
        }

        if (Given(CriticSteps))
        {
            t = t with { DiscriminatorSteps = result.GetValue(CriticSteps) ?? 1 };
        }

        if (Given(Schedule))
        {
            t = t with
            {
                Schedule = result.GetValue(Schedule) switch
                {
                    "constant" => LearningRateSchedule.Constant,
                    "step" => LearningRateSchedule.Step,
                    "cosine" => LearningRateSchedule.Cosine,
                    "plateau" => LearningRateSchedule.ReduceOnPlateau,
                    _ => LearningRateSchedule.Linear,
                },
            };
        }

        if (Given(Init))
        {
            t = t with
            {
                WeightInitialization = result.GetValue(Init) switch
                {
                    "xavier" => WeightInitialization.Xavier,
                    "kaiming" => WeightInitialization.Kaiming,
                    "orthogonal" => WeightInitialization.Orthogonal,
                    "default" => WeightInitialization.Default,
                    _ => WeightInitialization.Normal,
                },
                InitializationGain = result.GetValue(Init) is "xavier" or "orthogonal" ? 1.0 : t.InitializationGain,
            };
        }

        if (Given(ClipGradients))
        {
            t = t with { GradientClipNorm = result.GetValue(ClipGradients) };
        }

        if (result.GetValue(Bf16))
        {
            t = t with { MixedPrecision = true };
        }

        if (Given(Selection))
        {
            t = t with
            {
                SelectionMetric = result.GetValue(Selection) switch
                {
                    "r2s" => SelectionMetric.MeanSamplewiseR2,
                    "mse" => SelectionMetric.Mse,
                    "loss" => SelectionMetric.ValidationLoss,
                    "last" => SelectionMetric.LastEpoch,
                    _ => SelectionMetric.MeanFeaturewiseR2,
                },
            };
        }

        if (Given(EarlyStopping))
        {
            t = t with { EarlyStoppingPatience = result.GetValue(EarlyStopping) };
        }

        t = t with { Seed = result.GetValue(Seed) };
        var device = DeviceOptions.Parse(result.GetValue(Device)!);
        if (result.GetValue(FallbackToCpu))
        {
            device = device with { FallbackToCpu = true };
        }

        var fallback = preset.Fallback;
        if (result.GetValue(NoRidgeFallback) || (Given(Fallback) && result.GetValue(Fallback) == "none"))
        {
            fallback = null;
        }
        else if (Given(Fallback))
        {
            fallback = new RidgeBaseline();
        }

        var crossValidation = preset.CrossValidation;
        if (Given(CvFolds) || Given(CvMaxSamples))
        {
            crossValidation = (crossValidation ?? new CrossValidationOptions()) with
            {
                Folds = result.GetValue(CvFolds) ?? crossValidation?.Folds ?? 5,
                MaxSamples = result.GetValue(CvMaxSamples) ?? crossValidation?.MaxSamples ?? 300,
            };
        }

        return preset with
        {
            Fallback = fallback,
            CrossValidation = crossValidation,
            Generator = generator,
            Discriminator = discriminator,
            DistanceLoss = Given(Distance) ? DistanceLosses.FromName(result.GetValue(Distance)!)! : preset.DistanceLoss,
            Training = t,
            Device = device,
        };
    }

    public void ApplyThreads(ParseResult result) => Runtime.ApplyThreads(result.GetValue(Threads));

    /// <summary>Refuses, before anything is read, a generator or discriminator that needs location tables that were not given.</summary>
    public void CheckLocations(ParseResult result, DataOptions data)
    {
        bool source = result.GetValue(data.SourceLocations) is not null;
        bool target = result.GetValue(data.TargetLocations) is not null;
        string generator = result.GetValue(Generator)!;
        if (generator == "cis" && !(source && target))
        {
            throw new BadInputException("--generator cis needs both --source-locations and --target-locations (each target feature is predicted from its nearest source features).");
        }

        if (generator == "fc-chromosome" && !source)
        {
            throw new BadInputException("--generator fc-chromosome needs --source-locations (its first layer is per chromosome).");
        }

        if (result.GetValue(Discriminator) == "fc-chromosome" && !source)
        {
            throw new BadInputException("--discriminator fc-chromosome needs --source-locations (its first layer is per chromosome).");
        }
    }

    private IGenerator CreateGenerator(ParseResult result, IGenerator preset, Func<Option, bool> given, string? kind = null)
    {
        double dropout = result.GetValue(Dropout);
        kind ??= given(Generator) ? result.GetValue(Generator) : preset.Name;
        switch (kind)
        {
            case AutoGenerator.GeneratorName:
                // The options given apply to whichever generator the automatic choice makes.
                var auto = preset as AutoGenerator ?? new AutoGenerator();
                return auto with
                {
                    WithLocations = CreateGenerator(result, auto.WithLocations, given, auto.WithLocations.Name),
                    WithoutLocations = CreateGenerator(result, auto.WithoutLocations, given, auto.WithoutLocations.Name),
                };
            case "unet":
                return new UNetGenerator { BaseChannels = result.GetValue(Channels), DropoutProbability = dropout };
            case "fc-chromosome":
                return new FcChromosomeGenerator { DropoutProbability = dropout, Normalization = ParseNormalization(result) };
            case "cis":
                var cis = preset as CisGenerator ?? new CisGenerator();
                return cis with
                {
                    NeighbourCount = given(Neighbours) ? result.GetValue(Neighbours) : cis.NeighbourCount,
                    SharedHiddenWidths = given(Widths) ? ParseWidths(result.GetValue(Widths)!) : cis.SharedHiddenWidths,
                    DropoutProbability = given(Dropout) ? dropout : cis.DropoutProbability,
                    Normalization = given(Normalization) ? ParseNormalization(result) : cis.Normalization,
                    RidgeShortcut = given(RidgeShortcut) ? result.GetValue(RidgeShortcut) : cis.RidgeShortcut,
                };
            case "ved":
                return new VariationalGenerator { DropoutProbability = dropout, Normalization = ParseNormalization(result) };
            default:
                var fc = preset as FullyConnectedGenerator ?? new FullyConnectedGenerator();
                return fc with
                {
                    HiddenWidths = given(Widths) ? ParseWidths(result.GetValue(Widths)!) : fc.HiddenWidths,
                    DropoutProbability = given(Dropout) ? dropout : fc.DropoutProbability,
                    Normalization = given(Normalization) ? ParseNormalization(result) : fc.Normalization,
                    RidgeShortcut = given(RidgeShortcut) ? result.GetValue(RidgeShortcut) : fc.RidgeShortcut,
                };
        }
    }

    private FeatureNormalization ParseNormalization(ParseResult result) => result.GetValue(Normalization) switch
    {
        "layernorm" => FeatureNormalization.LayerNorm,
        "batchnorm" => FeatureNormalization.BatchNorm,
        "none" => FeatureNormalization.None,
        _ => FeatureNormalization.PerSample,
    };

    private static string Ordinal(int n) => n switch { 1 => "first", 2 => "second", 3 => "third", _ => $"{n}th" };

    private static int[] ParseWidths(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.All(p => p.Length == 0))
        {
            throw new FormatException("--widths: no width given (expected positive widths, e.g. 1024,256,1024).");
        }

        if (Array.IndexOf(parts, string.Empty) is int empty and >= 0)
        {
            throw new FormatException($"--widths: the {Ordinal(empty + 1)} width is empty in '{text}' (expected positive widths separated by single commas, e.g. 1024,256,1024).");
        }

        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out widths[i]))
            {
                throw new FormatException($"--widths: '{parts[i]}' is not a whole number (expected positive widths, e.g. 1024,256,1024).");
            }

            if (widths[i] < 1)
            {
                throw new FormatException($"--widths: every width must be at least 1, but the {Ordinal(i + 1)} is {widths[i]} (expected e.g. 1024,256,1024).");
            }
        }

        return widths;
    }
}
