using System.Globalization;

namespace EmFunctional.Cli.Plots;

/// <summary>
/// An axis range widened to round numbers with ticks at 1, 2 or 5 × 10^k steps (Heckbert's "nice
/// numbers"), so that every tick label is short and reads as a value a person would write.
/// </summary>
internal sealed record NiceScale(double Minimum, double Maximum, double Step)
{
    /// <summary>The scale for data in [<paramref name="low"/>, <paramref name="high"/>] with about <paramref name="targetTicks"/> ticks.</summary>
    public static NiceScale For(double low, double high, int targetTicks = 7)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high))
            // Subnormal spreads give densities beyond double range: a user's data problem, not ours.
            throw new UserInputException(
                $"--plot: cannot draw an axis from {low} to {high}: the fitted spread is too small for a picture; rescale the data");
        if (high < low) (low, high) = (high, low);
        if (high - low <= Math.Max(Math.Abs(low), Math.Abs(high)) * 1e-12)
        {
            // A single value (or a spread lost in rounding): give it a visible range around itself.
            var half = low == 0 ? 1 : Math.Abs(low) * 0.1;
            (low, high) = (low - half, high + half);
        }
        var step = Nice((high - low) / Math.Max(1, targetTicks - 1));
        var minimum = Math.Floor(low / step) * step;
        var maximum = Math.Ceiling(high / step) * step;
        return new NiceScale(minimum, maximum, step);
    }

    /// <summary>
    /// <see cref="For"/> with 4% of the range added at both ends, so that markers at the extremes are not
    /// cut in half by the frame.
    /// </summary>
    public static NiceScale Padded(double low, double high)
    {
        var margin = (high - low) * 0.04;
        return For(low - margin, high + margin);
    }

    /// <summary>The multiples of <see cref="Step"/> from <see cref="Minimum"/> to <see cref="Maximum"/>.</summary>
    public IReadOnlyList<double> Ticks
    {
        get
        {
            var first = Math.Ceiling(Minimum / Step - 1e-9);
            var last = Math.Floor(Maximum / Step + 1e-9);
            // Multiplying rather than adding keeps 0.1 + 0.1 + 0.1 from drifting to 0.30000000000000004.
            return [.. Enumerable.Range(0, (int)(last - first) + 1).Select(i => (first + i) * Step)];
        }
    }

    /// <summary>
    /// A scale of whole numbers (iterations, numbers of components), which have no meaningful halves: a
    /// tick at every value with half a step of room at both ends when there are few, else nice whole steps.
    /// </summary>
    public static NiceScale Integers(int low, int high)
    {
        if (high - low <= 14) return new NiceScale(low - 0.5, high + 0.5, 1);
        var nice = For(low, high);
        return nice.Step >= 1 ? nice : new NiceScale(Math.Floor(nice.Minimum), Math.Ceiling(nice.Maximum), 1);
    }

    /// <summary>A tick label with just the decimals the step needs ("0.25", "1500", "2e+06").</summary>
    public string Label(double value)
    {
        var magnitude = Math.Max(Math.Abs(Minimum), Math.Abs(Maximum));
        if (magnitude >= 1e6 || Step < 1e-4)
            return value.ToString("0.##e+0", CultureInfo.InvariantCulture);
        var decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(Step) + 1e-9));
        // Adding 0.0 turns -0 into 0: a tick at "-0" would look like a bug.
        return (Math.Round(value, decimals) + 0.0).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The nice number (1, 2, 5 or 10 × 10^k) closest above <paramref name="raw"/>'s leading digit.</summary>
    private static double Nice(double raw)
    {
        var exponent = Math.Floor(Math.Log10(raw));
        var power = Math.Pow(10, exponent);
        var fraction = raw / power;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
