using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// Numbers in the text report: invariant culture (a comma-decimal locale must not change the output)
/// and six significant digits, enough to compare runs by eye without the noise of full precision.
/// The JSON report prints full round-trip precision instead.
/// </summary>
internal static class NumberFormatting
{
    private const int SignificantDigits = 6;

    public static string Format(double value)
    {
        if (value == 0) return "0"; // also prints -0 as 0
        if (!double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(value);
        // Fixed notation in the everyday range reads better than "G6", which switches to exponents at 1e-5
        // and prints 1234567 as 1.23457E+06.
        if (magnitude < 1e-4 || magnitude >= 1e9) return value.ToString("0.#####e+0", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp(SignificantDigits - DigitsBeforePoint(magnitude), 0, 10);
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0;
        return rounded.ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A column of a table (or a whole matrix): the same number of decimals for every value, so that
    /// decimal points line up when right-aligned. Enough decimals for six significant digits of the largest value and at least
    /// three of the smallest (ignoring values below 1e-4 of the largest, which are rounding noise next
    /// to it). Falls back to <see cref="Format(double)"/> per value when the column needs exponents.
    /// </summary>
    public static string[] FormatColumn(IReadOnlyList<double> values)
    {
        var magnitudes = values.Where(double.IsFinite).Select(Math.Abs).Where(magnitude => magnitude > 0).ToArray();
        if (magnitudes.Length == 0) return [.. values.Select(Format)];
        var largest = magnitudes.Max();
        if (largest < 1e-4 || largest >= 1e9) return [.. values.Select(Format)];
        var smallest = magnitudes.Where(magnitude => magnitude >= largest * 1e-4).Min();
        var decimals = Math.Clamp(Math.Max(SignificantDigits - DigitsBeforePoint(largest), 3 - DigitsBeforePoint(smallest)), 0, 10);
        var format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        return [.. values.Select(FormatOne)];

        string FormatOne(double value)
        {
            if (!double.IsFinite(value)) return Format(value);
            // Adding 0.0 turns a rounded -0 into 0: "-0.000000" would suggest a sign that is not there.
            return (Math.Round(value, decimals, MidpointRounding.AwayFromZero) + 0.0).ToString(format, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>1 for 1.5, 2 for 36, 0 for 0.5, -1 for 0.05: the position of the leading digit.</summary>
    private static int DigitsBeforePoint(double magnitude) => (int)Math.Floor(Math.Log10(magnitude)) + 1;

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Format(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
