namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// The rule of docs/failure-modes.md, "Where outputs go": no command writes over one of its inputs (by path, link or
/// another spelling); a symbolic link's target is replaced and the link kept; pipes and devices are written in place;
/// folders, block devices and files under a file are refused; "-" is standard output.
/// </summary>
public sealed class OutputSafetyTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Theory]
    [InlineData("same-path")]
    [InlineData("symbolic-link")]
    [InlineData("hard-link")]
    [InlineData("other-spelling")]
    public void Translate_refuses_to_write_over_its_source(string how)
    {
        var source = Dir.File("source.tsv");
        File.Copy(cohort.Source, source);
        var before = File.ReadAllBytes(source);
        var output = how switch
        {
            "same-path" => source,
            "symbolic-link" => Link(Dir.File("link.tsv"), source, symbolic: true),
            "hard-link" => Link(Dir.File("hard.tsv"), source, symbolic: false),
            _ => Path.Combine(Dir.Path, "sub", "..", "source.tsv"),
        };
        Directory.CreateDirectory(Dir.File("sub"));

        Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", output).ShouldFail(2, "refusing to write --out", "it is the input --source", source);

        File.ReadAllBytes(source).Should().Equal(before);
        Tool.Temporaries(Dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void Translate_refuses_to_write_over_its_model()
    {
        var model = Dir.File("model.omitrans");
        File.Copy(cohort.Model, model);

        Tool.Run("translate", "--model", model, "--source", cohort.Source, "--out", model).ShouldFail(2, "it is the input --model");

        File.ReadAllBytes(model).Should().Equal(File.ReadAllBytes(cohort.Model));
    }

    [Fact]
    public void Evaluate_refuses_an_output_folder_where_it_would_replace_its_actual_table()
    {
        var folder = Dir.File("eval");
        Directory.CreateDirectory(folder);
        var actual = Path.Combine(folder, "features.tsv");
        File.Copy(cohort.Target, actual);

        Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", actual, "--out", folder).ShouldFail(2, "features.tsv", "it is the input --actual");

        File.ReadAllBytes(actual).Should().Equal(File.ReadAllBytes(cohort.Target));
        Directory.GetFiles(folder).Should().ContainSingle();
    }

    [Fact]
    public void Train_refuses_an_output_folder_where_it_would_replace_its_split_file()
    {
        var folder = Dir.File("run");
        Directory.CreateDirectory(folder);
        var split = Path.Combine(folder, "split.tsv");
        var ids = OmicsFile.Read(cohort.Source).SampleIds;
        File.WriteAllLines(split, ids.Select((id, i) => $"{id}\t{(i % 10 == 0 ? "test" : i % 10 == 1 ? "validation" : "train")}"));
        var before = File.ReadAllBytes(split);

        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--split", split, "--epochs", "1", "--out", folder).ShouldFail(2, "split.tsv", "it is the input --split");

        File.ReadAllBytes(split).Should().Equal(before);
    }

    [Fact]
    public void Compare_refuses_before_fitting_when_a_method_folder_would_replace_its_labels()
    {
        var folder = Dir.File("cmp");
        Directory.CreateDirectory(Path.Combine(folder, "ridge"));
        var labels = Path.Combine(folder, "ridge", "metrics.json");
        File.Copy(cohort.Labels, labels);

        Tool.Run("compare", "--source", cohort.Source, "--target", cohort.Target, "--labels", labels, "--methods", "ridge", "--out", folder).ShouldFail(2, "ridge/metrics.json", "is the input --labels");

        File.ReadAllBytes(labels).Should().Equal(File.ReadAllBytes(cohort.Labels));
        File.Exists(Path.Combine(folder, "table1.tsv")).Should().BeFalse();
    }

    [Fact]
    public void A_symbolic_link_output_keeps_the_link_and_replaces_its_target()
    {
        var target = Dir.File("real.tsv");
        File.WriteAllText(target, "old\n");
        var link = Link(Dir.File("out.tsv"), target, symbolic: true);

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", link).ShouldSucceed();

        new FileInfo(link).LinkTarget.Should().Be(target, "the link is kept");
        File.ReadAllBytes(target).Should().Equal(File.ReadAllBytes(cohort.Baseline));
        Tool.Temporaries(Dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_dangling_symbolic_link_output_creates_its_target()
    {
        var target = Dir.File("later.tsv");
        var link = Link(Dir.File("out.tsv"), target, symbolic: true);

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", link).ShouldSucceed();

        new FileInfo(link).LinkTarget.Should().Be(target);
        File.ReadAllBytes(target).Should().Equal(File.ReadAllBytes(cohort.Baseline));
    }

    [Fact]
    public async Task A_named_pipe_output_is_written_in_place_and_stays_a_pipe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = Dir.File("out.fifo");
        Tool.Shell("mkfifo", fifo).Should().Be(0);
        var reader = Task.Run(() => File.ReadAllBytes(fifo));

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", fifo).ShouldSucceed();

        (await reader.WaitAsync(TimeSpan.FromSeconds(30))).Should().Equal(File.ReadAllBytes(cohort.Baseline));
        IsFifo(fifo).Should().BeTrue("the pipe was not replaced by a regular file");
    }

    [Fact]
    public void A_character_device_output_is_written_in_place_and_stays_a_device()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // As root a private copy of /dev/null (so that nothing shared is at stake); otherwise /dev/null itself.
        var device = "/dev/null";
        if (Tool.IsRoot)
        {
            device = Dir.File("null");
            Tool.Shell("mknod", device, "c", "1", "3").Should().Be(0);
        }

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", device).ShouldSucceed();

        Kind(device).Should().Be("character special file");
    }

    [Fact]
    public void A_full_device_fails_with_a_run_error_and_stays_a_device()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/dev/full"))
        {
            return;
        }

        var device = "/dev/full";
        if (Tool.IsRoot)
        {
            device = Dir.File("full");
            Tool.Shell("mknod", device, "c", "1", "7").Should().Be(0);
        }

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", device).ShouldFail(1, "No space left on device");

        Kind(device).Should().Be("character special file");
    }

    [Fact]
    public void A_block_device_output_is_refused()
    {
        if (!Tool.IsRoot)
        {
            return; // creating a block device node needs root; without root the tool could not write one anyway
        }

        var device = Dir.File("disk");
        if (Tool.Shell("mknod", device, "b", "7", "200") != 0)
        {
            return; // no CAP_MKNOD here
        }

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", device).ShouldFail(2, "is a block device");

        Kind(device).Should().Be("block special file");
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/dev/stdout")]
    public void Translate_writes_the_table_to_standard_output_and_notes_to_standard_error(string output)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", output);

        run.ShouldSucceed();
        run.Output.Should().Be(File.ReadAllText(cohort.Baseline), "standard output holds only the table");
        run.Error.Should().Contain("samples to standard output");
    }

    [Fact]
    public void Evaluate_writes_only_the_metrics_json_to_standard_output()
    {
        var run = Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", cohort.Target, "--out", "-");

        run.ShouldSucceed();
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        json.RootElement.GetProperty("sampleCount").GetInt32().Should().BeGreaterThan(50);
        json.RootElement.GetProperty("missingPredictionCount").GetInt64().Should().Be(0);
    }

    [Fact]
    public void An_existing_folder_as_the_output_file_is_refused_before_translating()
    {
        var folder = Dir.File("folder");
        Directory.CreateDirectory(folder);

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", folder).ShouldFail(2, "--out", folder, "is a directory");
    }

    [Fact]
    public void An_output_under_a_file_is_refused()
    {
        var file = Dir.Write("notes.txt", "mine\n");

        Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", Path.Combine(file, "out.tsv")).ShouldFail(2, file, "is a file, not a folder");
        Tool.Run("evaluate", "--predicted", cohort.Baseline, "--actual", cohort.Target, "--out", file).ShouldFail(2, file, "is a file, but a folder is expected");

        File.ReadAllText(file).Should().Be("mine\n");
    }

    [Fact]
    public void A_read_only_output_is_left_as_it_was()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var output = Dir.Write("locked.tsv", "keep me\n");
        File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(Dir.Path, (UnixFileMode)0b111_111_111);

        var run = Tool.RunAsNobody("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", output);
        if (run is null)
        {
            return;
        }

        run.Value.ShouldFail(2, "Permission denied", output, "read-only");
        File.ReadAllText(output).Should().Be("keep me\n");
    }

    [Fact]
    public void An_unwritable_output_folder_exits_2_naming_it_before_translating()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Dir.File("locked");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var run = Tool.RunAsNobody("translate", "--model", cohort.Model, "--source", cohort.Source, "--out", Path.Combine(folder, "out.tsv"));
        if (run is null)
        {
            return;
        }

        run.Value.ShouldFail(2, "Permission denied", folder, "is not writable");
        run.Value.Error.Should().NotContain("samples;", "nothing was translated");
    }

    [Fact]
    public void An_unreadable_source_exits_2_naming_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var source = Dir.File("secret.tsv");
        File.Copy(cohort.Source, source);
        File.SetUnixFileMode(source, UnixFileMode.None);

        var run = Tool.RunAsNobody("translate", "--model", cohort.Model, "--source", source, "--out", "-");
        if (run is null)
        {
            return;
        }

        run.Value.ShouldFail(2, "--source", source, "permission denied");
    }

    private static string Link(string path, string target, bool symbolic)
    {
        if (symbolic)
        {
            File.CreateSymbolicLink(path, target);
        }
        else
        {
            Tool.Shell("ln", target, path).Should().Be(0);
        }

        return path;
    }

    private static bool IsFifo(string path) => Kind(path) == "fifo";

    private static string Kind(string path)
    {
        var (_, output, _) = CliProcess.RunProcess("stat", ["-c", "%F", path], TimeSpan.FromSeconds(30));
        return output.Trim();
    }
}
