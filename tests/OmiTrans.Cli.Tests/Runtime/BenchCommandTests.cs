using System.Text.Json;

namespace OmiTrans.Cli.Tests.Runtime;

[Collection(TrainingCollection.Name)]
public sealed class BenchCommandTests : TempDirectoryTest
{
    [Fact]
    public void Bench_writes_every_figure_the_performance_issue_names_with_sane_values()
    {
        var json = Dir.File("bench.json");

        var (exitCode, output, error) = CliProcess.Run(
            "bench", "--samples", "150", "--source-features", "400", "--target-features", "100", "--epochs", "2",
            "--baselines", "linear,ridge,lasso,tdimpute", "--tdimpute-epochs", "1", "--bf16", "--json", json, "--work", Dir.File("work"));

        exitCode.Should().Be(0, error);
        output.Should().Contain("trainFractionOfGemm");
        using var figures = JsonDocument.Parse(File.ReadAllText(json));
        var root = figures.RootElement;
        foreach (var key in new[] { "gemmGflops", "trainSecondsPerEpoch", "trainAchievedGflops", "translateSamplesPerSecond", "parseMegabytesPerSecond" })
        {
            root.GetProperty(key).GetDouble().Should().BeGreaterThan(0, key);
        }

        root.GetProperty("trainFractionOfGemm").GetDouble().Should().BeInRange(1e-4, 3, "achieved FLOP rate over the measured GEMM rate");
        root.GetProperty("peakRssBytes").GetInt64().Should().BeGreaterThan(50L << 20);
        root.GetProperty("mixedPrecision").GetString().Should().Be("bf16");
        var fits = root.GetProperty("baselineFitSeconds");
        foreach (var method in new[] { "linear", "ridge", "lasso", "tdimpute" })
        {
            fits.GetProperty(method).GetDouble().Should().BeGreaterThan(0, method);
        }

        if (OperatingSystem.IsLinux())
        {
            root.GetProperty("nativeMemoryTuning").GetBoolean().Should().BeTrue("the tool keeps glibc from unmapping freed blocks");
        }

        Directory.Exists(Dir.File("work")).Should().BeFalse("the generated files are deleted");
    }
}
