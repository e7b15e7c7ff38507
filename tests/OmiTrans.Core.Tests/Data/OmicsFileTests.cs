using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Core.Tests.Data;

public sealed class OmicsFileTests : TempDirectoryTest
{
    [Fact]
    public void Reads_the_usual_layout_with_missing_values()
    {
        var path = Dir.Write("a.tsv", "feature\tS1\tS2\tS3\ng1\t1.5\tNA\t-2\ng2\t\t0.25\tNaN\n");

        var m = OmicsFile.Read(path);

        m.FeatureIds.Should().Equal("g1", "g2");
        m.SampleIds.Should().Equal("S1", "S2", "S3");
        m[0, 0].Should().Be(1.5f);
        float.IsNaN(m[0, 1]).Should().BeTrue();
        m[0, 2].Should().Be(-2f);
        float.IsNaN(m[1, 0]).Should().BeTrue();
        m[1, 1].Should().Be(0.25f);
        m.CountMissing().Should().Be(3);
        m.Origin.Should().Be(path);
    }

    [Fact]
    public void Round_trip_is_exact_for_arbitrary_floats_and_awkward_ids()
    {
        var random = new Random(3);
        var features = new[] { "g1", "gene with space", "tab\tinside", "quote\"d", "cg00000029" };
        var samples = new[] { "TCGA-02-0001-01", "S,2", "S3" };
        var values = new float[features.Length, samples.Length];
        for (int f = 0; f < features.Length; f++)
        {
            for (int s = 0; s < samples.Length; s++)
            {
                values[f, s] = (f + s) % 4 == 0 ? float.NaN : BitConverter.Int32BitsToSingle(random.Next(0, 0x7F000000)) * (random.Next(2) == 0 ? -1 : 1);
            }
        }

        values[0, 1] = float.Epsilon;
        values[1, 1] = float.MaxValue;
        values[2, 1] = 0.1f;
        var matrix = OmicsMatrix.Create(features, samples, values);

        foreach (var name in new[] { "r.tsv", "r.csv", "r.tsv.gz" })
        {
            var path = Dir.File(name);
            OmicsFile.Write(matrix, path);
            var back = OmicsFile.Read(path);
            back.FeatureIds.Should().Equal(features);
            back.SampleIds.Should().Equal(samples);
            back.Values.ToArray().Select(BitConverter.SingleToInt32Bits).Should().Equal(matrix.Values.ToArray().Select(v => float.IsNaN(v) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(v)), name);
        }
    }

    [Fact]
    public void Samples_in_rows_layout_reads_and_writes_the_transpose()
    {
        var matrix = Matrices.FromRows(["g1", "g2"], ["S1", "S2", "S3"], [1, 2, 3], [4, 5, 6]);
        var path = Dir.File("t.tsv");
        OmicsFile.Write(matrix, path, new OmicsWriteOptions { SamplesInRows = true });

        File.ReadAllLines(path).Should().Equal("sample\tg1\tg2", "S1\t1\t4", "S2\t2\t5", "S3\t3\t6");
        var back = OmicsFile.Read(path, new OmicsReadOptions { SamplesInRows = true });
        back.FeatureIds.Should().Equal("g1", "g2");
        back.SampleIds.Should().Equal("S1", "S2", "S3");
        back.Values.ToArray().Should().Equal(matrix.Values.ToArray());
    }

    [Fact]
    public void Accepts_bom_crlf_quotes_gzip_and_a_header_without_corner_cell()
    {
        var text = "\uFEFF\"S1\"\t\"S2\"\r\n\"g 1\"\t1\t2\r\n\r\ng2\t3\t4";
        var path = Dir.File("x.tsv.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Encoding.UTF8.GetBytes(text));
        }

        var m = OmicsFile.Read(path);

        m.SampleIds.Should().Equal("S1", "S2");
        m.FeatureIds.Should().Equal("g 1", "g2");
        m.Values.ToArray().Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public void Fast_number_parsing_matches_the_runtime_parser()
    {
        var random = new Random(11);
        var path = Dir.File("n.tsv");
        var texts = new List<string>();
        for (int i = 0; i < 20000; i++)
        {
            double v = i % 3 == 0 ? random.NextDouble() : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30));
            texts.Add(i % 2 == 0 ? v.ToString("R", CultureInfo.InvariantCulture) : v.ToString("G" + random.Next(1, 17), CultureInfo.InvariantCulture));
        }

