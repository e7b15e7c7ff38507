namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>The chunked reader reads the one open file in every pass and notices a file changed in place.</summary>
public sealed class ChunkedTableReaderTests : TempDirectoryTest
{
    private static readonly OmicsMatrix Table = Matrices.FromRows(["g1", "g2", "g3"], ["S1", "S2", "S3", "S4"], [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]);

    [Fact]
    public void Chunks_hold_the_requested_samples_of_the_mapped_features()
    {
        var path = Dir.File("t.tsv");
        OmicsFile.Write(Table, path);
        using var reader = ChunkedTableReader.Open(path, null, samplesInRows: false);

        var chunk = reader.ReadSamples(1, 2, [1, -1, 0], rowCount: 3);

        chunk.Should().Equal(10, 11, 2, 3, float.NaN, float.NaN);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_file_rewritten_in_place_between_chunks_is_refused(bool samplesInRows)
    {
        var path = Dir.File("t.tsv");
        OmicsFile.Write(Table, path, new OmicsWriteOptions { SamplesInRows = samplesInRows });
        using var reader = ChunkedTableReader.Open(path, null, samplesInRows);
        reader.ReadSamples(0, 2, [0, 1, 2], 3).Should().Equal(1, 2, 5, 6, 9, 10);

        // Features as rows: same size, so the pass notices the row ids; samples as rows (one pass, already buffered
        // for so small a file): a new size, noticed when the pass ends.
        File.WriteAllText(path, File.ReadAllText(path).Replace("g1", samplesInRows ? "gXYZ" : "gX", StringComparison.Ordinal));
        var act = () => reader.ReadSamples(2, 2, [0, 1, 2], 3);

        act.Should().Throw<OmicsFormatException>().Which.Message.Should().StartWith($"{path}").And.Contain("the file changed while it was being read");
    }

    [Fact]
    public void A_file_replaced_between_chunks_is_read_as_it_was_opened()
    {
        var path = Dir.File("t.tsv");
        OmicsFile.Write(Table, path);
        using var reader = ChunkedTableReader.Open(path, null, samplesInRows: false);
        reader.ReadSamples(0, 2, [0, 1, 2], 3).Should().Equal(1, 2, 5, 6, 9, 10);

        var other = Dir.File("other.tsv");
        OmicsFile.Write(Table.Map(v => -v), other);
        File.Move(other, path, overwrite: true);

        reader.ReadSamples(2, 2, [0, 1, 2], 3).Should().Equal(3, 4, 7, 8, 11, 12);
    }
}
