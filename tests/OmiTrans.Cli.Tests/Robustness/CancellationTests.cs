using System.Diagnostics;
using System.IO.Compression;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Real signals on a child process. SIGINT and SIGTERM cancel through the library's CancellationToken: exit code 130,
/// "omitrans: cancelled.", no temporary file, a resumable checkpoint. SIGKILL runs no handler: the temporary files it
/// leaves are recognised and removed by the next run into the folder, and --resume works.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class CancellationTests : TempDirectoryTest
{
    private string Data
    {
        get
        {
            var data = Dir.File("data");
            if (!Directory.Exists(data))
            {
                Tool.Run("synth", "--samples", "300", "--source-features", "400", "--target-features", "100", "--seed", "2", "--out", data).ShouldSucceed();
            }

            return data;
        }
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public void A_signal_during_training_cancels_cleanly_and_the_run_resumes(string signal)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var run = Dir.File("run");
        var checkpoint = Path.Combine(run, "checkpoint.omitrans-checkpoint");
        using var process = StartTraining(run, epochs: 150);
        WaitFor(() => File.Exists(checkpoint), process);
        Thread.Sleep(500);
        process.HasExited.Should().BeFalse("a 150-epoch run is still training");

        Tool.Shell("kill", $"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Be(0);
        var (exitCode, error) = Finish(process);

        exitCode.Should().Be(130, error);
        error.Should().Contain("omitrans: cancelled.").And.NotContain("omitrans: error:");
        Tool.Temporaries(run).Should().BeEmpty("cancellation removes the temporary files");
        File.Exists(Path.Combine(run, "model.omitrans")).Should().BeFalse();
        using (var zip = ZipFile.OpenRead(checkpoint))
        {
            zip.Entries.Should().NotBeEmpty();
        }

        var resumed = Tool.Run("train", "--resume", run);
        resumed.ShouldSucceed();
        resumed.Error.Should().Contain("Resuming");
        File.Exists(Path.Combine(run, "model.omitrans")).Should().BeTrue();
    }

    [Fact]
    public void A_kill_during_a_checkpoint_write_leaves_a_temporary_file_that_resume_removes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var run = Dir.File("run");
        using (var process = StartTraining(run, epochs: 40, widths: "512"))
        {
            // Kill the moment a later checkpoint's temporary file appears: the kill lands while it is being written,
            // with the previous checkpoint complete on disk.
            var checkpoint = Path.Combine(run, "checkpoint.omitrans-checkpoint");
            WaitFor(() => File.Exists(checkpoint) && Directory.EnumerateFiles(run, ".checkpoint.omitrans-checkpoint.omitrans-*.tmp").Any(), process, pollMilliseconds: 1);
            process.Kill();
            process.WaitForExit();
        }

        var stale = Directory.GetFiles(run, ".checkpoint.omitrans-checkpoint.omitrans-*.tmp");
        stale.Should().NotBeEmpty("SIGKILL runs no handler");

        var resumed = Tool.Run("train", "--resume", run);

        resumed.ShouldSucceed();
        resumed.Error.Should().Contain("Removed 1 temporary file(s) left by an interrupted omitrans run");
        Tool.Temporaries(run).Should().BeEmpty();
        using var model = TranslationModel.Load(Path.Combine(run, "model.omitrans"));
        model.History!.Epochs[^1].Epoch.Should().Be(40);
    }

    [Fact]
    public void A_signal_during_a_chunked_translation_removes_its_spill_and_temporary_files()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var model = TrainSmallModel();
        var output = Dir.File("out/translated.tsv");
        Directory.CreateDirectory(Dir.File("out"));
        using var process = CliProcess.Start("translate", "--model", model, "--source", Path.Combine(Data, "source.tsv"), "--out", output, "--chunk-samples", "1");
        WaitFor(() => Directory.EnumerateFiles(Dir.File("out"), "*.chunks").Any(), process, pollMilliseconds: 2);

        Tool.Shell("kill", "-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Should().Be(0);
        var (exitCode, error) = Finish(process);

        exitCode.Should().Be(130, error);
        error.Should().Contain("omitrans: cancelled.");
        Directory.EnumerateFileSystemEntries(Dir.File("out")).Should().BeEmpty("no output, no spill file, no temporary file");
    }

    [Fact]
    public void A_kill_during_a_chunked_translation_leaves_files_the_next_run_removes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var model = TrainSmallModel();
        var folder = Dir.File("out");
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, "translated.tsv");
        using (var process = CliProcess.Start("translate", "--model", model, "--source", Path.Combine(Data, "source.tsv"), "--out", output, "--chunk-samples", "1"))
        {
            WaitFor(() => Directory.EnumerateFiles(folder, "*.chunks").Any() && Directory.EnumerateFiles(folder, "*.tmp").Any(), process);
            process.Kill();
            process.WaitForExit();
        }

        Tool.Temporaries(folder).Should().HaveCount(2, "a spill file and the output's temporary file");
        var mine = Path.Combine(folder, ".notes.tmp");
        File.WriteAllText(mine, "mine\n");

        var again = Tool.Run("translate", "--model", model, "--source", Path.Combine(Data, "source.tsv"), "--out", output);

        again.ShouldSucceed();
        again.Error.Should().Contain("Removed 2 temporary file(s) left by an interrupted omitrans run");
        Directory.EnumerateFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(["translated.tsv", ".notes.tmp"], "a file that is not the tool's is never touched");
    }

    [Fact]
    public void A_temporary_file_of_a_running_process_is_left_alone_and_reported()
    {
        var folder = Dir.File("out");
        Directory.CreateDirectory(folder);
        var live = Path.Combine(folder, $".translated.tsv.omitrans-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        var dead = Path.Combine(folder, $".translated.tsv.omitrans-{int.MaxValue - 3}-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(live, "x");
        File.WriteAllText(dead, "x");

        var run = Tool.Run("synth", "--samples", "10", "--source-features", "5", "--target-features", "3", "--out", folder);

        run.ShouldSucceed();
        File.Exists(live).Should().BeTrue("its process (this test) still runs");
        File.Exists(dead).Should().BeFalse();
        run.Warnings().Should().ContainSingle().Which.Should().Contain("may belong to a run in progress");
    }

    private Process StartTraining(string run, int epochs, string widths = "64") =>
        CliProcess.Start("train", "--source", Path.Combine(Data, "source.tsv"), "--target", Path.Combine(Data, "target.tsv"), "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--widths", widths, "--checkpoint-every", "1", "--threads", "1", "--no-ridge-fallback", "--out", run);

    private string TrainSmallModel()
    {
        var run = Dir.File("model");
        Tool.Run("train", "--source", Path.Combine(Data, "source.tsv"), "--target", Path.Combine(Data, "target.tsv"), "--epochs", "1", "--widths", "16", "--threads", "1", "--checkpoint-every", "0", "--out", run).ShouldSucceed();
        return Path.Combine(run, "model.omitrans");
    }

    private static void WaitFor(Func<bool> condition, Process process, int pollMilliseconds = 20)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            process.HasExited.Should().BeFalse($"the tool is still running (it exited with {(process.HasExited ? process.ExitCode : 0)}: {(process.HasExited ? process.StandardError.ReadToEnd() : string.Empty)})");
            DateTime.UtcNow.Should().BeBefore(deadline);
            Thread.Sleep(pollMilliseconds);
        }
    }

    private static (int ExitCode, string Error) Finish(Process process)
    {
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue("cancellation ends the process promptly");
        return (process.ExitCode, error.Result);
    }
}
