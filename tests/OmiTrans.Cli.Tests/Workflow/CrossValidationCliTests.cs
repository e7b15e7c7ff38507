using System.Text.Json;

namespace OmiTrans.Cli.Tests.Workflow;

/// <summary>
/// omitrans train on a small cohort gives the library's default: cross-validated selection, which one checkpoint
/// cannot cover, so the default checkpoints give way to it; checkpoints asked for keep theirs and say what they cost.
/// </summary>
[Collection(TrainingCollection.Name)]
public sealed class CrossValidationCliTests : TempDirectoryTest
{
    [Fact]
    public void A_small_cohort_is_cross_validated_unless_checkpoints_are_asked_for()
    {
        var data = Path.Combine(Dir.Path, "data");
        CliProcess.Run("synth", "--samples", "60", "--source-features", "120", "--target-features", "30", "--seed", "4", "--out", data).ExitCode.Should().Be(0);
        string[] train = ["train", "--source", Path.Combine(data, "source.tsv"), "--target", Path.Combine(data, "target.tsv"), "--epochs", "4", "--widths", "16", "--threads", "1", "--json"];

        var plain = Path.Combine(Dir.Path, "plain");
        var run = CliProcess.Run([.. train, "--out", plain]);
        run.ExitCode.Should().Be(0, run.Error);
        run.Error.Should().Contain("cross-validated selection (5 folds");
        var selection = JsonDocument.Parse(run.Output).RootElement.GetProperty("selection");
        selection.GetProperty("crossValidation").GetProperty("folds").GetInt32().Should().Be(5);
        selection.GetProperty("crossValidation").GetProperty("samples").GetInt32().Should().Be(54, "training and validation samples are pooled; the 6 test samples are not");
        File.Exists(Path.Combine(plain, "checkpoint.omitrans-checkpoint")).Should().BeFalse();

        var asked = Path.Combine(Dir.Path, "asked");
        var withCheckpoints = CliProcess.Run([.. train, "--checkpoint-every", "1", "--out", asked]);
        withCheckpoints.ExitCode.Should().Be(0, withCheckpoints.Error);
        withCheckpoints.Error.Should().Contain("--checkpoint-every: this cohort is small enough for cross-validated selection");
        JsonDocument.Parse(withCheckpoints.Output).RootElement.GetProperty("selection").GetProperty("crossValidation").ValueKind.Should().Be(JsonValueKind.Null);
        File.Exists(Path.Combine(asked, "checkpoint.omitrans-checkpoint")).Should().BeTrue();
    }
}
