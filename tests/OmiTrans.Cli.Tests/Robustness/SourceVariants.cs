using System.IO.Compression;
using System.Text;

namespace OmiTrans.Cli.Tests.Robustness;

/// <summary>
/// What real cohort files look like after a spreadsheet round trip, a bad download or a partial copy: each variant is
/// the fixture's source table with one such change. Cells are addressed as in the tool's messages: line 2 is the first
/// feature, column 3 the second sample.
/// </summary>
internal static class SourceVariants
{
    public static byte[] Make(CohortFixture cohort, string variant)
    {
        var header = cohort.Header;
        var rows = cohort.Rows;
        string Text(string headerLine, IEnumerable<string> lines, string newline = "\n") => headerLine + newline + string.Join(newline, lines) + newline;
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        string WithCell(int row, int field, string value)
        {
            var copy = rows.ToArray();
            var fields = copy[row].Split('\t');
            fields[field] = value;
            copy[row] = string.Join('\t', fields);
            return Text(header, copy);
        }

        return variant switch
        {
            // Cells a spreadsheet or a locale writes.
            "comma-decimal" => Utf8(WithCell(0, 2, "0,42")),
            "thousands-separator" => Utf8(WithCell(0, 2, "1,234")),
            "excel-na" => Utf8(WithCell(0, 2, "#N/A")),
            "excel-div0" => Utf8(WithCell(0, 2, "#DIV/0!")),
            "dash" => Utf8(WithCell(0, 2, "-")),
            "percent" => Utf8(WithCell(0, 2, "42%")),
            "boolean" => Utf8(WithCell(0, 2, "TRUE")),
            "inf" => Utf8(WithCell(0, 2, "inf")),
            "minus-inf" => Utf8(WithCell(0, 2, "-Inf")),
            "overflow" => Utf8(WithCell(0, 2, "1e400")),
            "non-breaking-space" => Utf8(WithCell(0, 2, "0.5\u00a0")),
            "hex" => Utf8(WithCell(0, 2, "0x1F")),

            // Layout damage.
            "trailing-tab-everywhere" => Utf8(Text(header + "\t", rows.Select(r => r + "\t"))),
            "trailing-tab-header" => Utf8(Text(header + "\t", rows)),
            "duplicated-header" => Utf8(Text(header, [header, .. rows])),
            "duplicated-feature" => Utf8(Text(header, [.. rows, rows[0]])),
            "duplicated-sample" => Utf8(Text(ReplaceField(header, 2, header.Split('\t')[1]), rows)),
            "empty-sample-id" => Utf8(Text(ReplaceField(header, 3, string.Empty), rows)),
            "semicolons" => Utf8(Text(header.Replace('\t', ';'), rows.Select(r => r.Replace('\t', ';')))),
            "old-mac-line-ends" => Utf8(Text(header, rows, "\r")),
            "whitespace-only" => Utf8("   \n\t\n \n"),
            "empty" => [],
            "header-only" => Utf8(header + "\n"),
            "transposed" => Utf8(Transpose(header, rows)),
            "control-characters-in-id" => Utf8(Text(header, [.. rows, "\u001b[31mcg\u0007" + rows[0][rows[0].IndexOf('\t', StringComparison.Ordinal)..], "\u001b[31mcg\u0007" + rows[1][rows[1].IndexOf('\t', StringComparison.Ordinal)..]])),
            "dates-for-ids" => Utf8(Text(header, rows.Select((r, i) => (i < 100 ? ExcelDate(i) : r[..r.IndexOf('\t', StringComparison.Ordinal)]) + r[r.IndexOf('\t', StringComparison.Ordinal)..]))),

            // Not a text table at all.
            "utf16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(cohort.SourceText)],
            "xlsx" => Zip(cohort.SourceText),
            "xls" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[512]],
            "html" => Utf8("<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found</body></html>\n"),
            "binary" => [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4000]],
            "damaged-gzip" => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. Enumerable.Range(0, 4000).Select(i => (byte)((i * 7919) % 251))],

            // Partial copies.
            "cut-mid-line" => Utf8(cohort.SourceText[..CutMidLine(cohort.SourceText)]),
            "cut-mid-line-gzip" => Gzip(cohort.SourceText)[..(Gzip(cohort.SourceText).Length / 2)],

            // Harmless variations: the same data.
            "crlf" => Utf8(Text(header, rows, "\r\n")),
            "bom" => [.. Encoding.UTF8.GetPreamble(), .. Utf8(cohort.SourceText)],
            "quoted-ids" => Utf8(Text(Quote(header), rows.Select(Quote))),
            "blank-lines" => Utf8(Text(header, rows.SelectMany(r => new[] { r, string.Empty }))),
            "no-final-newline" => Utf8(cohort.SourceText.TrimEnd('\n')),
            "spaces-around-values" => Utf8(Text(header, rows.Select(r => string.Join('\t', r.Split('\t').Select((f, i) => i == 0 ? f : " " + f + " "))))),
            "gzip" => Gzip(cohort.SourceText),
            "rows-shuffled" => Utf8(Text(header, rows.OrderBy(r => r.GetHashCode(StringComparison.Ordinal)))),
            "r-header-without-corner" => Utf8(Text(header[(header.IndexOf('\t', StringComparison.Ordinal) + 1)..], rows)),
            "extra-features" => Utf8(Text(header, [.. rows, "not_a_model_feature" + rows[0][rows[0].IndexOf('\t', StringComparison.Ordinal)..]])),
            "huge-extra-id" => Utf8(Text(header, [.. rows, new string('x', 100_000) + rows[0][rows[0].IndexOf('\t', StringComparison.Ordinal)..]])),
            _ => throw new ArgumentException($"unknown variant {variant}"),
        };
    }

    /// <summary>What a spreadsheet makes of gene names such as MARCH1, SEPT2, DEC1: distinct date-like ids.</summary>
    private static string ExcelDate(int i) => (i / 28) switch
    {
        0 => $"{(i % 28) + 1}-Mar",
        1 => $"{(i % 28) + 1}-Sep",
        2 => $"{(i % 28) + 1}-Dec",
        _ => $"Mar-{i}",
    };

    private static string ReplaceField(string line, int field, string value)
    {
        var fields = line.Split('\t');
        fields[field] = value;
        return string.Join('\t', fields);
    }

    private static string Quote(string line) => string.Join('\t', line.Split('\t').Select((f, i) => i == 0 ? "\"" + f + "\"" : f));

    private static string Transpose(string header, string[] rows)
    {
        var table = new[] { header }.Concat(rows).Select(l => l.Split('\t')).ToArray();
        var lines = Enumerable.Range(0, table[0].Length).Select(c => string.Join('\t', table.Select(r => r[c])));
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>A position in the middle of a line in the middle of the text.</summary>
    public static int CutMidLine(string text)
    {
        int middle = text.Length / 2;
        int lineStart = text.LastIndexOf('\n', middle) + 1;
        int lineEnd = text.IndexOf('\n', middle);
        return lineStart + ((lineEnd - lineStart) / 2);
    }

    /// <summary>The line number (1-based) that <see cref="CutMidLine"/> cuts.</summary>
    public static int CutLine(string text) => text[..CutMidLine(text)].Count(c => c == '\n') + 1;

    private static byte[] Gzip(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return buffer.ToArray();
    }

    private static byte[] Zip(string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml").Open());
            entry.Write(text);
        }

        return buffer.ToArray();
    }
}
