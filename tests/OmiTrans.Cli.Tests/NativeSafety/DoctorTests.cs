using System.Text.Json;
using Xunit.Abstractions;

namespace OmiTrans.Cli.Tests.NativeSafety;

/// <summary>
/// omitrans doctor in child processes with oneDNN capped at each instruction-set level (ONEDNN_MAX_CPU_ISA is read once
/// per process): the values and gradients of every layer OmiTrans trains with match float64 at every level. libtorch's
/// own Conv1d input gradient is wrong on some CPUs at some levels (docs/native-safety.md); what it did at each level is
/// written to the test output.
/// </summary>
public sealed class DoctorTests(ITestOutputHelper output)
{
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
