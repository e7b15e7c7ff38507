namespace OmiTrans.Core.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void TorchSharp_loads_on_this_machine()
    {
        TorchRuntime.IsLoaded.Should().BeTrue("the build patches libLibTorchSharp.so where the system libstdc++ is older than GCC 13");
    }

    [Fact]
    public void A_missing_glibcxx_version_is_named_with_the_remedy()
    {
        var message = TorchRuntime.ExplainLoaderError(
            "/app/runtimes/linux-x64/native/libLibTorchSharp.so",
            "/lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.32' not found (required by /app/runtimes/linux-x64/native/libLibTorchSharp.so)");

        message.Should().StartWith("TorchSharp's native library cannot be loaded: the system libstdc++ lacks GLIBCXX_3.4.32");
        message.Should().Contain("Rebuild the application on this machine").And.Contain("GCC 13 or later");
    }

    [Fact]
    public void A_missing_libtorch_points_to_the_native_package()
    {
        var message = TorchRuntime.ExplainLoaderError("/app/libLibTorchSharp.so", "libtorch.so: cannot open shared object file: No such file or directory");

        message.Should().Contain("Add TorchSharp-cpu (or a CUDA bundle)");
    }

    [Fact]
    public void Cuda_requested_without_a_gpu_is_an_error_unless_a_fallback_is_allowed()
    {
        if (TorchSharp.torch.cuda.is_available())
        {
            return;
        }

        var act = () => DeviceOptions.Cuda().Resolve();

        act.Should().Throw<InvalidOperationException>().WithMessage("CUDA device 0 was requested but CUDA is not available*");
        DeviceOptions.Cuda(fallbackToCpu: true).Resolve().type.Should().Be(TorchSharp.DeviceType.CPU);
        DeviceOptions.Parse("cuda:1").Should().Be(DeviceOptions.Cuda(1));
        FluentActions.Invoking(() => DeviceOptions.Parse("gpu")).Should().Throw<FormatException>();
    }
}
