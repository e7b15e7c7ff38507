using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace OmiTrans.Core.Tests.Data.IO;

/// <summary>
/// Property test of the one table reader: random valid tables written in every supported dialect read back exactly
/// through both the whole-file and the chunked path, and random corruptions of those files either read as the
/// grammar says (<see cref="ReferenceTableReader"/>; for gzip byte damage: exactly as before) or fail with an
/// <see cref="OmicsFormatException"/> naming the file and a line, the same in both paths.
/// </summary>
public sealed class TableRoundTripPropertyTests : TempDirectoryTest
{
    // OMITRANS_PROPERTY_SEED and OMITRANS_PROPERTY_CASES run other or more cases (for example a soak of 20000).
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("OMITRANS_PROPERTY_SEED"), out var seed) ? seed : 20250611;
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("OMITRANS_PROPERTY_CASES"), out var cases) ? cases : 200;

    private static readonly string[] IdAlphabet =
        ["a", "b", "Z", "x", "0", "7", "-", "_", ".", ",", ";", "\"", " ", "\t", "é", "中", "😀", "\u00A0", "ß", "#", "'", "N", "A"];

    private static readonly float[] Extremes =
        [float.MaxValue, -float.MaxValue, float.Epsilon, -float.Epsilon, 0f, -0f, 1.17549435E-38f, 1e-40f, 0.1f, 16777217f, 3.4028233E+38f];

    private enum Compression
    {
        None,
        Gzip,
        GzipTwoMembers,
    }

    private sealed record Dialect(
        char Delimiter,
        string LineEnd,
        bool FinalLineBreak,
        bool QuoteIds,
        bool QuoteValues,
        bool PadValues,
        bool RStyle,
        bool SamplesInRows,
        bool Bom,
        string Missing,
        int BlankLines,
        Compression Compression,
        string NumberFormat,
        string Corner,
        bool ViaWriter)
    {
        public override string ToString()
            => ViaWriter
                ? $"writer {(Delimiter == '\t' ? "TSV" : Delimiter.ToString())} {Compression} samplesInRows={SamplesInRows}"
                : $"{(Delimiter == '\t' ? "TSV" : Delimiter.ToString())} {LineEnd.Replace("\r", "CR", StringComparison.Ordinal).Replace("\n", "LF", StringComparison.Ordinal)} final={FinalLineBreak} quoteIds={QuoteIds} quoteValues={QuoteValues} pad={PadValues} rStyle={RStyle} samplesInRows={SamplesInRows} bom={Bom} missing='{Missing}' blank={BlankLines} {Compression} format={NumberFormat}";
    }

    [Fact]
    public void Random_tables_read_back_exactly_in_every_dialect_and_corruptions_never_read_wrong()
    {
        var random = new Random(Seed);
        int refused = 0;
        int accepted = 0;
        var dialectsSeen = new HashSet<string>();
        for (int i = 0; i < Cases; i++)
        {
            var table = RandomTable(random);
            var dialect = RandomDialect(random);
            var path = Dir.File($"case{i}{(dialect.Delimiter == ',' ? ".csv" : ".tsv")}{(dialect.Compression == Compression.None ? string.Empty : ".gz")}");
            byte[] plain;
            if (dialect.ViaWriter)
            {
                OmicsFile.Write(table, path, new OmicsWriteOptions { SamplesInRows = dialect.SamplesInRows, Delimiter = dialect.Delimiter, CornerLabel = dialect.Corner });
                plain = Decompress(File.ReadAllBytes(path));
            }
            else
            {
                plain = Serialize(table, dialect, random);
                File.WriteAllBytes(path, Compress(plain, dialect.Compression, random));
            }

            var options = new OmicsReadOptions
            {
                Delimiter = dialect.Delimiter == ';' || random.Next(2) == 0 ? dialect.Delimiter : null,
                SamplesInRows = dialect.SamplesInRows,
            };
            string because = $"case {i}: {dialect}";
            dialectsSeen.Add(dialect.ViaWriter ? "writer" : dialect.LineEnd + dialect.Delimiter + dialect.Compression);

            BothReaders.ShouldBeIdentical(OmicsFile.Read(path, options), table, because + " (whole file)");
            BothReaders.ShouldBeIdentical(BothReaders.ReadChunked(path, options, random.Next(1, 5)), table, because + " (chunked)");

            for (int k = 0; k < 3; k++)
            {
                bool damageCompressed = dialect.Compression != Compression.None && random.Next(2) == 0;
                byte[] written;
                byte[]? corruptedPlain;
                string what;
                if (damageCompressed)
                {
                    var compressed = Compress(plain, dialect.Compression, random, out int boundary, out int split);
                    written = CorruptBytes(compressed, random, out what);

                    // Cut exactly between two members, the file is a valid gzip file of the first member's text (as
                    // a plain file cut after a line is a valid shorter table): read as the grammar says.
                    corruptedPlain = written.Length == boundary && boundary < compressed.Length ? plain[..split] : null;
                }
                else
                {
                    corruptedPlain = Corrupt(plain, random, dialect.Delimiter, out what);
                    written = dialect.Compression == Compression.None ? corruptedPlain : Compress(corruptedPlain, dialect.Compression, random);
                }

                File.WriteAllBytes(path, written);
                bool ok = CheckCorrupted(path, options, corruptedPlain, table, random, $"{because}, corruption {k}: {what}");
                accepted += ok ? 1 : 0;
                refused += ok ? 0 : 1;
            }

            File.Delete(path);
        }

        refused.Should().BeGreaterThan(Cases, "most corruptions break the grammar");
        accepted.Should().BeGreaterThan(10, "some corruptions leave a valid table, read as it is written");
        dialectsSeen.Should().HaveCountGreaterThan(20);
    }

    /// <summary>Reads a corrupted file with both paths; true when it was accepted.</summary>
    private static bool CheckCorrupted(string path, OmicsReadOptions options, byte[]? corruptedPlain, OmicsMatrix original, Random random, string because)
    {
        var (matrix, error) = BothReaders.ReadAgreeing(path, options, random.Next(1, 4));
        if (error is not null)
        {
            var ex = error.Should().BeOfType<OmicsFormatException>(because).Subject;
            ex.FilePath.Should().Be(path, because);
            ex.Message.Should().StartWith(path, because);
            (ex.Line >= 1 || ex.Problem is "the file is empty." or "the file holds only blank lines.").Should().BeTrue($"{because}: the message names a line: {ex.Message}");
            ex.Message.Where(char.IsControl).Should().BeEmpty(because);
        }

        if (corruptedPlain is null)
        {
            // Damaged compressed data decompresses to the original or is refused.
            if (error is null)
            {
                BothReaders.ShouldBeIdentical(matrix!, original, because);
            }

            return error is null;
        }

        var reference = BothReaders.Try(() => ReferenceTableReader.Read(corruptedPlain, options.Delimiter ?? (path.Contains(".csv", StringComparison.Ordinal) ? ',' : '\t'), options.SamplesInRows));
        if (reference.Error is not null)
        {
            error.Should().NotBeNull($"{because}: the grammar refuses it ({reference.Error.Message})");
            return false;
        }

        error.Should().BeNull($"{because}: the grammar accepts it");
        BothReaders.ShouldBeIdentical(matrix!, reference.Matrix!, because);
        return true;
    }

    private static OmicsMatrix RandomTable(Random random)
    {
        int features = random.Next(1, 7);
        int samples = random.Next(1, 9);
        var featureIds = UniqueIds(random, features);
        var sampleIds = UniqueIds(random, samples);
        var values = new float[features, samples];
        for (int f = 0; f < features; f++)
        {
            for (int s = 0; s < samples; s++)
            {
                values[f, s] = RandomValue(random);
            }
        }

        return OmicsMatrix.Create(featureIds, sampleIds, values);
    }

    private static string[] UniqueIds(Random random, int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            var id = new StringBuilder();
            int length = random.Next(1, 9);
            for (int i = 0; i < length; i++)
            {
                id.Append(IdAlphabet[random.Next(IdAlphabet.Length)]);
            }

            ids.Add(id.ToString());
        }

        return ids.ToArray();
    }

    private static float RandomValue(Random random)
    {
        switch (random.Next(10))
        {
            case 0:
                return float.NaN;
            case 1:
                return Extremes[random.Next(Extremes.Length)];
            case 2:
            case 3:
            case 4:
                while (true)
                {
                    float v = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
                    if (float.IsFinite(v))
                    {
                        return v;
                    }
                }

            default:
                return (float)Math.Round((random.NextDouble() - 0.3) * 100, random.Next(0, 7));
        }
    }

    private static Dialect RandomDialect(Random random)
    {
        char delimiter = random.Next(3) switch { 0 => '\t', 1 => ',', _ => ';' };
        var compression = (Compression)random.Next(3);
        bool samplesInRows = random.Next(2) == 0;
        if (random.Next(6) == 0)
        {
            return new Dialect(delimiter, "\n", true, false, false, false, false, samplesInRows, false, "NA", 0, compression == Compression.None ? Compression.None : Compression.Gzip, "R", random.Next(2) == 0 ? "feature" : "id,\"x\"", ViaWriter: true);
        }

        return new Dialect(
            delimiter,
            random.Next(3) switch { 0 => "\n", 1 => "\r\n", _ => "\r" },
            FinalLineBreak: random.Next(4) != 0,
            QuoteIds: random.Next(3) == 0,
            QuoteValues: random.Next(5) == 0,
            PadValues: random.Next(5) == 0,
            RStyle: random.Next(3) == 0,
            SamplesInRows: samplesInRows,
            Bom: random.Next(4) == 0,
            Missing: random.Next(5) switch { 0 => "NA", 1 => "NaN", 2 => string.Empty, 3 => "null", _ => "N/A" },
            BlankLines: random.Next(4) == 0 ? random.Next(1, 3) : 0,
            Compression: compression,
            NumberFormat: random.Next(3) switch { 0 => "R", 1 => "G9", _ => "E8" },
            Corner: random.Next(3) switch { 0 => "feature", 1 => string.Empty, _ => "id, \"corner\"" },
            ViaWriter: false);
    }

    private static byte[] Serialize(OmicsMatrix table, Dialect d, Random random)
    {
        var columnIds = d.SamplesInRows ? table.FeatureIds : table.SampleIds;
        var rowIds = d.SamplesInRows ? table.SampleIds : table.FeatureIds;
        var lines = new List<string>();
        var header = new List<string>();
        if (!d.RStyle)
        {
            header.Add(Id(d.Corner, d));
        }

        header.AddRange(columnIds.Select(id => Id(id, d)));
        lines.Add(string.Join(d.Delimiter, header));
        for (int r = 0; r < rowIds.Count; r++)
        {
            var fields = new List<string> { Id(rowIds[r], d) };
            for (int c = 0; c < columnIds.Count; c++)
            {
                fields.Add(Value(d.SamplesInRows ? table[c, r] : table[r, c], d));
            }

            lines.Add(string.Join(d.Delimiter, fields));
        }

        for (int b = 0; b < d.BlankLines; b++)
        {
            lines.Insert(random.Next(lines.Count + 1), new string(' ', random.Next(0, 3)));
        }

        var text = string.Join(d.LineEnd, lines) + (d.FinalLineBreak ? d.LineEnd : string.Empty);
        var bytes = Encoding.UTF8.GetBytes(text);
        return d.Bom ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes;
    }

    private static string Id(string id, Dialect d)
    {
        bool needed = id.Contains(d.Delimiter, StringComparison.Ordinal) || id.Contains('"', StringComparison.Ordinal)
            || (id.Length > 0 && (id[0] is ' ' or '\t' || id[^1] is ' ' or '\t'));
        return d.QuoteIds || needed ? "\"" + id.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : id;
    }

    private static string Value(float value, Dialect d)
    {
        var text = float.IsNaN(value) ? d.Missing : value.ToString(d.NumberFormat, CultureInfo.InvariantCulture);
        if (d.PadValues)
        {
            text = " " + text + "  ";
        }

        return d.QuoteValues ? "\"" + text + "\"" : text;
    }

    private static byte[] Compress(byte[] plain, Compression compression, Random random) => Compress(plain, compression, random, out _, out _);

    /// <summary>Compresses; <paramref name="boundary"/> is where the first member ends, holding <paramref name="split"/> bytes of text.</summary>
    private static byte[] Compress(byte[] plain, Compression compression, Random random, out int boundary, out int split)
    {
        split = plain.Length;
        if (compression == Compression.None)
        {
            boundary = plain.Length;
            return plain;
        }

        split = compression == Compression.GzipTwoMembers ? random.Next(plain.Length + 1) : plain.Length;
        var first = Gzip(plain.AsSpan(0, split));
        boundary = first.Length;
        return [.. first, .. compression == Compression.GzipTwoMembers ? Gzip(plain.AsSpan(split)) : []];
    }

    private static byte[] Gzip(ReadOnlySpan<byte> data)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return memory.ToArray();
    }

    private static byte[] Decompress(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B)
        {
            return bytes;
        }

        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary>Damage to compressed bytes: a truncation or a flipped byte.</summary>
    private static byte[] CorruptBytes(byte[] data, Random random, out string what)
    {
        if (random.Next(2) == 0)
        {
            int length = random.Next(data.Length);
            what = $"compressed data truncated to {length} of {data.Length} bytes";
            return data[..length];
        }

        var copy = (byte[])data.Clone();
        int at = random.Next(copy.Length);
        byte mask = (byte)random.Next(1, 256);
        copy[at] ^= mask;
        what = $"compressed byte {at} of {data.Length} XOR 0x{mask:X2}";
        return copy;
    }

    /// <summary>Damage to the text: a truncation, a flipped byte, a deleted delimiter, a stray quote or a duplicated line.</summary>
    private static byte[] Corrupt(byte[] data, Random random, char delimiter, out string what)
    {
        switch (random.Next(5))
        {
            case 0:
                return Truncate(data, random, out what);
            case 1:
                var copy = (byte[])data.Clone();
                int at = random.Next(copy.Length);
                byte mask = (byte)random.Next(1, 256);
                copy[at] ^= mask;
                what = $"byte {at} XOR 0x{mask:X2}";
                return copy;
            case 2:
                var positions = Enumerable.Range(0, data.Length).Where(i => data[i] == (byte)delimiter).ToList();
                if (positions.Count == 0)
                {
                    return Truncate(data, random, out what);
                }

                int removed = positions[random.Next(positions.Count)];
                what = $"delimiter at byte {removed} deleted";
                return [.. data.AsSpan(0, removed), .. data.AsSpan(removed + 1)];
            case 3:
                int quoteAt = random.Next(data.Length + 1);
                what = $"stray quote at byte {quoteAt}";
                return [.. data.AsSpan(0, quoteAt), (byte)'"', .. data.AsSpan(quoteAt)];
            default:
                var starts = new List<int> { 0 };
                for (int i = 0; i < data.Length; i++)
                {
                    if (data[i] == (byte)'\n' || (data[i] == (byte)'\r' && (i + 1 == data.Length || data[i + 1] != (byte)'\n')))
                    {
                        starts.Add(i + 1);
                    }
                }

                if (starts[^1] != data.Length)
                {
                    starts.Add(data.Length);
                }

                int line = random.Next(starts.Count - 1);
                var bytes = data.AsSpan(starts[line], starts[line + 1] - starts[line]);
                what = $"line {line + 1} duplicated";
                return [.. data.AsSpan(0, starts[line + 1]), .. bytes, .. data.AsSpan(starts[line + 1])];
        }
    }

    private static byte[] Truncate(byte[] data, Random random, out string what)
    {
        int length = random.Next(data.Length);
        what = $"truncated to {length} of {data.Length} bytes";
        return data[..length];
    }
}
