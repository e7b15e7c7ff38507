namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// Source tables damaged the way real cohort files are (spreadsheet round trips, locales, bad downloads, partial
/// copies): translate refuses each with exit code 2 and one line naming the file and, where there is one, the line and
/// column; no output file appears.
/// </summary>
public sealed class SpreadsheetDamageTests(CohortFixture cohort) : TempDirectoryTest, IClassFixture<CohortFixture>
{
    [Theory]
    [InlineData("comma-decimal", ":2:3:", "'0,42'", "is not a number")]
    [InlineData("thousands-separator", ":2:3:", "'1,234'", "is not a number")]
    [InlineData("excel-na", ":2:3:", "'#N/A'", "is not a number")]
    [InlineData("excel-div0", ":2:3:", "'#DIV/0!'", "is not a number")]
    [InlineData("dash", ":2:3:", "'-'", "is not a number")]
    [InlineData("percent", ":2:3:", "'42%'", "is not a number")]
    [InlineData("boolean", ":2:3:", "'TRUE'", "is not a number")]
    [InlineData("inf", ":2:3:", "'inf'", "is infinite")]
    [InlineData("minus-inf", ":2:3:", "'-Inf'", "is infinite")]
    [InlineData("overflow", ":2:3:", "'1e400'", "is infinite")]
    [InlineData("non-breaking-space", ":2:3:", "is not a number")]
    [InlineData("hex", ":2:3:", "'0x1F'", "is not a number")]
    [InlineData("trailing-tab-everywhere", ":1:", "sample id in the header is empty")]
    [InlineData("trailing-tab-header", ":2:", "fields")]
    [InlineData("duplicated-header", ":2:2:", "in row 'feature'", "is not a number")]
    [InlineData("duplicated-feature", ":202:1:", "duplicate feature id")]
    [InlineData("duplicated-sample", ":1:3:", "duplicate sample id")]
    [InlineData("empty-sample-id", ":1:4:", "sample id in the header is empty")]
    [InlineData("semicolons", ":1:", "Is the delimiter right?")]
    [InlineData("whitespace-only", ":2:", "no data rows")]
    [InlineData("empty", "the file is empty")]
    [InlineData("header-only", ":1:", "no data rows")]
    [InlineData("utf16", "--source", "is UTF-16 text", "save it as UTF-8")]
    [InlineData("xlsx", "--source", "Excel workbook (.xlsx)")]
    [InlineData("xls", "--source", "Excel 97-2003 workbook")]
    [InlineData("html", "--source", "is an HTML page")]
    [InlineData("binary", "--source", "is binary data")]
    [InlineData("damaged-gzip", "--source", "is not a valid gzip file")]
    [InlineData("cut-mid-line-gzip", "the gzip data is truncated or corrupt")]
    [InlineData("transposed", "--source", "the table looks transposed; add --samples-in-rows")]
    [InlineData("dates-for-ids", "below the required 80%", "100 ids look like dates", "1-Mar")]
    public void A_damaged_source_is_refused_naming_the_place(string variant, params string[] fragments)
    {
        var source = Dir.File(variant + (variant.EndsWith("gzip", StringComparison.Ordinal) ? ".tsv.gz" : ".tsv"));
        File.WriteAllBytes(source, SourceVariants.Make(cohort, variant));
        var output = Dir.File("out.tsv");

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", output);

        run.ShouldFail(2, [source, .. fragments]);
        File.Exists(output).Should().BeFalse();
        Tool.Temporaries(Dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void A_partial_copy_cut_in_the_middle_of_a_line_is_refused_at_that_line()
    {
        var source = Dir.File("partial.tsv");
        File.WriteAllBytes(source, SourceVariants.Make(cohort, "cut-mid-line"));

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"));

        run.ShouldFail(2, $"{source}:{SourceVariants.CutLine(cohort.SourceText)}:", "but found");
    }

    [Fact]
    public void Control_characters_from_a_file_reach_the_terminal_escaped()
    {
        var source = Dir.File("ids.tsv");
        File.WriteAllBytes(source, SourceVariants.Make(cohort, "control-characters-in-id"));

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", source, "--out", Dir.File("out.tsv"));

        run.ShouldFail(2, @"'\x1B[31mcg\x07'", "contains the control character 0x1B");
    }

    [Fact]
    public void The_samples_in_rows_flag_on_a_features_as_rows_table_is_named_as_the_cause()
    {
        var run = Tool.Run("translate", "--model", cohort.Model, "--source", cohort.Source, "--samples-in-rows", "--out", Dir.File("out.tsv"));

        run.ShouldFail(2, "the table looks transposed; leave out --samples-in-rows");
    }

    [Fact]
    public void A_named_pipe_as_source_is_refused_without_waiting_for_a_writer()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fifo = Dir.File("source.fifo");
        Tool.Shell("mkfifo", fifo).Should().Be(0);

        var run = Tool.Run("translate", "--model", cohort.Model, "--source", fifo, "--out", Dir.File("out.tsv"));

        run.ShouldFail(2, fifo, "is not a regular file");
    }
}
