
namespace OmiTrans.Cli.Tests.Robustness;

[Collection(TrainingCollection.Name)]
public sealed class KillAndResumeTests : TempDirectoryTest
{
    [Fact]
    public void A_training_run_killed_with_sigkill_resumes_from_its_last_checkpoint_and_finishes_with_a_usable_model()
    {
        var data = Dir.File("data");
        CliProcess.Run("synth", "--samples", "300", "--source-features", "400", "--target-features", "100", "--seed", "2", "--out", data).ExitCode.Should().Be(0);
        var run = Dir.File("run");
        string[] train = ["train", "--source", Path.Combine(data, "source.tsv"), "--target", Path.Combine(data, "target.tsv"), "--epochs", "400", "--widths", "64", "--checkpoint-every", "1", "--threads", "1", "--out", run];
        var checkpoint = Path.Combine(run, "checkpoint.omitrans-checkpoint");

        using (var process = CliProcess.Start(train))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!File.Exists(checkpoint) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                Thread.Sleep(50);
            }

            Thread.Sleep(700); // several more epochs, so the kill lands mid-epoch or mid-write
            process.HasExited.Should().BeFalse("a 400-epoch run is still training");
            process.Kill(); // SIGKILL on Linux: no handler runs
            process.WaitForExit();
        }

        File.Exists(checkpoint).Should().BeTrue();
        File.Exists(Path.Combine(run, "model.omitrans")).Should().BeFalse("the run never finished");
        Directory.GetFiles(run, "*.tmp").Select(Path.GetFileName).Where(name => !name!.StartsWith('.')).Should().BeEmpty("a killed write leaves at most a hidden temporary file, never a partial checkpoint under the real name");
        using (var partial = System.IO.Compression.ZipFile.OpenRead(checkpoint))
        {
            partial.Entries.Should().NotBeEmpty("the checkpoint on disk is complete");
        }

        var resumed = CliProcess.Run("train", "--resume", run);
        resumed.ExitCode.Should().Be(0, resumed.Error);
        resumed.Error.Should().Contain("Resuming");

        using var model = TranslationModel.Load(Path.Combine(run, "model.omitrans"));
        model.History!.Epochs.Should().NotBeEmpty();
        model.History.Epochs[^1].Epoch.Should().Be(400, "the resumed run completes the schedule it was started with");
        var source = OmicsFile.Read(Path.Combine(data, "source.tsv"));
        var target = OmicsFile.Read(Path.Combine(data, "target.tsv"));
        model.Evaluate(source, target).Metrics.MeanFeaturewiseR2.Should().BeGreaterThan(0.1, "the resumed model learned the structure");
    }
}
