namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Messages are uniform: one line, the place named, the same exit code for the same kind of problem, and nothing from a
/// file or a path reaches the terminal unescaped.
/// </summary>
public sealed class ErrorMessageTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Fact]
    public void A_missing_input_names_the_option_and_the_path()
    {
        var missing = Dir.File("nowhere.tsv");

        Tool.Run("translate", "--model", cohort.Model, "--source", missing, "--out", Dir.File("out.tsv")).ShouldFail(2, "--source", missing, "no such file");
    }

    [Fact]
    public void A_missing_input_in_a_missing_folder_says_so()
    {
        var missing = Dir.File("no-folder/nowhere.tsv");

        Tool.Run("evaluate", "--predicted", missing, "--actual", cohort.Target, "--out", "-").ShouldFail(2, "--predicted", missing, "its folder does not exist either");
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_says_is_a_directory()
    {
        Tool.Run("train", "--source", cohort.Source, "--target", cohort.Target, "--exclude", cohort.Data, "--out", Dir.File("run")).ShouldFail(2, "--exclude", cohort.Data, "is a directory, but a file is expected");
    }

    [Fact]
    public void Control_characters_in_a_path_are_escaped()
    {
        var path = Dir.File("evil\u001b[2J\u0007name.tsv");

        var line = Tool.Run("translate", "--model", cohort.Model, "--source", path, "--out", Dir.File("out.tsv")).ShouldFail(2, @"evil\x1B[2J\x07name.tsv");

        line.Should().NotContain("\u001b");
    }

    [Fact]
    public void Bidirectional_overrides_in_a_path_are_escaped()
    {
        var path = Dir.File("report\u202Egpj.tsv");

        Tool.Run("translate", "--model", cohort.Model, "--source", path, "--out", Dir.File("out.tsv")).ShouldFail(2, @"report\u{202E}gpj.tsv");
    }

    [Fact]
    public void A_binary_source_is_named_as_binary_and_its_bytes_stay_out_of_the_message()
    {
        var binary = Dir.File("model-as-source.tsv");
        File.Copy(cohort.Model, binary);

        var line = Tool.Run("translate", "--model", cohort.Model, "--source", binary, "--out", Dir.File("out.tsv")).ShouldFail(2, binary, "zip archive");

        line.Length.Should().BeLessThan(400);
    }

    [Fact]
    public void A_very_long_message_is_bounded()
    {
        var id = new string('x', 50_000);
        var values = cohort.Rows[0][cohort.Rows[0].IndexOf('\t', StringComparison.Ordinal)..];
        var source = Dir.Write("long.tsv", cohort.Header + "\n" + string.Join('\n', cohort.Rows) + "\n" + id + values + "\n" + id + values + "\n");

        var line = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv")).ShouldFail(2, source);

        line.Length.Should().BeLessThan(1100, "a message is cut at 1000 characters, and an id in it much earlier");
        line.Should().Contain("duplicate feature id").And.Contain("x…'", "the 50,000-character id is shown by its start");
    }

    [Fact]
    public void Argument_errors_are_one_line_each_with_a_pointer_to_help()
    {
        var run = Tool.Run("train", "--epochs", "x", "--batch-size", "0");

        run.ExitCode.Should().Be(2);
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3).And.EndWith("omitrans: run 'omitrans train --help' for the options.");
    }
}
