using System.Text.Json;
using OmiTrans.Networks.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Networks;

/// <summary>
/// A custom generator behaves exactly like a built-in one: the trainer uses its activation slope and its data-fitted
/// start, the model file keeps its settings and restores them on load, and a checkpoint of it resumes.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class CustomGeneratorTests : TempDirectoryTest
{
    private static TranslationData Data()
    {
        var (source, target) = Matrices.Planted(samples: 90, sourceFeatures: 12, targetFeatures: 5, seed: 21);
        return TranslationData.Prepare(source, target, seed: 21);
    }

    private static Translator Build(ShortcutMlp generator, int epochs, CheckpointOptions? checkpoints = null)
    {
        var builder = new TranslatorBuilder()
            .WithGenerator(generator)
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = epochs, Seed = 5, WeightInitialization = WeightInitialization.Kaiming });
        return (checkpoints is null ? builder : builder.WithCheckpoints(checkpoints)).Build();
    }

    [Fact]
    public void Its_settings_are_saved_and_restored_whatever_the_instance_given_to_the_loader()
    {
        var data = Data();
        var probe = data.Get(SplitSet.Test).Source;
        using var model = Build(new ShortcutMlp { Hidden = 24, Slope = 0.05 }, epochs: 3).Fit(data);
        model.Save(Dir.File("custom.omitrans"));

        using (var manifest = JsonDocument.Parse(model.DescribeAsJson()))
        {
            var settings = manifest.RootElement.GetProperty("generator").GetProperty("settings");
            settings.GetProperty("hidden").GetInt32().Should().Be(24, "the custom generator's settings are in the model file");
            settings.GetProperty("slope").GetDouble().Should().Be(0.05);
        }

        using var loaded = TranslationModel.Load(Dir.File("custom.omitrans"), new ModelLoadOptions { CustomGenerators = [new ShortcutMlp { Hidden = 7 }] });

        loaded.Translate(probe).Values.ToArray().Should().Equal(model.Translate(probe).Values.ToArray(), "the network is rebuilt with the saved 24 hidden units, not the loader instance's 7");
    }

    [Fact]
    public void The_trainer_uses_its_slope_and_its_data_fitted_start()
    {
        var data = Data();
        var generator = new ShortcutMlp { Hidden = 2000, Slope = 0.7 };
        using var model = Build(generator, epochs: 2).Fit(data);

        generator.Created.Should().HaveCount(1);
        generator.Initialized.Should().Be(1, "InitializeFromData runs once per fit");
        double expected = Math.Sqrt(2.0 / (1 + (0.7 * 0.7))) / Math.Sqrt(12);
        generator.InitialHiddenStd.Should().BeApproximately(expected, expected * 0.05, "Kaiming initialisation used the generator's slope 0.7, not 0.2");
        model.History!.Epochs.Should().HaveCount(2);
    }

    [Fact]
    public void A_checkpoint_of_it_resumes_to_the_same_weights()
    {
        var data = Data();
        var probe = data.Get(SplitSet.Test).Source;
        using var uninterrupted = Build(new ShortcutMlp { Hidden = 16 }, epochs: 4).Fit(data);

        using var cancellation = new CancellationTokenSource();
        var stop = new SynchronousProgress<EpochReport>(r =>
        {
            if (r.Epoch == 2)
            {
                cancellation.Cancel();
            }
        });
        var checkpoints = new CheckpointOptions { Directory = Dir.File("run"), EveryEpochs = 1 };
        FluentActions.Invoking(() => Build(new ShortcutMlp { Hidden = 16 }, epochs: 4, checkpoints).Fit(data, stop, cancellation.Token)).Should().Throw<OperationCanceledException>();

        using var resumed = Build(new ShortcutMlp { Hidden = 16 }, epochs: 4, checkpoints with { Resume = true }).Fit(data);
        resumed.Translate(probe).Values.ToArray().Should().Equal(uninterrupted.Translate(probe).Values.ToArray());

        FluentActions.Invoking(() => Build(new ShortcutMlp { Hidden = 17 }, epochs: 4, checkpoints with { Resume = true }).Fit(data))
            .Should().Throw<InvalidOperationException>().WithMessage("*other settings of the generator 'shortcut-mlp'*");
    }

    /// <summary>A small MLP with a ridge-initialised linear shortcut, written as a user would (public API only).</summary>
    private sealed record ShortcutMlp : IGenerator
    {
        public string Name => "shortcut-mlp";

        public int Hidden { get; init; } = 16;

        public double Slope { get; init; } = 0.2;

        [System.Text.Json.Serialization.JsonIgnore]
        public List<Module> Created { get; } = [];

        [System.Text.Json.Serialization.JsonIgnore]
        public int Initialized { get; private set; }

        [System.Text.Json.Serialization.JsonIgnore]
        public double InitialHiddenStd { get; private set; }

        public double LeakyReluSlope => Slope;

        public nn.Module<Tensor, Tensor> Create(NetworkContext context)
        {
            var module = new Module(context.SourceFeatureCount, Hidden, context.TargetFeatureCount, Slope);
            Created.Add(module);
            return module;
        }

        public bool InitializeFromData(nn.Module<Tensor, Tensor> network, GeneratorInitialization initialization)
        {
            var module = (Module)network;
            InitialHiddenStd = module.HiddenWeight.std().item<float>();
            initialization.FitRidgeInto(module.ShortcutWeight, module.ShortcutBias);
            Initialized++;
            return true;
        }
    }

    private sealed class Module : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear hidden;
        private readonly TorchSharp.Modules.Linear output;
        private readonly Tensor shortcut_weight;
        private readonly Tensor shortcut_bias;
        private readonly Scalar _slope;
        private readonly Scalar _one = 1.0.ToScalar();

        public Module(int sources, int width, int targets, double slope)
            : base("ShortcutMlp")
        {
            hidden = nn.Linear(sources, width);
            output = nn.Linear(width, targets);
            shortcut_weight = zeros(targets, sources);
            shortcut_bias = zeros(targets);
            _slope = slope.ToScalar();
            register_buffer(nameof(shortcut_weight), shortcut_weight);
            register_buffer(nameof(shortcut_bias), shortcut_bias);
            RegisterComponents();
        }

        public Tensor HiddenWeight => hidden.weight!;

        public Tensor ShortcutWeight => shortcut_weight;

        public Tensor ShortcutBias => shortcut_bias;

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var h = hidden.call(input).leaky_relu(_slope);
            return output.call(h).add_(nn.functional.linear(input, shortcut_weight, shortcut_bias), _one).MoveToOuterDisposeScope();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _slope.Dispose();
                _one.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
