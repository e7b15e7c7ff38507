using System.IO.Compression;
using System.Text;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>OmicsFile.Read from a stream or a text reader: the same grammar, values and messages as from a file.</summary>
public sealed class StreamInputTests : TempDirectoryTest
{
    private const string Table = "feature\ts1\ts2\tS 3\ng1\t0.5\tNA\t-1e-3\n\"g,2\"\t1\t2\t3\n";

    [Fact]
    public void A_stream_a_gzip_stream_and_a_text_reader_read_as_the_file_does()
    {
        var path = Dir.Write("t.tsv", Table);
        var fromFile = OmicsFile.Read(path);

        using var plain = new MemoryStream(Encoding.UTF8.GetBytes(Table));
        var fromStream = OmicsFile.Read(plain, "upload.tsv");
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Table));
        }

        compressed.Position = 0;
        var fromGzip = OmicsFile.Read(compressed, "upload.tsv.gz");
        var fromText = OmicsFile.Read(new StringReader(Table), "pasted");

        foreach (var matrix in new[] { fromStream, fromGzip, fromText })
        {
            matrix.SampleIds.Should().Equal("s1", "s2", "S 3");
            matrix.FeatureIds.Should().Equal("g1", "g,2");
            matrix.Values.ToArray().Should().Equal(fromFile.Values.ToArray(), (a, b) => a.Equals(b));
        }

        fromStream.Origin.Should().Be("upload.tsv");
        float.IsNaN(fromText.Values.Span[1]).Should().BeTrue("NA is a missing value");
    }

    [Fact]
    public void A_name_ending_in_csv_means_commas_and_errors_name_the_stream()
    {
        var csv = OmicsFile.Read(new StringReader("feature,a,b\nx,1,2\n"), "from-web.csv");
        csv.SampleIds.Should().Equal("a", "b");

        var act = () => OmicsFile.Read(new StringReader("feature\ta\tb\nx\t1\tone\n"), "pasted table");
        act.Should().Throw<OmicsFormatException>().WithMessage("pasted table:2:3:*'one'*is not a number*");

        var truncated = new MemoryStream();
        using (var gzip = new GZipStream(truncated, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Table));
        }

        var cut = truncated.ToArray()[..^6];
        var damaged = () => OmicsFile.Read(new MemoryStream(cut), "upload.tsv.gz");
        damaged.Should().Throw<OmicsFormatException>().WithMessage("upload.tsv.gz*gzip*");
    }
}
