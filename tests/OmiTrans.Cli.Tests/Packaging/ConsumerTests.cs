
namespace OmiTrans.Cli.Tests.Packaging;

/// <summary>
/// Runs tests/consumer/run.sh: packs the library and the tool, builds a brand-new console app against the package
/// from a local folder plus TorchSharp-cpu, fits, translates and evaluates, then installs the packed tool and checks
/// its help. This is a user's first five minutes, on this machine.
/// </summary>
// Not in the training collection: packing and restoring wait mostly on the disk and the network, so this test runs
// beside the training tests instead of after them (the suite's wall time).
public sealed class ConsumerTests : TempDirectoryTest
{
    [Fact]
    public void A_new_console_app_uses_the_packed_library_and_the_packed_tool_installs()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the script is bash; the package itself is checked on Linux, where CI runs
        }

        var (exitCode, output, error) = CliProcess.RunProcess("bash", [Path.Combine(RepositoryPaths.Root, "tests", "consumer", "run.sh"), Dir.Path], TimeSpan.FromMinutes(15));

        exitCode.Should().Be(0, $"the consumer test passes; output:\n{output}\nerrors:\n{error}");
        output.Should().Contain("reloadSame=True").And.Contain("CONSUMER TEST PASSED");
    }
}
