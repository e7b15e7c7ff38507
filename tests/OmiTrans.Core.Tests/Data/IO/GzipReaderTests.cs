using System.IO.Compression;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>The verifying gzip decoder with a small input buffer: many refills, several members, every cut refused.</summary>
public sealed class GzipReaderTests
{
    private static byte[] Gzip(ReadOnlySpan<byte> data, CompressionLevel level)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, level, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private static byte[] Decode(byte[] compressed, GzipMemberMap? map = null)
    {
        using var reader = new GzipReader(new MemoryStream(compressed), inputBufferSize: 4096, map);
        using var output = new MemoryStream();
        var buffer = new byte[7919];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, n);
        }

        return output.ToArray();
    }

    private static (byte[] Plain, byte[] Compressed, int[] Boundaries) Members()
    {
        var random = new Random(9);
        var plain = new byte[600_000];
        for (int i = 0; i < plain.Length; i++)
        {
            plain[i] = (byte)(random.Next(4) == 0 ? random.Next(256) : 'a' + random.Next(6));
        }

        var compressed = new List<byte>();
        var boundaries = new List<int>();
        int[] splits = [0, 250_000, 250_001, 250_001, 599_000, plain.Length];
        for (int m = 0; m + 1 < splits.Length; m++)
        {
            compressed.AddRange(Gzip(plain.AsSpan(splits[m], splits[m + 1] - splits[m]), m % 2 == 0 ? CompressionLevel.Fastest : CompressionLevel.SmallestSize));
            boundaries.Add(compressed.Count);
        }

        return (plain, compressed.ToArray(), boundaries.ToArray());
    }

    [Fact]
    public void Several_members_decode_exactly_with_a_small_buffer_and_a_verified_map_is_reused()
    {
        var (plain, compressed, _) = Members();
        var map = new GzipMemberMap();

        Decode(compressed, map).Should().Equal(plain);
        map.Complete.Should().BeTrue();
        map.Members.Select(m => m.Size).Should().Equal([250_000, 1, 348_999, 1000], "GZipStream writes no member for no data");
        Decode(compressed, map).Should().Equal(plain, "the second pass trusts the verified map");
    }

    [Fact]
    public void Every_cut_except_between_members_is_refused()
    {
        var (_, compressed, boundaries) = Members();
        var random = new Random(3);
        var cuts = Enumerable.Range(0, 40).Select(_ => random.Next(1, compressed.Length)).Concat(boundaries.Select(b => b - 1)).Concat([10, 11, 17]);
        foreach (int cut in cuts)
        {
            var act = () => Decode(compressed[..cut]);
            if (boundaries.Contains(cut))
            {
                act.Should().NotThrow();
            }
            else
            {
                act.Should().Throw<GzipDataException>($"a cut at {cut} of {compressed.Length}").Which.Message.Should().StartWith("the gzip data is");
            }
        }
    }

    [Fact]
    public void A_map_from_another_file_is_refused()
    {
        var (_, compressed, _) = Members();
        var map = new GzipMemberMap();
        Decode(compressed, map);
        var other = Gzip(new byte[1000], CompressionLevel.Fastest);

        var act = () => Decode(other, map);

        act.Should().Throw<GzipDataException>().WithMessage("*the file changed while it was being read*");
    }
}
