using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace EmFunctional.Cli;

/// <summary>
/// Parses a CSV cell (UTF-8) as a double exactly as
/// <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)</c> does, only
/// faster for the numbers data files are made of: .NET's parser takes 100–200 ns per number, which is
/// most of the time spent reading a large file.
/// </summary>
/// <remarks>
/// <para>
/// The fast path takes <c>[+-]digits[.digits][(e|E)[+-]digits]</c> (or <c>.digits</c> for the mantissa)
/// with at most 19 significant digits and a result in the normal range; anything else (whitespace, NaN,
/// Infinity, more digits, huge or tiny exponents, malformed text) goes to <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>,
/// so what is accepted and rejected does not change.
/// </para>
/// <para>
/// Both paths give the correctly rounded double (round half to even), which is unique, so they agree bit
/// for bit: .NET parses correctly rounded since .NET Core 3.0. The fast path rounds exactly with Clinger's
/// method when the digits and the power of ten are exact doubles, and with the Eisel–Lemire algorithm
/// otherwise (D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and Experience
/// 51(8), 2021; N. Mushtak and D. Lemire, "Fast number parsing without fallback", 2023), which multiplies
/// the digits by a 128-bit truncated power of five. The rare products that the first proof could not
/// decide are handed to .NET anyway.
/// </para>
/// </remarks>
internal static class CsvDoubleParser
{
    /// <summary>Parses <paramref name="utf8"/>; false when it is not a number (the value is then 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> utf8, out double value) =>
        TryParseFast(utf8, out value) || double.TryParse(utf8, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>The fast path alone: false when it cannot decide (the caller then asks .NET).</summary>
    internal static bool TryParseFast(ReadOnlySpan<byte> text, out double value) =>
        TryParsePrefix(text, out value, out var length) && length == text.Length;

    /// <summary>
    /// The fast path on the number at the start of <paramref name="text"/>, which may go on with anything
    /// (a comma and the next cell, say): <paramref name="length"/> bytes make the number. False when the
    /// text does not start with a number the fast path takes. A value it gives is finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParsePrefix(ReadOnlySpan<byte> text, out double value, out int length)
    {
        value = 0;
        length = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && (text[0] == (byte)'-' || text[0] == (byte)'+'))
        {
            negative = text[0] == (byte)'-';
            i = 1;
        }

        // The digits as an integer w and the power of ten q: the number is w·10^q.
        ulong w = 0;
        var mantissaStart = i;
        i = ReadDigits(text, i, ref w);
        var digits = i - mantissaStart;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == (byte)'.')
        {
            var fractionStart = ++i;
            i = ReadDigits(text, i, ref w);
            fractionDigits = i - fractionStart;
            // "5." is a number for .NET too, but rare enough to leave to it.
            if (fractionDigits == 0) return false;
            digits += fractionDigits;
        }
        if (digits == 0) return false;
        // More than 19 digits have wrapped w around, unless enough of them are leading zeros.
        if (digits > MaximumSignificantDigits && digits - LeadingZeros(text[mantissaStart..i]) > MaximumSignificantDigits)
            return false;

