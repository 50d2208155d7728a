using System.Globalization;
using System.Numerics;
using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// The loader's number parser must be <c>double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture)</c>
/// bit for bit: the same texts accepted, the same double for each (−0 included), whichever of its paths
/// (Clinger, Eisel–Lemire, .NET's parser) a text takes.
/// </summary>
public sealed class CsvLoadingNumberTests
{
    public static TheoryData<string> TrickyTexts => new()
    {
        // Plain and signed, zeros of both signs.
        "0", "-0", "+0", "0.0", "-0.0", "-0e5", "0e-999", "00000", "-000.000", "1", "-1", "+1", "+3.6", "007",
        // Decimal point placement; ".5" and "5." are numbers for .NET.
        ".5", "-.5", "+.5e-3", "5.", "-5.", ".", "-.", "+.e1", "1..2", "1.2.3",
        // Exponents in every spelling.
        "1e5", "1E5", "1e+5", "1e-5", "1.5E-3", "-2.5e+10", "1e0", "1e-0", "1e0005", "1e", "1e+", "1e-", "e5", "1e1e1", "1e5.5",
        // Round-trip ("R") forms and classic hard cases.
        "0.1", "0.2", "0.3", "-0.048005714773200564", "4.854546423741373", "1.7976931348623157e308", "2.2250738585072014e-308",
        "2.2250738585072011e-308", "4.9406564584124654e-324", "5e-324", "2.4703282292062327e-324", "1e23", "8.41e21", "7e22",
        "9007199254740992", "9007199254740993", "9007199254740995", "9007199254740997", "18014398509481985",
        "123456789012345678", "1234567890123456789", "9999999999999999999", "12345678901234567890", "18446744073709551615",
        "18446744073709551616", "0.000000000000000000001234567890123456789", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203126", "3.14159265358979323846264338327950288",
        "1.448997445238699", "2.2250738585072012e-308", "1e-290", "9.999999999999999999e288", "1e-291", "1e289", "1e308", "1e-320",
        // Out of range: overflow to infinity and underflow to zero, which .NET accepts.
        "1e999", "-1e999", "1.7976931348623159e308", "1e-400", "-1e-400",
        // Padded, or not numbers at all: all left to .NET.
        " 1", "1 ", "\t2.5\t", "1\n", "", "-", "+", "--1", "+-1", "1_000", "1,5", "1;2", "0x10", "abc", "NaN", "nan", "-NaN",
        "Infinity", "-Infinity", "+infinity", "∞", "١", "１", "1\u00a0", "1.5f", "1d",
    };

    [Theory]
    [MemberData(nameof(TrickyTexts))]
    public void A_tricky_text_parses_as_double_TryParse_parses_it(string text) => AssertSameAsDotNet(text);

