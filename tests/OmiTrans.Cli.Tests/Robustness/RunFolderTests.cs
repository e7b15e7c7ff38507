using System.Text.Json;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// A tool never deletes or replaces what it did not create: a training folder of another run is refused unless it is
/// resumed or explicitly replaced, a run that fails leaves no run record behind, and bench deletes only its own folder.
/// </summary>
public sealed class RunFolderTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Fact]
    public void Train_into_the_folder_of_another_run_is_refused_and_leaves_its_run_record_intact()
    {
        var run = Dir.File("run");
        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "2", "--widths", "8", "--threads", "1", "--out", run).ShouldSucceed();
        var record = File.ReadAllBytes(Path.Combine(run, "run.json"));
        var model = File.ReadAllBytes(Path.Combine(run, "model.omitrans"));

        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "5", "--out", run)
            .ShouldFail(2, run, "holds the files of another training run", "run.json", "--resume", "--overwrite");

        File.ReadAllBytes(Path.Combine(run, "run.json")).Should().Equal(record);
        File.ReadAllBytes(Path.Combine(run, "model.omitrans")).Should().Equal(model);
    }

    [Fact]
    public void Overwrite_replaces_the_earlier_runs_files_and_only_those()
    {
        var run = Dir.File("run");
        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "2", "--widths", "8", "--threads", "1", "--checkpoint-every", "1", "--out", run).ShouldSucceed();
        var mine = Path.Combine(run, "my-notes.txt");
        File.WriteAllText(mine, "mine\n");

        var again = Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "3", "--widths", "8", "--threads", "1", "--checkpoint-every", "0", "--no-ridge-fallback", "--overwrite", "--out", run);

        again.ShouldSucceed();
        again.Error.Should().Contain("--overwrite: removed the earlier run's");
        File.ReadAllText(mine).Should().Be("mine\n");
        File.Exists(Path.Combine(run, "checkpoint.omitrans-checkpoint")).Should().BeFalse("the earlier run's checkpoint is not taken for this run's");
        using var model = TranslationModel.Load(Path.Combine(run, "model.omitrans"));
        model.History!.Epochs.Should().HaveCount(3);
        using var record = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json")));
        record.RootElement.GetProperty("args").EnumerateArray().Select(a => a.GetString()).Should().NotContain("--overwrite");
    }

    [Fact]
    public void A_training_run_that_fails_on_its_inputs_writes_no_run_record()
    {
        var run = Dir.File("run");
        var broken = Dir.Write("broken.tsv", cohort.Header + "\n" + string.Join('\n', cohort.Rows.Take(20)) + "\ncg_x\t0.1\n");

        Tool.Run("train", "--source", broken, "--target", cohort.Target, "--epochs", "2", "--out", run).ShouldFail(2, broken, ":22:");

        Directory.Exists(run).Should().BeFalse("nothing was written");
    }

    [Fact]
    public void A_training_run_that_fails_before_its_first_checkpoint_removes_its_run_record_and_the_folder_can_be_reused()
    {
        var run = Dir.File("run");
        var constant = Dir.Write("constant.tsv", cohort.Header + "\n" + string.Join('\n', cohort.Rows.Take(5).Select(r => r.Split('\t')[0] + string.Concat(Enumerable.Repeat("\t0.5", r.Split('\t').Length - 1)))) + "\n");

        Tool.Run("train", "--source", constant, "--target", cohort.Target, "--min-variance", "0.01", "--epochs", "2", "--out", run).ShouldFail(2, "left 0 source");

        File.Exists(Path.Combine(run, "run.json")).Should().BeFalse();
        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--epochs", "1", "--widths", "8", "--threads", "1", "--out", run).ShouldSucceed();
    }

    [Fact]
    public void Bench_work_deletes_only_its_own_subfolder_of_an_existing_folder()
    {
        var work = Dir.File("work");
        Directory.CreateDirectory(Path.Combine(work, "results"));
        File.WriteAllText(Path.Combine(work, "results", "keep.txt"), "mine\n");
        File.WriteAllText(Path.Combine(work, "keep.tsv"), "mine\n");

        Tool.Run("bench", "--parse-only", "--samples", "20", "--source-features", "30", "--target-features", "5", "--threads", "1", "--work", work).ShouldSucceed();

        File.ReadAllText(Path.Combine(work, "results", "keep.txt")).Should().Be("mine\n");
        File.ReadAllText(Path.Combine(work, "keep.tsv")).Should().Be("mine\n");
        Directory.EnumerateFileSystemEntries(work).Select(Path.GetFileName).Should().BeEquivalentTo(["results", "keep.tsv"], "the tool's own subfolder is gone, nothing else");
    }

    [Fact]
    public void Bench_work_in_the_working_directory_leaves_it_intact()
    {
        File.WriteAllText(Dir.File("data.tsv"), "mine\n");

        var run = CliProcess.RunProcess("bash", ["-c", $"cd '{Dir.Path}' && dotnet '{CliProcess.ToolPath}' bench --parse-only --samples 20 --source-features 30 --target-features 5 --threads 1 --work ."], TimeSpan.FromMinutes(3));

        run.ExitCode.Should().Be(0, run.Error);
        Directory.EnumerateFileSystemEntries(Dir.Path).Select(Path.GetFileName).Should().Equal("data.tsv");
        File.ReadAllText(Dir.File("data.tsv")).Should().Be("mine\n");
    }

    [Fact]
    public void Bench_removes_a_work_folder_left_by_a_killed_bench_but_not_one_of_a_running_process()
    {
        var work = Dir.File("work");
        var stale = Path.Combine(work, $"omitrans-bench-{int.MaxValue - 7}-{Guid.NewGuid():N}");
        var live = Path.Combine(work, $"omitrans-bench-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stale);
        Directory.CreateDirectory(live);
        File.WriteAllText(Path.Combine(stale, "source.tsv"), "x");

        var run = Tool.Run("bench", "--parse-only", "--samples", "20", "--source-features", "30", "--target-features", "5", "--threads", "1", "--work", work);

        run.ShouldSucceed();
        Directory.Exists(stale).Should().BeFalse();
        Directory.Exists(live).Should().BeTrue("its process (this test) still runs");
    }

    [Fact]
    public void Bench_json_goes_to_standard_output_with_dash()
    {
        var run = Tool.Run("bench", "--parse-only", "--samples", "20", "--source-features", "30", "--target-features", "5", "--threads", "1", "--work", Dir.Path, "--json", "-");

        run.ShouldSucceed();
        using var json = JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("parseMegabytesPerSecond").GetDouble().Should().BeGreaterThan(0);
    }
}
