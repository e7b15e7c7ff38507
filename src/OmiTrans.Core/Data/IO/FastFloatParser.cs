using System.Globalization;

namespace OmiTrans.Data.IO;

/// <summary>
/// Parses UTF-8 decimal numbers into correctly rounded float32 values without allocating. Plain decimals with at
/// most 19 significant digits and a small exponent take an exact fast path (Clinger's algorithm in double
/// precision, refusing the rare double-rounding midpoint); everything else falls back to the runtime's parser.
/// </summary>
internal static class FastFloatParser
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a number; returns false when the text is not a number.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        if (TryParseFast(text, out value))
        {
            return true;
        }

        return float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseFast(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        int i = 0;
        int length = s.Length;
        if (length == 0)
        {
            return false;
        }

        bool negative = false;
        if (s[0] == (byte)'-')
        {
            negative = true;
            i++;
        }
        else if (s[0] == (byte)'+')
        {
            i++;
        }

        ulong mantissa = 0;
        int significant = 0;
        int exponent = 0;
        bool anyDigit = false;
        while (i < length && (uint)(s[i] - '0') <= 9)
        {
            if (!Accumulate(ref mantissa, ref significant, s[i]))
            {
                return false;
            }

            anyDigit = true;
            i++;
        }

        if (i < length && s[i] == (byte)'.')
        {
            i++;
            while (i < length && (uint)(s[i] - '0') <= 9)
            {
                if (!Accumulate(ref mantissa, ref significant, s[i]))
                {
                    return false;
                }

                exponent--;
                anyDigit = true;
                i++;
            }
        }

        if (!anyDigit)
        {
            return false;
        }

        if (i < length && (s[i] | 0x20) == 'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                negativeExponent = s[i] == (byte)'-';
                i++;
            }

            int e = 0;
            int expDigits = 0;
            while (i < length && (uint)(s[i] - '0') <= 9)
            {
                e = (e * 10) + (s[i] - '0');
                expDigits++;
                if (e > 10000)
                {
                    return false;
                }

                i++;
            }

            if (expDigits == 0)
            {
                return false;
            }

            exponent += negativeExponent ? -e : e;
        }

        if (i != length || mantissa > (1UL << 53) || exponent < -22 || exponent > 22)
        {
            return false;
        }

        double d = mantissa;
        d = exponent < 0 ? d / PowersOfTen[-exponent] : d * PowersOfTen[exponent];
        if (mantissa != 0)
        {
            // A double that sits exactly halfway between two floats may come from an inexact quotient: the
            // conversion would then round twice. Leave those rare cases to the exact parser.
            ulong bits = BitConverter.DoubleToUInt64Bits(d);
            if ((bits & 0x1FFFFFFFUL) == 0x10000000UL)
            {
                return false;
            }
        }

        float f = (float)d;
        value = negative ? -f : f;
        return true;
    }

    private static bool Accumulate(ref ulong mantissa, ref int significant, byte digit)
    {
        if (mantissa == 0 && digit == (byte)'0')
        {
            return true;
        }

        if (significant >= 19)
        {
            return false;
        }

        mantissa = (mantissa * 10) + (ulong)(digit - '0');
        significant++;
        return true;
    }
}
