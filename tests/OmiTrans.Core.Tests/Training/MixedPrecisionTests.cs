using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

[Collection(TrainingCollection.Name)]
public sealed class MixedPrecisionTests : TempDirectoryTest
{
    [Fact]
    public void Bf16_training_learns_as_well_as_float32_and_keeps_float32_weights()
    {
        var (source, target) = Matrices.Planted(samples: 300, sourceFeatures: 60, targetFeatures: 20, seed: 5);
        var data = TranslationData.Prepare(source, target, seed: 5);
        TranslationModel Fit(bool bf16) => new TranslatorBuilder()
            .WithGenerator(new FullyConnectedGenerator { HiddenWidths = [64, 32, 64], DropoutProbability = 0.1 })
            .WithDiscriminator(new FullyConnectedDiscriminator { HiddenWidths = [32, 16] })
            .WithoutFallback()
            .WithTraining(o => o with { Epochs = 60, Seed = 1, MixedPrecision = bf16 })
            .Build()
            .Fit(data);

        using var single = Fit(false);
        using var mixed = Fit(true);
        using var mean = new MeanBaseline().Fit(data);

        mixed.TestMetrics!.MeanFeaturewiseR2.Should().BeGreaterThan(0.5, "bf16 products still learn the planted structure");
        mixed.TestMetrics.MeanFeaturewiseR2.Should().BeApproximately(single.TestMetrics!.MeanFeaturewiseR2, 0.03);
        mixed.TestMetrics.Mse.Should().BeLessThan(mean.TestMetrics!.Mse * 0.5);
        mixed.Translate(source).Values.ToArray().Should().NotEqual(single.Translate(source).Values.ToArray(), "the products really ran in bf16");

        var path = Dir.File("bf16.omitrans");
        mixed.Save(path);
        using var loaded = TranslationModel.Load(path);
        loaded.Translate(source).Values.ToArray().Should().Equal(mixed.Translate(source).Values.ToArray(), "translation runs in float32 with the float32 weights that were saved");
    }

    /// <summary>
    /// Kept bfloat16 copies (updated by the optimizer in its pass) must train exactly as casting the weights at every
    /// product and the gradients back: float32 takes the one-pass kernel, float64 the element-wise fallback.
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    public void Kept_bf16_copies_train_exactly_as_casting_at_every_product(ScalarType type)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(4, CPU);
        var source = randn([32, 40], generator: random).to(type);
        var target = randn([32, 12], generator: random).to(type);

        Tensor[] Train(bool keepCopies)
        {
            random.manual_seed(9);
            torch.manual_seed(9); // nn.Linear's initialisation draws from the global generator
            var network = new FullyConnectedStack("net", 40, [24, 16], 12, FeatureNormalization.PerSample, 0, 0.2, random);
            network.to(type);
            using var optimizer = new InPlaceAdam(network.parameters(), 1e-2, 0.5, 0.999, decoupledWeightDecay: 0.01);
            MixedPrecisionLinear.SetComputeType(network, ScalarType.BFloat16, keepCopies);
            optimizer.UseCopies(keepCopies ? MixedPrecisionLinear.Layers(network).SelectMany(l => l.Copies).ToList() : null);
            for (int step = 0; step < 8; step++)
            {
                optimizer.ZeroGrad();
                nn.functional.l1_loss(network.call(source), target).backward();
                optimizer.Step();
            }

            if (keepCopies)
            {
                foreach (var (parameter, copy) in MixedPrecisionLinear.Layers(network).SelectMany(l => l.Copies))
                {
                    copy.to(ScalarType.Float32).sub(parameter.detach().to(ScalarType.BFloat16).to(ScalarType.Float32)).abs().max().item<float>()
                        .Should().Be(0, "the copy holds the updated weight rounded as a cast rounds it");
                }
            }

            var weights = network.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
            MixedPrecisionLinear.SetComputeType(network, null);
            network.Dispose();
            return weights;
        }

        var cast = Train(keepCopies: false);
        var kept = Train(keepCopies: true);

        kept.Should().HaveCount(cast.Length);
        for (int i = 0; i < cast.Length; i++)
        {
            kept[i].sub(cast[i]).abs().max().to(ScalarType.Float32).item<float>().Should().BeLessThan(1e-6f, $"parameter {i}");
            kept[i].Dispose();
            cast[i].Dispose();
        }
    }

    [Fact]
    public void Gradient_clipping_scales_the_applied_gradients_to_the_bound_and_reaches_kept_copies()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(2, CPU);
        var network = new FullyConnectedStack("net", 10, [8], 4, FeatureNormalization.PerSample, 0, 0.2, random);
        var source = randn([16, 10], generator: random);
        var target = randn([16, 4], generator: random);
        using var optimizer = new InPlaceAdam(network.parameters(), 1e-3, 0.5, 0.999);

        optimizer.ZeroGrad();
        nn.functional.mse_loss(network.call(source), target).mul(HeldScalars.Constant(100)).backward();
        var reference = network.parameters().Select(p => p.grad!.clone()).ToList();
        NetworkTrainer.Clip(network, optimizer, 0.5);
        double norm = Math.Sqrt(network.parameters().Sum(p => p.grad!.Squared().sum().item<float>()));
        double before = Math.Sqrt(reference.Sum(g => g.Squared().sum().item<float>()));
        norm.Should().BeApproximately(0.5, 1e-4, "the joint 2-norm is cut to the bound");
        before.Should().BeGreaterThan(0.5);
        for (int i = 0; i < reference.Count; i++)
        {
            network.parameters().ElementAt(i).grad!.sub(reference[i].mul(HeldScalars.Constant(0.5 / (before + 1e-6)))).abs().max().item<float>().Should().BeLessThan(1e-6f);
        }

        MixedPrecisionLinear.SetComputeType(network, ScalarType.BFloat16, keepCopies: true);
        optimizer.UseCopies(MixedPrecisionLinear.Layers(network).SelectMany(l => l.Copies).ToList());
        optimizer.ZeroGrad();
        nn.functional.mse_loss(network.call(source), target).mul(HeldScalars.Constant(100)).backward();
        network.parameters().All(p => p.grad is null).Should().BeTrue("the products ran on the copies");
        NetworkTrainer.Clip(network, optimizer, 0.5);
        double copyNorm = Math.Sqrt(network.parameters().Sum(p => optimizer.GradientOf(p)!.to(ScalarType.Float32).Squared().sum().item<float>()));
        copyNorm.Should().BeApproximately(0.5, 0.01, "the copies' bfloat16 gradients are clipped");
        MixedPrecisionLinear.SetComputeType(network, null);
    }
}
