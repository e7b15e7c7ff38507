using TorchSharp;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

/// <summary>The discriminators' shortcuts (no concatenated copy, the source's part once per real/fake pair) change nothing.</summary>
public sealed class DiscriminatorCallTests
{
    private static readonly FeatureGroup[] Groups = [new("1", 0, 13), new("2", 13, 7), new("X", 20, 10)];

    private static nn.Module<Tensor, Tensor, Tensor> Create(string name, Generator random) => name switch
    {
        "fc" => new FullyConnectedDiscriminator { HiddenWidths = [16, 8] }.Create(new NetworkContext(30, 12, Groups, random)),
        _ => new FcChromosomeDiscriminator { GroupWidth = 4, SourceWidth = 8, TargetWidths = [16, 8], JointWidths = [8] }.Create(new NetworkContext(30, 12, Groups, random)),
    };

    [Theory]
    [InlineData("fc", false)]
    [InlineData("fc", true)]
    [InlineData("fc-chromosome", false)]
    [InlineData("fc-chromosome", true)]
    public void A_paired_call_scores_and_trains_as_two_calls(string name, bool bf16)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(6, CPU);
        using var discriminator = Create(name, random);
        if (bf16)
        {
            MixedPrecisionLinear.SetComputeType(discriminator, ScalarType.BFloat16);
        }

        var source = randn([5, 30], generator: random);
        var real = randn([5, 12], generator: random);
        var fake = randn([5, 12], generator: random);
        var weights = randn([10, 1], generator: random);

        var paired = ((IPairedCritic)discriminator).ScoreRealAndFake(real, fake, source);
        (paired * weights).sum().backward();
        var pairedGrads = discriminator.parameters().Select(p => p.grad!.clone()).ToList();
        foreach (var p in discriminator.parameters())
        {
            p.grad = null;
        }

        var separate = cat([discriminator.call(real, source), discriminator.call(fake, source)], 0);
        (separate * weights).sum().backward();

        float tolerance = bf16 ? 2e-2f : 1e-5f;
        paired.sub(separate).abs().max().item<float>().Should().BeLessThan(tolerance);
        var grads = discriminator.parameters().Select(p => p.grad!).ToList();
        for (int i = 0; i < grads.Count; i++)
        {
            pairedGrads[i].sub(grads[i]).abs().max().item<float>().Should().BeLessThan(tolerance * 10, $"gradient {i}");
        }
    }

    [Fact]
    public void The_fc_discriminator_scores_the_concatenation_without_forming_it()
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new Generator(8, CPU);
        var stack = new FullyConnectedStack("d", 42, [16, 8], 16, FeatureNormalization.PerSample, 0, 0.2, random);
        using var discriminator = new ConditionalDiscriminatorModule(stack);
        var source = randn([7, 30], generator: random);
        var target = randn([7, 12], generator: random);

        discriminator.call(target, source).sub(stack.call(cat([target, source], 1))).abs().max().item<float>().Should().BeLessThan(1e-5f);
    }
}
