using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

/// <summary>
/// A diverging step is refused before the optimizer applies it, and the error names the network, the epoch and batch,
/// the first non-finite loss term or input, and the layer or parameter.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class DivergenceTests
{
    [Fact]
    public void A_generator_output_that_turns_NaN_is_named_with_its_layer_and_batch()
    {
        var data = Data();
        var translator = new TranslatorBuilder()
            .WithGenerator(new PoisonedGenerator(PoisonKind.NaNOutputAfter, afterCalls: 5))
            .WithoutDiscriminator()
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 3, BatchSize = 8, Seed = 1 })
            .Build();

        var act = () => translator.Fit(data);

        var error = act.Should().Throw<TrainingDivergedException>().Which;
        error.Network.Should().Be("generator");
        error.Loss.Should().Be("distance loss");
        double.IsNaN(error.Value).Should().BeTrue();
        error.Layer.Should().Be("poison", "the replay finds the first layer whose output is non-finite");
        (error.Epoch, error.Batch).Should().Be((2, 1), "the sixth training call is the first batch of epoch 2 (5 batches per epoch)");
        error.Message.Should().Contain("epoch 2, batch 1").And.Contain("'poison'").And.Contain("not applied");
    }

    [Fact]
    public void With_a_discriminator_the_translated_batch_is_named_as_the_origin()
    {
        var data = Data();
        var translator = new TranslatorBuilder()
            .WithGenerator(new PoisonedGenerator(PoisonKind.NaNOutputAfter, afterCalls: 2))
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [8] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 2, BatchSize = 8, Seed = 1 })
            .Build();

        var error = translator.Invoking(t => t.Fit(data)).Should().Throw<TrainingDivergedException>().Which;

        error.Network.Should().Be("discriminator", "the discriminator's step comes first in a batch");
        error.Loss.Should().Be("loss on translated targets");
        error.Layer.Should().StartWith("translated batch");
    }

    [Fact]
    public void A_gradient_that_turns_NaN_under_a_finite_loss_is_refused_and_names_a_parameter()
    {
        var data = Data();
        var translator = new TranslatorBuilder()
            .WithGenerator(new PoisonedGenerator(PoisonKind.NaNGradient, afterCalls: 0))
            .WithoutDiscriminator()
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 1, BatchSize = 8, Seed = 1 })
            .Build();

        var error = translator.Invoking(t => t.Fit(data)).Should().Throw<TrainingDivergedException>().Which;

        error.Loss.Should().Be("gradient");
        (error.Epoch, error.Batch).Should().Be((1, 1));
        error.Layer.Should().Be("linear.bias", "the parameter nearest the output whose gradient is non-finite is named");
        error.Message.Should().Contain("2 of 2 parameters have non-finite gradients ('linear.weight', 'linear.bias')").And.Contain("loss terms were finite");
    }

    [Fact]
    public void The_guard_passes_finite_steps_and_sums_that_overflow()
    {
        using var scope = NewDisposeScope();
        using var module = nn.Linear(2, 2);
        var huge = full([4], HeldScalars.Constant(3e38));
        var act = () => OmiTrans.Training.NonFiniteGuard.Check("generator", module, [("a", huge), ("b", huge.clone())], [("distance loss", tensor(1f))], [], () => { }, (1, 1), null);
        act.Should().NotThrow("finite gradients whose float32 sum overflows are still finite");
    }

    private static TranslationData Data()
    {
        var (source, target) = Matrices.Planted(50, 12, 6, seed: 3);
        return TranslationData.Prepare(source, target, new DatasetAligner(), seed: 3);
    }

    private enum PoisonKind
    {
        NaNOutputAfter,
        NaNGradient,
    }

    /// <summary>A linear generator with a final layer that misbehaves on purpose.</summary>
    private sealed record PoisonedGenerator(PoisonKind Kind, int afterCalls) : IGenerator
    {
        public string Name => "poisoned";

        public nn.Module<Tensor, Tensor> Create(NetworkContext context) => new PoisonedModule(context.SourceFeatureCount, context.TargetFeatureCount, Kind, afterCalls);
    }

    private sealed class PoisonedModule : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> linear;
        private readonly Poison poison;

        public PoisonedModule(int sources, int targets, PoisonKind kind, int afterCalls)
            : base(nameof(PoisonedModule))
        {
            linear = nn.Linear(sources, targets);
            poison = new Poison(kind, afterCalls);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            return poison.call(linear.call(input)).MoveToOuterDisposeScope();
        }
    }

    private sealed class Poison(PoisonKind kind, int afterCalls) : nn.Module<Tensor, Tensor>("poison")
    {
        private int _trainingCalls;

        public override Tensor forward(Tensor input)
        {
            if (kind == PoisonKind.NaNGradient)
            {
                // sqrt(x − x) is 0 going forward, but its gradient is ∞ · 0 = NaN.
                using var scope = NewDisposeScope();
                return input.Plus(input.sub(input).sqrt()).MoveToOuterDisposeScope();
            }

            if (training && is_grad_enabled())
            {
                _trainingCalls++;
            }

            return _trainingCalls > afterCalls ? input.mul(HeldScalars.NaN) : input.alias();
        }
    }
}
