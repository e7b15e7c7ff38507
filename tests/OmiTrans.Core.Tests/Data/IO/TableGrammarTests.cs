using System.IO.Compression;
using System.Text;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>
/// The one table grammar, through both readers: the whole-file reader (OmicsFile.Read) and the chunked reader
/// (translate --chunk-samples) accept the same files with the same values and refuse the same files with the same
/// message.
/// </summary>
public sealed class TableGrammarTests : TempDirectoryTest
{
    private OmicsMatrix ReadBoth(string name, string text, OmicsReadOptions? options = null)
    {
        var path = Dir.Write(name, text);
        var (matrix, error) = BothReaders.ReadAgreeing(path, options);
        error.Should().BeNull();
        return matrix!;
    }

    private OmicsFormatException RefuseBoth(string path, OmicsReadOptions? options = null)
    {
        var (_, error) = BothReaders.ReadAgreeing(path, options);
        error.Should().BeOfType<OmicsFormatException>();
        var ex = (OmicsFormatException)error!;
        ex.FilePath.Should().Be(path);
        ex.Message.Should().StartWith(path);
        return ex;
    }

    private OmicsFormatException RefuseBoth(string name, string text) => RefuseBoth(Dir.Write(name, text));

    [Fact]
    public void R_style_header_without_corner_cell_is_read_by_both()
    {
        var m = ReadBoth("r.tsv", "\"S1\"\t\"S2\"\t\"S3\"\n\"g1\"\t1\t2\t3\n\"g2\"\t4\tNA\t6\n");

        m.SampleIds.Should().Equal("S1", "S2", "S3");
        m.FeatureIds.Should().Equal("g1", "g2");
        m.Values.ToArray().Should().Equal(1, 2, 3, 4, float.NaN, 6);
    }

    [Fact]
    public void Quoted_numbers_missing_tokens_and_space_only_lines_are_read_by_both()
    {
        var m = ReadBoth("q.csv", "feature,S1,S2,S3\n   \ng1,\"1.5\",\" NA \",\n  \t \ng2,\"-2e3\",NaN,\"\"\n");

        m.FeatureIds.Should().Equal("g1", "g2");
        m.Values.ToArray().Should().Equal(1.5f, float.NaN, float.NaN, -2000f, float.NaN, float.NaN);
    }

    [Theory]
    [InlineData("\r", "CR only (classic Mac OS)")]
    [InlineData("\r\n", "CRLF")]
    [InlineData("\n", "LF")]
    public void Every_line_ending_is_read_by_both(string lineEnd, string because)
    {
        var text = string.Join(lineEnd, "feature\tS1\tS2", "g1\t0.42029276\t1", "g2\t3\t4") + lineEnd;

        var m = ReadBoth("e.tsv", text);

        m.FeatureIds.Should().Equal(new[] { "g1", "g2" }, because);
        m[0, 0].Should().Be(0.42029276f);
        m.Values.ToArray().Should().Equal(0.42029276f, 1, 3, 4);
    }

    [Fact]
    public void Quoted_ids_keep_delimiters_doubled_quotes_and_surrounding_spaces_while_unquoted_ids_are_trimmed()
    {
        var m = ReadBoth("ids.csv", "id,\"S,1\",\" S2 \", S3 \n\"g \"\"1\"\"\",1,2,3\n");

        m.SampleIds.Should().Equal("S,1", " S2 ", "S3");
        m.FeatureIds.Should().Equal("g \"1\"");
    }

    [Fact]
    public void An_unterminated_quote_is_refused_by_both_with_line_and_column()
    {
        var ex = RefuseBoth("open.tsv", "feature\tS1\tS2\ng1\t1\t2\n\"g2\t3\t4\ng3\t5\t6\n");

        ex.Line.Should().Be(3);
        ex.Column.Should().Be(1);
        ex.Problem.Should().StartWith("a quoted field is not closed on this line");
    }

    [Theory]
    [InlineData("g\"1\t1\t2", 1, "a quote (\") inside an unquoted field")]
    [InlineData("\"g1\"x\t1\t2", 1, "text after the closing quote")]
    [InlineData("g1\t1\t2\"", 3, "a quote (\") inside an unquoted field")]
    public void Stray_quotes_are_refused_by_both(string row, int column, string problem)
    {
        var ex = RefuseBoth("stray.tsv", $"feature\tS1\tS2\n{row}\n");

        ex.Line.Should().Be(2);
        ex.Column.Should().Be(column);
        ex.Problem.Should().StartWith(problem);
    }

    [Theory]
    [InlineData("1.5x")]
    [InlineData("0x10")]
    [InlineData("1,5")]
    [InlineData("1 5")]
    [InlineData("e5")]
    [InlineData("--1")]
    [InlineData("1e")]
    public void Number_syntax_is_strict(string cell)
    {
        var ex = RefuseBoth(Dir.Write("n.csv", $"feature;S1;S2\ng1;1;{cell}\n"), new OmicsReadOptions { Delimiter = ';' });

        ex.Line.Should().Be(2);
        ex.Column.Should().Be(3);
        ex.Problem.Should().Be($"'{cell}' in row 'g1', column 'S2' is not a number (missing values may be written NA, NaN or left empty).");
    }

