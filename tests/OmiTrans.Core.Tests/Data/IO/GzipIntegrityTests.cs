using System.IO.Compression;
using System.Text;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>Gzip input is verified member by member (header, CRC-32, length) and must end cleanly, in both readers.</summary>
public sealed class GzipIntegrityTests : TempDirectoryTest
{
    private const int Rows = 3000;

    private static string Table()
    {
        var random = new Random(17);
        var text = new StringBuilder("feature\tS1\tS2\tS3\n");
        for (int i = 0; i < Rows; i++)
        {
            text.Append("cg").Append(i).Append('\t').Append(random.NextSingle()).Append('\t').Append(random.NextSingle()).Append("\t0.7831644\n");
        }

        return text.ToString();
    }

    private static byte[] Gzip(string text, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, level, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return memory.ToArray();
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = Dir.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private OmicsFormatException RefusedByBoth(string path)
    {
        var (_, error) = BothReaders.ReadAgreeing(path, chunkSamples: 2);
        var ex = error.Should().BeOfType<OmicsFormatException>().Subject;
        ex.FilePath.Should().Be(path);
        ex.Message.Should().StartWith(path + ":");
        ex.Line.Should().BeGreaterThan(0);
        return ex;
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        Crc32.Of("123456789"u8).Should().Be(0xCBF43926u);
        Crc32.Of([]).Should().Be(0u);
        var crc = new Crc32();
        crc.Append("1234"u8);
        crc.Append("56789"u8);
        crc.Value.Should().Be(0xCBF43926u);
        var random = new Random(2);
        var data = new byte[1000];
        random.NextBytes(data);
        Crc32.Of(data).Should().Be(BitwiseCrc(data));
    }

    private static uint BitwiseCrc(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void An_intact_file_reads_the_last_value_exactly()
    {
        var path = WriteBytes("ok.tsv.gz", Gzip(Table()));

        var (m, _) = BothReaders.ReadAgreeing(path, chunkSamples: 2);

        m!.FeatureCount.Should().Be(Rows);
        m[Rows - 1, 2].Should().Be(0.7831644f);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_file_missing_its_trailer_or_part_of_it_is_refused(int cut)
    {
        var bytes = Gzip(Table());
        var path = WriteBytes("cut.tsv.gz", bytes[..^cut]);

        var ex = RefusedByBoth(path);

        ex.Problem.Should().Be("the gzip data is truncated or corrupt: member 1 does not end with the CRC-32 and length of its data.");
        ex.Line.Should().Be(Rows + 2, "every line was decompressed; the data breaks off after the last one");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_file_cut_inside_the_compressed_data_is_refused(double fraction)
    {
        var bytes = Gzip(Table());
        var path = WriteBytes("mid.tsv.gz", bytes[..(int)(bytes.Length * fraction)]);

        var ex = RefusedByBoth(path);

        ex.Problem.Should().StartWith("the gzip data is truncated");
        ex.Line.Should().BeLessThanOrEqualTo(Rows + 2);
    }

    [Theory]
    [InlineData(-8, "CRC-32")]
    [InlineData(-3, "length")]
    public void A_wrong_crc_or_length_is_refused(int offsetFromEnd, string field)
    {
        var bytes = Gzip(Table());
        bytes[^-offsetFromEnd] ^= 0x01;
        var path = WriteBytes("crc.tsv.gz", bytes);

        RefusedByBoth(path).Problem.Should().Contain("does not end with the CRC-32 and length of its data", field);
    }

    [Fact]
    public void A_flipped_byte_in_the_compressed_data_is_refused()
    {
        var bytes = Gzip(Table());
        bytes[bytes.Length / 2] ^= 0x10;
        var path = WriteBytes("flip.tsv.gz", bytes);

        RefusedByBoth(path).Problem.Should().StartWith("the gzip data is");
    }

    [Fact]
    public void Data_after_the_last_member_is_refused()
    {
        var path = WriteBytes("junk.tsv.gz", [.. Gzip(Table()), .. "garbage\n"u8]);

        RefusedByBoth(path).Problem.Should().StartWith("the gzip data is followed by bytes that are not gzip data");
    }

    [Fact]
    public void Concatenated_members_and_a_bgzf_style_empty_last_member_are_read()
    {
        var text = Table();
        int half = text.IndexOf("cg1500\t", StringComparison.Ordinal);
        byte[] emptyMember = [0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        var path = WriteBytes("multi.tsv.gz", [.. Gzip(text[..half]), .. Gzip(text[half..], CompressionLevel.Fastest), .. emptyMember]);
        var plain = Dir.Write("plain.tsv", text);

        var (m, _) = BothReaders.ReadAgreeing(path, chunkSamples: 2);

        BothReaders.ShouldBeIdentical(m!, OmicsFile.Read(plain));
    }

    [Fact]
    public void Header_fields_name_comment_extra_and_header_crc_are_honoured()
    {
        var deflated = new MemoryStream();
        var text = Encoding.UTF8.GetBytes("feature\tS1\ng1\t0.5\n");
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(text);
        }

        var header = new List<byte> { 0x1f, 0x8b, 0x08, 0x02 | 0x04 | 0x08 | 0x10, 1, 2, 3, 4, 0, 3 };
        header.AddRange([4, 0, (byte)'a', (byte)'b', 0, 1]);
        header.AddRange("table.tsv\0"u8.ToArray());
        header.AddRange("a comment\0"u8.ToArray());
        uint headerCrc = Crc32.Of(header.ToArray());
        header.AddRange([(byte)headerCrc, (byte)(headerCrc >> 8)]);
        uint crc = Crc32.Of(text);
        byte[] trailer = [(byte)crc, (byte)(crc >> 8), (byte)(crc >> 16), (byte)(crc >> 24), (byte)text.Length, 0, 0, 0];
        var path = WriteBytes("fields.tsv.gz", [.. header, .. deflated.ToArray(), .. trailer]);

        var (m, _) = BothReaders.ReadAgreeing(path);
        m![0, 0].Should().Be(0.5f);

        var wrongHeaderCrc = WriteBytes("hcrc.tsv.gz", [.. header.Take(header.Count - 1), (byte)(header[^1] ^ 1), .. deflated.ToArray(), .. trailer]);
        RefusedByBoth(wrongHeaderCrc).Problem.Should().Be("the gzip data is corrupt: the header checksum of member 1 does not match.");
    }

    [Fact]
    public void A_truncated_gzip_cohort_is_refused_by_chunked_translation_too()
    {
        var bytes = Gzip(Table());
        var path = WriteBytes("cohort.tsv.gz", bytes[..^8]);

        var act = () => BothReaders.ReadChunked(path, chunkSamples: 1);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().StartWith($"{path}:{Rows + 2}: the gzip data is truncated or corrupt");
    }
}
