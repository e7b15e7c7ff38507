using System.Text;

namespace OmiTrans.Data.IO;

/// <summary>The outcome of reading one numeric cell.</summary>
internal enum CellKind
{
    Number,
    Missing,
    Infinite,
    NotANumber,
}

/// <summary>
/// Reads one value cell: after trimming spaces and tabs, a number in <see cref="FastFloatParser"/>'s syntax, one of
/// the missing-value tokens (an empty cell, NA, na, NaN, nan, NAN, N/A, null, NULL), or an infinity (Inf, Infinity,
/// a number beyond float32 range), which is refused.
/// </summary>
internal static class CellParser
{
    public static CellKind Parse(ReadOnlySpan<byte> cell, out float value)
    {
        cell = Trim(cell);
        if (cell.IsEmpty || IsMissingToken(cell))
        {
            value = float.NaN;
            return CellKind.Missing;
        }

        if (!FastFloatParser.TryParse(cell, out value))
        {
            if (IsInfinityToken(cell))
            {
                value = float.PositiveInfinity;
                return CellKind.Infinite;
            }

            return CellKind.NotANumber;
        }

        return float.IsInfinity(value) ? CellKind.Infinite : CellKind.Number;
    }

    private static bool IsMissingToken(ReadOnlySpan<byte> cell)
    {
        if (cell.Length > 4)
        {
            return false;
        }

        return cell.SequenceEqual("NA"u8) || cell.SequenceEqual("NaN"u8) || cell.SequenceEqual("nan"u8)
            || cell.SequenceEqual("NAN"u8) || cell.SequenceEqual("N/A"u8) || cell.SequenceEqual("null"u8)
            || cell.SequenceEqual("NULL"u8) || cell.SequenceEqual("na"u8);
    }

    private static bool IsInfinityToken(ReadOnlySpan<byte> cell)
    {
        if (cell.Length > 0 && (cell[0] == (byte)'-' || cell[0] == (byte)'+'))
        {
            cell = cell[1..];
        }

        return cell.Length is 3 or 8 && (Ascii.EqualsIgnoreCase(cell, "inf"u8) || Ascii.EqualsIgnoreCase(cell, "infinity"u8));
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> cell)
    {
        int start = 0;
        int end = cell.Length;
        while (start < end && (cell[start] == (byte)' ' || cell[start] == (byte)'\t'))
        {
            start++;
        }

        while (end > start && (cell[end - 1] == (byte)' ' || cell[end - 1] == (byte)'\t'))
        {
            end--;
        }

        return cell[start..end];
    }
}