    [Theory]
    [InlineData("infinity")]
    [InlineData("+INF")]
    [InlineData("-Infinity")]
    [InlineData("3.5e38")]
    public void Infinities_are_refused_by_both(string cell)
    {
        RefuseBoth("inf.tsv", $"feature\tS1\ng1\t{cell}\n").Problem.Should().EndWith("is infinite; write NA for a missing value.");
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_refused_with_a_clear_message()
    {
        var path = Dir.File("u16.tsv");
        File.WriteAllText(path, "feature\tS1\ng1\t0.42029276\n", new UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        var ex = RefuseBoth(path);

        ex.Message.Should().Be($"{path}:1: the file is UTF-16 encoded (little-endian, with a byte order mark); tables are read as UTF-8: save it as UTF-8 (for example: iconv -f UTF-16 -t UTF-8 in.tsv > out.tsv).");
    }

    [Theory]
    [InlineData(false, "UTF-16 encoded (big-endian, without a byte order mark)")]
    [InlineData(true, "UTF-32 encoded (little-endian, without a byte order mark)")]
    public void Utf16_and_utf32_without_byte_order_mark_are_recognised(bool utf32, string encoding)
    {
        var path = Dir.File("u.tsv");
        Encoding codec = utf32 ? new UTF32Encoding(bigEndian: false, byteOrderMark: false) : new UnicodeEncoding(bigEndian: true, byteOrderMark: false);
        File.WriteAllBytes(path, codec.GetBytes("feature\tS1\tS2\ng1\t0.42029276\t1\n"));

        RefuseBoth(path).Problem.Should().StartWith($"the file is {encoding}");
    }

    [Fact]
    public void Binary_input_is_refused_without_showing_its_bytes()
    {
        var random = new Random(5);
        var bytes = new byte[3000];
        random.NextBytes(bytes);
        var path = Dir.File("blob.tsv");
        File.WriteAllBytes(path, bytes);

        var ex = RefuseBoth(path);

        ex.Problem.Should().StartWith("the file looks binary, not like a text table");
        ex.Message.Where(c => char.IsControl(c) || c == '\uFFFD').Should().BeEmpty("no raw bytes are shown");
    }

    [Fact]
    public void A_zip_archive_such_as_an_xlsx_workbook_is_named()
    {
        var path = Dir.File("sheet.tsv");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            entry.Write("<worksheet/>");
        }

        RefuseBoth(path).Problem.Should().StartWith("the file looks like a ZIP archive (an .xlsx workbook is one)");
    }

    [Fact]
    public void A_nul_byte_far_into_the_file_names_its_line()
    {
        var text = new StringBuilder("feature\tS1\n");
        for (int i = 0; i < 2000; i++)
        {
            text.Append("g").Append(i).Append(i == 1500 ? "\t1\0\n" : "\t1\n");
        }

        var ex = RefuseBoth("nul.tsv", text.ToString());

        ex.Line.Should().Be(1502);
        ex.Problem.Should().StartWith("the file holds a NUL byte, so it is binary or not UTF-8 text");
    }

    [Fact]
    public void Ids_with_control_characters_or_invalid_utf8_are_refused()
    {
        RefuseBoth("ctl.tsv", "feature\tS1\ng\u00071\t1\n").Message.Should().EndWith(":2:1: the feature id 'g\\x071' contains the control character 0x07, which an id cannot hold.");

        var latin1 = Dir.File("latin1.tsv");
        File.WriteAllBytes(latin1, [.. "feature\tS1\ng"u8, 0xE9, .. "1\t1\n"u8]);
        RefuseBoth(latin1).Problem.Should().Be("the feature id 'g\uFFFD1' is not valid UTF-8 text (save the file as UTF-8).");
    }

    [Fact]
    public void Samples_in_rows_with_r_style_header_is_read_by_both()
    {
        var m = ReadBoth("t.csv", "g1,g2\nS1,1,2\nS2,3,4\nS3,5,6\n", new OmicsReadOptions { SamplesInRows = true });

        m.FeatureIds.Should().Equal("g1", "g2");
        m.SampleIds.Should().Equal("S1", "S2", "S3");
        m.Values.ToArray().Should().Equal(1, 3, 5, 2, 4, 6);
    }

    [Fact]
    public void A_delimiter_that_cannot_separate_fields_is_refused()
    {
        var path = Dir.Write("d.tsv", "feature\tS1\ng1\t1\n");

        var act = () => OmicsFile.Read(path, new OmicsReadOptions { Delimiter = '"' });

        act.Should().Throw<ArgumentException>().WithMessage("The delimiter '\"' cannot separate fields*");
    }

    [Fact]
    public void Writer_quotes_what_needs_quoting_and_refuses_ids_with_line_breaks()
    {
        var matrix = Matrices.FromRows([" g1", "g\t2"], ["S,1", "S\"2\"", "S3 "], [1, 2, 3], [4, 5, 6]);
        var path = Dir.File("w.csv");

        OmicsFile.Write(matrix, path);

        File.ReadAllText(path).Should().Be("feature,\"S,1\",\"S\"\"2\"\"\",\"S3 \"\n\" g1\",1,2,3\ng\t2,4,5,6\n");
        BothReaders.ShouldBeIdentical(ReadBoth("w2.csv", File.ReadAllText(path)), matrix);

        var broken = Matrices.FromRows(["g\n1"], ["S1"], [1]);
        var act = () => OmicsFile.Write(broken, Dir.File("broken.tsv"));
        act.Should().Throw<ArgumentException>().WithMessage("The feature id 'g\\x0A1' contains a line break (U+000A), which a table cannot hold; rename it before writing.");
        File.Exists(Dir.File("broken.tsv")).Should().BeFalse();
    }
}