        texts.AddRange(["1e5", "-0", "+3.25", ".5", "5.", "1E-3", "123456789012345678901234", "0.000000000000000000000000000001", "3.4028235e38"]);
        File.WriteAllText(path, "feature\t" + string.Join('\t', texts.Select((_, i) => "S" + i)) + "\nf\t" + string.Join('\t', texts) + "\n");

        var m = OmicsFile.Read(path);

        for (int i = 0; i < texts.Count; i++)
        {
            m[0, i].Should().Be(float.Parse(texts[i], CultureInfo.InvariantCulture), texts[i]);
        }
    }

    [Fact]
    public void Ragged_row_names_file_and_line()
    {
        var path = Dir.Write("ragged.tsv", "feature\tS1\tS2\ng1\t1\t2\ng2\t3\n");

        var act = () => OmicsFile.Read(path);

        var ex = act.Should().Throw<OmicsFormatException>().Which;
        ex.FilePath.Should().Be(path);
        ex.Line.Should().Be(3);
        ex.Message.Should().Be($"{path}:3: expected 3 fields (a row id and 2 values) but found 2.");
    }

    [Fact]
    public void Too_many_fields_names_the_count()
    {
        var path = Dir.Write("wide.tsv", "feature\tS1\tS2\ng1\t1\t2\t3\t4\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().WithMessage("*:2: expected 3 fields (a row id and 2 values, as the header on line 1 has) but found 5. Is the delimiter right?*");
    }

    [Fact]
    public void Non_numeric_cell_names_line_column_row_and_sample()
    {
        var path = Dir.Write("bad.tsv", "feature\tS1\tS2\ng1\t1\t2\ng2\t3\tabc\n");

        var act = () => OmicsFile.Read(path);

        var ex = act.Should().Throw<OmicsFormatException>().Which;
        ex.Line.Should().Be(3);
        ex.Column.Should().Be(3);
        ex.Message.Should().Be($"{path}:3:3: 'abc' in row 'g2', column 'S2' is not a number (missing values may be written NA, NaN or left empty).");
    }

    [Theory]
    [InlineData("Inf")]
    [InlineData("-Inf")]
    [InlineData("Infinity")]
    [InlineData("1e40")]
    public void Infinite_cell_is_refused(string cell)
    {
        var path = Dir.Write("inf.tsv", $"feature\tS1\tS2\ng1\t1\t{cell}\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().Where(e => e.Line == 2 && e.Column == 3 && e.Message.Contains("is infinite"));
    }

    [Fact]
    public void Duplicate_sample_id_names_both_columns()
    {
        var path = Dir.Write("dup.tsv", "feature\tS1\tS2\tS1\ng1\t1\t2\t3\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{path}:1:4: duplicate sample id 'S1' (also in column 2).");
    }

    [Fact]
    public void Duplicate_feature_id_names_both_lines()
    {
        var path = Dir.Write("dupf.tsv", "feature\tS1\ng1\t1\ng2\t2\ng1\t3\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{path}:4:1: duplicate feature id 'g1' (also on line 2).");
    }

    [Fact]
    public void Sample_ids_that_differ_only_by_surrounding_space_are_duplicates()
    {
        var path = Dir.Write("space.tsv", "feature\tS1\t S1\ng1\t1\t2\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().WithMessage("*duplicate sample id 'S1'*");
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var path = Dir.Write("empty.tsv", string.Empty);

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{path}: the file is empty.");
    }

    [Fact]
    public void Header_without_data_is_refused()
    {
        var path = Dir.Write("header.tsv", "feature\tS1\tS2\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{path}:1: the file has a header line but no data rows.");
    }

    [Fact]
    public void Wrong_delimiter_says_how_the_file_was_read()
    {
        var path = Dir.Write("commas.tsv", "feature,S1,S2\ng1,1,2\ng2,3,4\n");

        var act = () => OmicsFile.Read(path);

        act.Should().Throw<OmicsFormatException>().WithMessage("*the header names no samples. Is the delimiter right? This file is read with tabs between fields.");
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        var act = () => OmicsFile.Read(Dir.File("nope.tsv"));

        act.Should().Throw<FileNotFoundException>().WithMessage("*nope.tsv*does not exist*");
    }

    [Fact]
    public void Writing_never_leaves_a_half_written_file()
    {
        var path = Dir.File("keep.tsv");
        File.WriteAllText(path, "previous content");

        var act = () => OmiTrans.Internal.AtomicFile.Write(path, stream =>
        {
            stream.Write(Encoding.UTF8.GetBytes("half of the new "));
            throw new IOException("disk full (injected)");
        });

        act.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("previous content");
        Directory.GetFiles(Dir.Path).Should().Equal(path);
    }
}
