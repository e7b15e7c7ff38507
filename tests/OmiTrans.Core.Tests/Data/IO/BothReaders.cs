namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>Reads a table with the whole-file reader and with the chunked reader, for tests that compare the two.</summary>
internal static class BothReaders
{
    /// <summary>The chunked reader's view of a whole table: every chunk of samples, stitched back together.</summary>
    public static OmicsMatrix ReadChunked(string path, OmicsReadOptions? options = null, int chunkSamples = 3)
    {
        options ??= OmicsReadOptions.Default;
        using var reader = ChunkedTableReader.Open(path, options.Delimiter, options.SamplesInRows);
        int features = reader.FeatureIds.Count;
        int samples = reader.SampleIds.Count;
        var identity = Enumerable.Range(0, features).ToArray();
        var values = new float[(long)features * samples];
        for (int start = 0; start < samples; start += chunkSamples)
        {
            int count = Math.Min(chunkSamples, samples - start);
            var chunk = reader.ReadSamples(start, count, identity, features);
            for (int f = 0; f < features; f++)
            {
                for (int j = 0; j < count; j++)
                {
                    values[((long)f * samples) + start + j] = chunk[((long)f * count) + j];
                }
            }
        }

        return OmicsMatrix.FromFeatureRows(reader.FeatureIds, reader.SampleIds, values, path);
    }

    /// <summary>The outcome of a read: the matrix, or the exception.</summary>
    public static (OmicsMatrix? Matrix, Exception? Error) Try(Func<OmicsMatrix> read)
    {
        try
        {
            return (read(), null);
        }
        catch (Exception ex)
        {
            return (null, ex);
        }
    }

    /// <summary>Both readers' outcomes, which must agree: the same table, or the same exception type and message.</summary>
    public static (OmicsMatrix? Matrix, Exception? Error) ReadAgreeing(string path, OmicsReadOptions? options = null, int chunkSamples = 3)
    {
        var whole = Try(() => OmicsFile.Read(path, options));
        var chunked = Try(() => ReadChunked(path, options, chunkSamples));
        if (whole.Error is not null)
        {
            chunked.Error.Should().NotBeNull($"the whole-file reader failed with \"{whole.Error.Message}\"");
            chunked.Error!.GetType().Should().Be(whole.Error.GetType());
            chunked.Error.Message.Should().Be(whole.Error.Message, "both readers report a problem in the same words");
            return whole;
        }

        chunked.Error.Should().BeNull($"the whole-file reader accepted the file");
        ShouldBeIdentical(chunked.Matrix!, whole.Matrix!);
        return whole;
    }

    /// <summary>Same ids, and values equal bit for bit (every NaN counts as missing).</summary>
    public static void ShouldBeIdentical(OmicsMatrix actual, OmicsMatrix expected, string because = "")
    {
        actual.FeatureIds.Should().Equal(expected.FeatureIds, because);
        actual.SampleIds.Should().Equal(expected.SampleIds, because);
        Bits(actual).Should().Equal(Bits(expected), because);
    }

    public static int[] Bits(OmicsMatrix m)
        => m.Values.ToArray().Select(v => float.IsNaN(v) ? BitConverter.SingleToInt32Bits(float.NaN) : BitConverter.SingleToInt32Bits(v)).ToArray();
}
