namespace EmFunctional.Cli.Plots;

/// <summary>
/// Colours of components, restarts and covariance types: the Okabe–Ito palette, distinguishable with
/// the common forms of colour blindness and in greyscale print (its yellow, hard to see on white, is
/// left out). After eight, colours repeat and the legend tells the series apart by number.
/// </summary>
internal static class Palette
{
    private static readonly string[] Colours =
        ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C564B"];

    /// <summary>Rows the noise component explains best: grey, quieter than any component.</summary>
    public const string Noise = "#a0a0a0";

    /// <summary>The colour of a row of label <paramref name="label"/>: its component's, or <see cref="Noise"/> for the noise label (−1).</summary>
    public static string OfLabel(int label) => label == MixtureModel.NoiseLabel ? Noise : Colour(label);

    /// <summary>How many distinct colours there are before they repeat.</summary>
    public static int Count => Colours.Length;

    /// <summary>The colour of series <paramref name="index"/> (0-based).</summary>
    public static string Colour(int index) => Colours[index % Colours.Length];

    /// <summary>
    /// A darker shade of <see cref="Colour"/> (70% of each channel) for lines drawn over the series' own
    /// points: the same hue, but it stands out from a dense cloud of them.
    /// </summary>
    public static string Dark(int index)
    {
        var colour = Colour(index);
        var channels = Enumerable.Range(0, 3).Select(i => (int)(Convert.ToInt32(colour.Substring(1 + 2 * i, 2), 16) * 0.7));
        return "#" + string.Concat(channels.Select(channel => channel.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Grid lines: visible, but quieter than any data.</summary>
    public const string Grid = "#e6e6e6";

    /// <summary>Axes, ticks and labels.</summary>
    public const string Ink = "#333333";
}
