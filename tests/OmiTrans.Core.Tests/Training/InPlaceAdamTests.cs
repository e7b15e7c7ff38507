using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OmiTrans.Core.Tests.Training;

public sealed class InPlaceAdamTests
{
    /// <summary>float32 takes the one-pass CPU kernel (AdamKernel), float64 libtorch's chunked element-wise path.</summary>
    [Theory]
    [InlineData(0.0, ScalarType.Float32)]
    [InlineData(0.01, ScalarType.Float32)]
    [InlineData(0.0, ScalarType.Float64)]
    [InlineData(0.01, ScalarType.Float64)]
    public void It_takes_the_same_steps_as_TorchSharp_Adam_and_AdamW(double weightDecay, ScalarType type)
    {
        TorchRuntime.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var generator = new Generator(5, CPU);
        Tensor randn(long[] shape, Generator generator) => torch.randn(shape, generator: generator).to(type);
        var start = randn([7, 300], generator: generator);
        var ours = new Parameter(start.clone());
        var theirs = new Parameter(start.clone());
        // Larger than one CPU chunk (1 M elements), so chunk boundaries are crossed.
        var large = new Parameter(randn([1100, 1000], generator: generator));
        var largeTheirs = new Parameter(large.detach().clone());
        var small = new Parameter(randn([3], generator: generator));
        var smallTheirs = new Parameter(small.detach().clone());
        using var fast = new InPlaceAdam([ours, large, small], 2e-3, 0.5, 0.999, weightDecay);
        using optim.Optimizer reference = weightDecay > 0
            ? optim.AdamW([theirs, largeTheirs, smallTheirs], 2e-3, 0.5, 0.999, weight_decay: weightDecay)
            : optim.Adam([theirs, largeTheirs, smallTheirs], 2e-3, 0.5, 0.999);

        for (int step = 0; step < 12; step++)
        {
            var gradient = randn([7, 300], generator: generator);
            var smallGradient = randn([3], generator: generator);
            var largeGradient = randn([1100, 1000], generator: generator);
            fast.ZeroGrad();
            reference.zero_grad();
            (ours * gradient).sum().Plus((large * largeGradient).sum()).Plus((small * smallGradient).sum()).backward();
            (theirs * gradient).sum().Plus((largeTheirs * largeGradient).sum()).Plus((smallTheirs * smallGradient).sum()).backward();
            fast.Step();
            reference.step();
        }

        ours.sub(start).abs().max().to(ScalarType.Float32).item<float>().Should().BeGreaterThan(0.005f, "the parameters moved");
        ours.sub(theirs).abs().max().to(ScalarType.Float32).item<float>().Should().BeLessThan(1e-6f);
        large.sub(largeTheirs).abs().max().to(ScalarType.Float32).item<float>().Should().BeLessThan(1e-6f);
        small.sub(smallTheirs).abs().max().to(ScalarType.Float32).item<float>().Should().BeLessThan(1e-6f);
        fast.ZeroGrad();
        ours.grad.Should().BeNull("ZeroGrad drops the gradients rather than zeroing them");
    }
}
