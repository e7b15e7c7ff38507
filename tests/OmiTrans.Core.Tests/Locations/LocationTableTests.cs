namespace OmiTrans.Core.Tests.Locations;

public sealed class LocationTableTests : TempDirectoryTest
{
    [Fact]
    public void A_table_without_header_keeps_its_first_feature()
    {
        var path = Dir.Write("noheader.tsv", "cg1\tchr1\t100\ncg2\tchr2\t200\ncg3\tNA\tNA\n");

        var table = LocationTable.Read(path);

        table.Count.Should().Be(2);
        table.TryGetLocation("cg1", out var first).Should().BeTrue("the first line is a feature, not a header");
        first.Should().Be(new GenomicLocation("1", 100));
        table.UnannotatedFeatures.Should().Equal("cg3");
    }

    [Fact]
    public void A_table_without_header_whose_first_feature_is_unannotated_keeps_it()
    {
        var path = Dir.Write("noheader.csv", "cg0,chrX,NA\ncg1,chr1,100\n");

        var table = LocationTable.Read(path);

        table.UnannotatedFeatures.Should().Equal("cg0");
        table.Count.Should().Be(1);
    }

    [Fact]
    public void A_header_with_unknown_names_is_still_a_header()
    {
        var path = Dir.Write("generic.tsv", "probe_id\tchr_name\tbp\ncg1\t1\t100\n");

        var table = LocationTable.Read(path);

        table.Count.Should().Be(1);
        table.TryGetLocation("probe_id", out _).Should().BeFalse();
        table.TryGetLocation("cg1", out var l).Should().BeTrue();
        l.Start.Should().Be(100);
    }

    [Fact]
    public void A_header_without_rows_is_refused()
    {
        var path = Dir.Write("empty.tsv", "feature\tchrom\tstart\n\n");

        var act = () => LocationTable.Read(path);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().Be($"{path}:1: the location table has a header line but no rows.");
    }

    [Fact]
    public void Quoted_ids_crlf_and_gzip_are_read_with_the_table_grammar()
    {
        var path = Dir.File("loc.csv.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("IlmnID,CHR,MAPINFO\r\n\"cg,1\",X,5\r\ncg2,\"2\",7\r\n"u8);
        }

        var table = LocationTable.Read(path);

        table.TryGetLocation("cg,1", out var l).Should().BeTrue();
        l.Should().Be(new GenomicLocation("X", 5));
        table.Count.Should().Be(2);
    }
}
