using System.Text.Json;
using OmiTrans.Runtime;
using OmiTrans.Tests.TestUtilities;
using Xunit.Abstractions;

namespace OmiTrans.Tests.NativeSafety;

/// <summary>
/// The values and gradients of every layer the networks train with, against float64, in this process and in child
/// processes with oneDNN capped at each instruction-set level (ONEDNN_MAX_CPU_ISA is read once per process). libtorch's
/// own Conv1d input gradient is wrong on some CPUs at some levels (docs/native-safety.md); OmiTrans's layers must be
/// right at all of them. What libtorch's own kernel did at each level is written to the test output.
/// </summary>
public sealed class NumericsCheckTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_layer_matches_its_float64_reference_here()
    {
        var report = NumericsCheck.Run();

        report.Results.Should().NotBeEmpty();
        report.Results.Where(r => !r.Passed).Should().BeEmpty("every layer's values and gradients must match float64 on this CPU");
        report.Results.Should().Contain(r => r.Name.StartsWith("conv1d 1024→512 k9", StringComparison.Ordinal), "the default U-Net's deepest decoder convolution is checked");
        report.Results.Should().Contain(r => r.Name.StartsWith("conv_transpose1d", StringComparison.Ordinal));
        report.Results.Should().Contain(r => r.Name.Contains("CNN discriminator", StringComparison.Ordinal) && r.Name.Contains("k3", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("SSE41")]
    [InlineData("AVX2")]
    [InlineData("AVX512_CORE")]
    [InlineData("AVX512_CORE_VNNI")]
    [InlineData("AVX512_CORE_BF16")]
    [InlineData("AVX512_CORE_AMX")]
    public void Every_layer_matches_its_float64_reference_at_each_oneDNN_level(string isa)
    {
        var (exit, stdout, stderr) = CliProcess.RunWithEnvironment(new Dictionary<string, string> { ["ONEDNN_MAX_CPU_ISA"] = isa }, "doctor", "--json");

        using var report = JsonDocument.Parse(stdout);
        var root = report.RootElement;
        var canary = string.Join(" ", root.GetProperty("libtorchConvolutionGradient").EnumerateArray().Select(v => v.GetSingle()));
        output.WriteLine($"ONEDNN_MAX_CPU_ISA={isa}: libtorch's own Conv1d input gradient {(root.GetProperty("libtorchConvolutionGradientCorrect").GetBoolean() ? "right" : "WRONG")} ({canary}); OmiTrans's checks passed: {root.GetProperty("passed").GetBoolean()}");
        var failed = root.GetProperty("results").EnumerateArray().Where(r => !r.GetProperty("passed").GetBoolean()).Select(r => r.GetRawText()).ToList();
        failed.Should().BeEmpty($"every layer must be right with oneDNN capped at {isa}");
        exit.Should().Be(0, stderr);
    }
}
