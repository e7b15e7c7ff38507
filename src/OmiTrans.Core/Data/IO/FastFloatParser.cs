using System.Globalization;

namespace OmiTrans.Data.IO;

/// <summary>
/// Parses UTF-8 decimal numbers into correctly rounded float32 values without allocating. The syntax is strict:
/// an optional sign, digits with an optional decimal point (at least one digit), an optional exponent (e or E, an
/// optional sign, digits); nothing else (no spaces, hexadecimal, thousands separators or words). Plain decimals with
/// at most 19 significant digits and a small exponent take an exact fast path (Clinger's algorithm in double
/// precision, refusing the rare double-rounding midpoint); other valid numbers go to the runtime's parser.
/// </summary>
internal static class FastFloatParser
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>Parses a number; returns false when the text is not a number in the syntax above.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out float value)
    {
        switch (TryParseFast(text, out value))
        {
            case Outcome.Parsed:
                return true;
            case Outcome.Valid:
                value = float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }

    private enum Outcome
    {
        Invalid,
        Valid,
        Parsed,
    }

    private static Outcome TryParseFast(ReadOnlySpan<byte> s, out float value)
    {
        value = 0;
        int i = 0;
        int length = s.Length;
        if (length == 0)
        {
            return Outcome.Invalid;
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
        bool exact = true;
        while (i < length && (uint)(s[i] - '0') <= 9)
        {
            if (!Accumulate(ref mantissa, ref significant, s[i]))
            {
                exact = false;
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
                    exact = false;
                }

                exponent--;
                anyDigit = true;
                i++;
            }
        }

        if (!anyDigit)
        {
            return Outcome.Invalid;
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
                if (e <= 100000)
                {
                    e = (e * 10) + (s[i] - '0');
                }

                expDigits++;
                i++;
            }

            if (expDigits == 0)
            {
                return Outcome.Invalid;
            }

            exponent += negativeExponent ? -e : e;
        }

        if (i != length)
        {
            return Outcome.Invalid;
        }

        if (!exact || mantissa > (1UL << 53) || exponent < -22 || exponent > 22)
        {
            return Outcome.Valid;
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
                return Outcome.Valid;
            }
        }

        float f = (float)d;
        value = negative ? -f : f;
        return Outcome.Parsed;
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