        var exponent = 0;
        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            var negativeExponent = false;
            if (i < text.Length && (text[i] == (byte)'-' || text[i] == (byte)'+'))
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }
            var exponentDigits = 0;
            for (; i < text.Length; i++)
            {
                var digit = (uint)(text[i] - '0');
                if (digit > 9) break;
                // A longer exponent (1e0000000000400, say) is left to .NET.
                if (++exponentDigits > 4) return false;
                exponent = exponent * 10 + (int)digit;
            }
            if (exponentDigits == 0) return false;
            if (negativeExponent) exponent = -exponent;
        }
        length = i;

        if (w == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }
        var q = exponent - fractionDigits;

        // Clinger: w and 10^|q| are exact doubles, so one IEEE operation rounds the exact value correctly.
        if (w <= 1UL << 53 && q >= -22 && q <= 22)
        {
            var exact = (double)w;
            exact = q < 0 ? exact / PowersOfTen[-q] : exact * PowersOfTen[q];
            value = negative ? -exact : exact;
            return true;
        }
        if (q < SmallestPowerOfTen || q > LargestPowerOfTen) return false;
        if (!TryEiselLemire(w, q, out var bits)) return false;
        value = BitConverter.UInt64BitsToDouble(bits | (negative ? 1UL << 63 : 0));
        return true;
    }

    /// <summary>Appends the digits from <paramref name="i"/> on to <paramref name="w"/>; returns where they end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ReadDigits(ReadOnlySpan<byte> text, int i, ref ulong w)
    {
        // Eight at a time while there are (numbers in data files have up to 17 digits), then one by one.
        while (i + 8 <= text.Length)
        {
            var eight = BinaryPrimitives.ReadUInt64LittleEndian(text[i..]);
            if (!AreEightDigits(eight)) break;
            w = unchecked(w * 100_000_000 + EightDigits(eight));
            i += 8;
        }
        for (; i < text.Length; i++)
        {
            var digit = (uint)(text[i] - '0');
            if (digit > 9) break;
            w = unchecked(w * 10 + digit);
        }
        return i;
    }

    /// <summary>Whether each of the eight bytes (read little-endian) is an ASCII digit.</summary>
    private static bool AreEightDigits(ulong bytes) =>
        (((bytes + 0x4646464646464646UL) | (bytes - 0x3030303030303030UL)) & 0x8080808080808080UL) == 0;

    /// <summary>The value of eight ASCII digits read little-endian (the first digit in the lowest byte).</summary>
    private static ulong EightDigits(ulong bytes)
    {
        bytes -= 0x3030303030303030UL;
        // Pairs: byte 2k becomes 10·digit(2k) + digit(2k+1).
        bytes = bytes * 10 + (bytes >> 8);
        // Pairs of pairs, both at once: pairs 0 and 2 times 10^6 and 10^2, pairs 1 and 3 times 10^4 and 1.
        return unchecked(((bytes & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32))
            + ((bytes >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32))) >> 32);
    }

    /// <summary>The zeros before the first other digit of a mantissa (digits and at most one point).</summary>
    private static int LeadingZeros(ReadOnlySpan<byte> mantissa)
    {
        var zeros = 0;
        foreach (var c in mantissa)
        {
            if (c == (byte)'0') zeros++;
            else if (c != (byte)'.') break;
        }
        return zeros;
    }

    /// <summary>
    /// The bits of the correctly rounded w·10^q (w &gt; 0), for a normal result; false when the product is
    /// too close to call with 128 bits or the result is not normal (both left to .NET).
    /// </summary>
    private static bool TryEiselLemire(ulong w, int q, out ulong bits)
    {
        bits = 0;
        var leadingZeros = BitOperations.LeadingZeroCount(w);
        w <<= leadingZeros;
        var powers = CsvPowersOfFive.Table;
        var index = 2 * (q - CsvPowersOfFive.SmallestPower);
        // w·5^q to 55 significant bits (53 bits, one for rounding, one lost when the top bit is clear).
        var high = Math.BigMul(w, powers[index], out var low);
        if ((high & LowBitsMask) == LowBitsMask)
        {
            // The low bits of the high word are all ones: a carry from below could change the rounding.
            var highOfSecond = Math.BigMul(w, powers[index + 1], out _);
            low += highOfSecond;
            if (low < highOfSecond) high++;
        }
        // Proven unreachable by Mushtak and Lemire; kept as a fallback as the first paper had it.
        if (low == ulong.MaxValue) return false;

        var upperBit = (int)(high >> 63);
        var shift = upperBit + 64 - MantissaBits - 3;
        var mantissa = high >> shift;
        // floor(log2(5^q)) + q + 63, i.e. the binary exponent of the normalized product, biased.
        var power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023;
        if (power2 <= 0 || power2 >= 2047) return false;

        // Exactly halfway between two doubles (possible only where 5^q is exact in 64 bits): round to even.
        if (low <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && mantissa << shift == high)
            mantissa &= ~1UL;
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << MantissaBits)
        {
            // Rounding carried into a new bit.
            mantissa = 1UL << MantissaBits;
            power2++;
            if (power2 >= 2047) return false;
        }
        bits = (mantissa & ~(1UL << MantissaBits)) | ((ulong)power2 << MantissaBits);
        return true;
    }

    private const int MantissaBits = 52;

    /// <summary>The bits below the 55 that matter, in the high word of the product.</summary>
    private const ulong LowBitsMask = ulong.MaxValue >> (MantissaBits + 3);

    /// <summary>19 digits always fit in a ulong (10^19 − 1 &lt; 2^64).</summary>
    private const int MaximumSignificantDigits = 19;

    /// <summary>
    /// The powers of ten the fast path takes, those of <see cref="CsvPowersOfFive"/>: with at most 19
    /// digits, w·10^q is then a normal double (≥ 10^-290, &lt; 10^307), so neither subnormals nor
    /// overflow need handling here.
    /// </summary>
    private const int SmallestPowerOfTen = CsvPowersOfFive.SmallestPower;

    private const int LargestPowerOfTen = CsvPowersOfFive.LargestPower;

    /// <summary>10^0 … 10^22, the powers of ten that are exact doubles.</summary>
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
}
