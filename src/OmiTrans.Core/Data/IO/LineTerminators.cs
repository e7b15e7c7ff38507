using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OmiTrans.Data.IO;

/// <summary>
/// The line breaks of a table: a line ends at a line feed (LF), a carriage return and line feed (CRLF), or a carriage
/// return alone (CR, as old Mac OS files have it).
/// </summary>
internal static class LineTerminators
{
    /// <summary>Counts the line breaks in a span (CRLF counts once; a CR at the end counts as a break).</summary>
    public static long Count(ReadOnlySpan<byte> data) => Scan(data, out _);

    /// <summary>
    /// Counts the line breaks in a span, as <see cref="Count"/>, and finds its first NUL byte (-1 when none) in the
    /// same pass over the data.
    /// </summary>
    public static long Scan(ReadOnlySpan<byte> data, out int firstNul)
    {
        long lf = 0;
        long cr = 0;
        int i = 0;
        firstNul = -1;
        if (Vector256.IsHardwareAccelerated && data.Length >= Vector256<byte>.Count)
        {
            ref byte start = ref MemoryMarshal.GetReference(data);
            var lineFeed = Vector256.Create((byte)'\n');
            var carriageReturn = Vector256.Create((byte)'\r');
            int last = data.Length - Vector256<byte>.Count;
            for (; i <= last; i += Vector256<byte>.Count)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                lf += BitOperations.PopCount(Vector256.Equals(v, lineFeed).ExtractMostSignificantBits());
                cr += BitOperations.PopCount(Vector256.Equals(v, carriageReturn).ExtractMostSignificantBits());
                if (firstNul < 0 && Vector256.EqualsAny(v, Vector256<byte>.Zero))
                {
                    firstNul = i + data.Slice(i, Vector256<byte>.Count).IndexOf((byte)0);
                }
            }
        }

        for (; i < data.Length; i++)
        {
            byte b = data[i];
            lf += b == (byte)'\n' ? 1 : 0;
            cr += b == (byte)'\r' ? 1 : 0;
            if (b == 0 && firstNul < 0)
            {
                firstNul = i;
            }
        }

        return cr == 0 ? lf : lf + cr - data.Count("\r\n"u8);
    }
}
