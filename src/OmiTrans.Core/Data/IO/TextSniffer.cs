namespace OmiTrans.Data.IO;

/// <summary>
/// Checks that a table's bytes are UTF-8 text: refuses UTF-16 and UTF-32 (byte order mark or NUL-byte pattern),
/// other compression and container formats (by their magic bytes) and binary data (NUL or many control bytes), with
/// a message that names the kind of file found and never shows its raw bytes.
/// </summary>
internal static class TextSniffer
{
    /// <summary>How many bytes at the start of the (decompressed) data are inspected.</summary>
    public const int SampleSize = 4096;

    private static readonly (byte[] Magic, string Problem)[] Signatures =
    [
        ("PK\u0003\u0004"u8.ToArray(), "the file looks like a ZIP archive (an .xlsx workbook is one), not a text table; export the sheet as tab- or comma-separated text."),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "the file looks like an Excel .xls workbook, not a text table; export the sheet as tab- or comma-separated text."),
        ("BZh"u8.ToArray(), "the file is bzip2-compressed; only gzip is decompressed: decompress it first (bunzip2) or recompress it with gzip."),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "the file is xz-compressed; only gzip is decompressed: decompress it first (unxz) or recompress it with gzip."),
        ([0x28, 0xB5, 0x2F, 0xFD], "the file is zstd-compressed; only gzip is decompressed: decompress it first (unzstd) or recompress it with gzip."),
        ([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A], "the file is an HDF5 file (for example .h5 or .h5ad), not a text table; export the matrix as tab- or comma-separated text."),
        ("PAR1"u8.ToArray(), "the file is a Parquet file, not a text table; export the matrix as tab- or comma-separated text."),
    ];

    /// <summary>
    /// Checks the start of the data; returns the length of a UTF-8 byte order mark to skip (3 or 0).
    /// </summary>
    /// <param name="head">The first bytes of the data (at least <see cref="SampleSize"/> unless the data is shorter).</param>
    /// <param name="origin">The file, for messages.</param>
    /// <exception cref="OmicsFormatException">The data is not UTF-8 text.</exception>
    public static int Check(ReadOnlySpan<byte> head, string origin)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            throw Encoding(origin, "UTF-32 encoded (little-endian, with a byte order mark)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            throw Encoding(origin, "UTF-32 encoded (big-endian, with a byte order mark)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            throw Encoding(origin, "UTF-16 encoded (little-endian, with a byte order mark)");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw Encoding(origin, "UTF-16 encoded (big-endian, with a byte order mark)");
        }

        int bom = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var sample = head[..Math.Min(head.Length, SampleSize)];
        bool nul = sample.IndexOf((byte)0) >= 0;
        int controls = 0;
        int first = -1;
        for (int i = bom; i < sample.Length; i++)
        {
            if (IsControl(sample[i]))
            {
                controls++;
                first = first < 0 ? i : first;
            }
        }

        if (controls > 0)
        {
            // Known formats, named only when the data is not text anyway ("PAR1" may well start a table).
            foreach (var (magic, problem) in Signatures)
            {
                if (head.StartsWith(magic))
                {
                    throw new OmicsFormatException(origin, 1, 0, problem);
                }
            }
        }

        if (nul)
        {
            throw new OmicsFormatException(origin, 1, 0, DescribeNulPattern(sample));
        }

        if (controls >= 4 && controls * 100 > sample.Length)
        {
            throw new OmicsFormatException(
                origin,
                LineTerminators.Count(sample[..first]) + 1,
                0,
                $"the file looks binary, not like a text table ({controls} control bytes such as 0x{sample[first]:X2} in its first {sample.Length} bytes); expected tab- or comma-separated UTF-8 text, optionally gzip-compressed.");
        }

        return bom;
    }

    /// <summary>The error for a NUL byte found after the start of the data.</summary>
    public static OmicsFormatException NulByte(string origin, long line)
        => new(origin, line, 0, "the file holds a NUL byte, so it is binary or not UTF-8 text; expected tab- or comma-separated UTF-8 text, optionally gzip-compressed.");

    /// <summary>True for a C0 control byte other than tab, line feed and carriage return, or DEL.</summary>
    public static bool IsControl(byte b) => (b < 0x20 && b != (byte)'\t' && b != (byte)'\n' && b != (byte)'\r') || b == 0x7F;

    private static string DescribeNulPattern(ReadOnlySpan<byte> sample)
    {
        // ASCII text in UTF-16 has a NUL in every other byte, in UTF-32 three NULs in every four.
        var zerosAt = new int[4];
        for (int i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                zerosAt[i % 4]++;
            }
        }

        int quarter = Math.Max(1, sample.Length / 4);
        bool Mostly(int position) => zerosAt[position] * 10 >= quarter * 8;
        bool Rarely(int position) => zerosAt[position] * 10 <= quarter;
        if (sample.Length >= 8)
        {
            if (Rarely(0) && Mostly(1) && Mostly(2) && Mostly(3))
            {
                return EncodingProblem("UTF-32 encoded (little-endian, without a byte order mark)");
            }

            if (Mostly(0) && Mostly(1) && Mostly(2) && Rarely(3))
            {
                return EncodingProblem("UTF-32 encoded (big-endian, without a byte order mark)");
            }

            if (Rarely(0) && Rarely(2) && Mostly(1) && Mostly(3))
            {
                return EncodingProblem("UTF-16 encoded (little-endian, without a byte order mark)");
            }

            if (Mostly(0) && Mostly(2) && Rarely(1) && Rarely(3))
            {
                return EncodingProblem("UTF-16 encoded (big-endian, without a byte order mark)");
            }
        }

        return "the file looks binary, not like a text table (it holds NUL bytes); expected tab- or comma-separated UTF-8 text, optionally gzip-compressed.";
    }

    private static OmicsFormatException Encoding(string origin, string encoding) => new(origin, 1, 0, EncodingProblem(encoding));

    private static string EncodingProblem(string encoding)
        => $"the file is {encoding}; tables are read as UTF-8: save it as UTF-8 (for example: iconv -f {encoding[..6]} -t UTF-8 in.tsv > out.tsv).";
}