    [Fact]
    public void Random_doubles_in_round_trip_and_exponent_forms_parse_bit_identically()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 100_000; i++)
        {
            // Any bit pattern (mostly huge or tiny, the fallback's domain), or a data-like magnitude.
            var value = i % 2 == 0
                ? RandomFiniteDouble(random)
                : (random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-30, 31));
            AssertSameAsDotNet(value.ToString("R", CultureInfo.InvariantCulture));
            AssertSameAsDotNet(value.ToString("E16", CultureInfo.InvariantCulture));
            AssertSameAsDotNet(value.ToString("G15", CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Random_data_like_values_parse_bit_identically()
    {
        // What data files hold: moderate magnitudes written with up to 19 digits.
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var digits = random.Next(1, 20);
            var mantissa = new StringBuilder();
            for (var d = 0; d < digits; d++) mantissa.Append((char)('0' + random.Next(10)));
            var point = random.Next(0, digits + 1);
            var text = point == digits ? mantissa.ToString() : mantissa.ToString().Insert(point, ".");
            if (text.StartsWith('.')) text = "0" + text;
            var sign = random.Next(3) switch { 0 => "-", 1 => "+", _ => "" };
            var exponent = random.Next(4) == 0 ? $"e{random.Next(-40, 40)}" : "";
            AssertSameAsDotNet(sign + text + exponent);
        }
    }

    [Fact]
    public void Numbers_exactly_halfway_between_two_doubles_round_to_even()
    {
        // m·2^k with m odd and 2^53 ≤ m < 2^54 lies halfway between two neighbouring doubles, whose spacing
        // there is 2^(k+1); the integer has at most 19 digits, so the fast path sees it whole.
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var m = (1UL << 53) | ((ulong)random.NextInt64(1L << 52) << 1) | 1;
            var k = random.Next(0, 10);
            var halfway = new BigInteger(m) << k;
            AssertSameAsDotNet(halfway.ToString(CultureInfo.InvariantCulture));
            AssertSameAsDotNet((halfway + 1).ToString(CultureInfo.InvariantCulture));
            AssertSameAsDotNet((halfway - 1).ToString(CultureInfo.InvariantCulture));
            // The same number in scientific notation, trailing zeros dropped.
            var digits = halfway.ToString(CultureInfo.InvariantCulture);
            var significant = digits.TrimEnd('0');
            var scientific = significant.Length == 1 ? significant : significant[..1] + "." + significant[1..];
            AssertSameAsDotNet($"{scientific}e{digits.Length - 1}");
        }
    }

    [Fact]
    public void The_fast_path_takes_the_numbers_data_files_hold()
    {
        // Not a matter of correctness (the fallback is .NET itself) but of speed: these must not fall back.
        string[] common = ["3.6", "-0.048005714773200564", "79", "1e-5", "1.5E+10", "-4.633", "0.1", "1234567.891", "+2", "6.02214076e23"];
        foreach (var text in common)
            Assert.True(CsvDoubleParser.TryParseFast(Encoding.UTF8.GetBytes(text), out _), text);
    }

    [Fact]
    public void The_table_of_powers_of_five_is_the_one_of_the_paper()
    {
        var table = CsvPowersOfFive.Table;
        Assert.Equal(2 * (CsvPowersOfFive.LargestPower - CsvPowersOfFive.SmallestPower + 1), table.Length);
        var top = BigInteger.One << 128;
        for (var q = CsvPowersOfFive.SmallestPower; q <= CsvPowersOfFive.LargestPower; q++)
        {
            BigInteger expected;
            if (q < 0)
            {
                var power = BigInteger.Pow(5, -q);
                var z = 0;
                while (BigInteger.One << z < power) z++;
                var b = q >= -27 ? z + 127 : 2 * z + 128;
                expected = (BigInteger.One << b) / power + 1;
                while (expected >= top) expected /= 2;
            }
            else
            {
                expected = BigInteger.Pow(5, q);
                while (expected < BigInteger.One << 127) expected *= 2;
                while (expected >= top) expected /= 2;
            }
            var index = 2 * (q - CsvPowersOfFive.SmallestPower);
            var actual = (new BigInteger(table[index]) << 64) + table[index + 1];
            Assert.True(expected == actual, $"5^{q}: expected {expected:X}, table has {actual:X}");
        }
    }

    private static void AssertSameAsDotNet(string text)
    {
        var expectedOk = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var actualOk = CsvDoubleParser.TryParse(Encoding.UTF8.GetBytes(text), out var actual);
        Assert.True(expectedOk == actualOk, $"\"{text}\": double.TryParse says {expectedOk}, the loader's parser {actualOk}");
        if (expectedOk)
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
                $"\"{text}\": double.TryParse gives {expected:R} (0x{BitConverter.DoubleToInt64Bits(expected):X16}), the loader's parser {actual:R} (0x{BitConverter.DoubleToInt64Bits(actual):X16})");
    }

    private static double RandomFiniteDouble(Random random)
    {
        while (true)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(value)) return value;
        }
    }
}
