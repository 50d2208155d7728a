namespace EmFunctional.Cli.Plots;

/// <summary>
/// <c>em fit --plot</c> on one column: a histogram of the column on the density scale (bar area = share
/// of rows), the fitted mixture's density on that column and each component's weighted density
/// π_k N(x | μ_k, σ_k²), which add up to the mixture's. With several columns these are the exact
/// marginals of the model on the plotted column.
/// </summary>
internal static class FitHistogramPlot
{
    /// <summary>Points along each curve: smooth at this width, small in the file.</summary>
    private const int CurvePoints = 240;

    public static SvgDocument Render(CsvData data, FamilyMixtureModel model, int column)
    {
        var values = new double[data.RowCount];
        for (var row = 0; row < values.Length; row++) values[row] = data.Row(row)[column];
        Array.Sort(values);
        var (low, high) = (values[0], values[^1]);
        var bins = BinCount(values);
        var width = high > low ? (high - low) / bins : 1.0;
        var start = high > low ? low : low - 0.5;
        var counts = new int[bins];
        foreach (var value in values) counts[Math.Min(bins - 1, (int)((value - start) / width))]++;
        var densities = counts.Select(count => count / (values.Length * width)).ToArray();

        var k = model.Components;
        var means = Enumerable.Range(0, k).Select(c => model.Means[c][column]).ToArray();
        var deviations = Enumerable.Range(0, k).Select(c => Math.Sqrt(model.Variances[c][column])).ToArray();
        // The curves run over the data and three standard deviations around every mean, so no component is cut in half.
        var xLow = Math.Min(start, Enumerable.Range(0, k).Min(c => means[c] - 3 * deviations[c]));
        var xHigh = Math.Max(start + bins * width, Enumerable.Range(0, k).Max(c => means[c] + 3 * deviations[c]));
        // Each mean is a sample point too, so that a narrow component's peak is drawn however it falls
        // between the evenly spaced ones.
        var xs = Enumerable.Range(0, CurvePoints).Select(i => xLow + (xHigh - xLow) * i / (CurvePoints - 1))
            .Concat(means)
            .Order()
            .ToArray();
        var componentCurves = Enumerable.Range(0, k)
            .Select(c => xs.Select(x => model.Weights[c] * Normal(x, means[c], deviations[c])).ToArray())
            .ToArray();
        var mixture = xs.Select((_, i) => componentCurves.Sum(curve => curve[i])).ToArray();
        // A near-singular component's spike would flatten everything else; past twice the tallest bar it
        // is cut off at the top (still visibly a spike, and a note says so) rather than setting the scale.
        var yHigh = Math.Max(densities.Max(), Math.Min(mixture.Max(), 2 * densities.Max())) * 1.05;
        var spikes = Enumerable.Range(0, k).Where(c => model.Weights[c] * Normal(means[c], means[c], deviations[c]) > yHigh).ToArray();

        var chart = new Chart(
            FitPlotText.Title(model),
            $"{data.SourceName}: {data.RowCount} rows, {bins} bins; density scale (bar area = share of rows)"
                + (spikes.Length == 0 ? "" : $"; peak of component {string.Join(", ", spikes.Select(c => c + 1))} off the scale"),
            data.Columns[column],
            "density",
            NiceScale.For(xLow, xHigh),
            NiceScale.For(0, yHigh));
        var document = chart.Document;

        chart.BeginData("histogram");
        for (var b = 0; b < bins; b++)
        {
            var left = chart.X(start + b * width);
            var right = chart.X(start + (b + 1) * width);
            var top = chart.Y(densities[b]);
            document.Rectangle(left, top, right - left, chart.Y(0) - top, new Style(Fill: "#d9d9d9", Stroke: "#a6a6a6", StrokeWidth: 0.8, CssClass: "bar"));
        }
        chart.EndData();

        chart.BeginData("densities");
        // The mixture first: where a component is the whole mixture, its dashes stay visible on top.
        document.Polyline(xs.Select((x, i) => (chart.X(x), chart.Y(mixture[i]))), new Style(Stroke: "#111111", StrokeWidth: 2.5, CssClass: "mixture-density"));
        for (var c = 0; c < k; c++)
            document.Polyline(xs.Select((x, i) => (chart.X(x), chart.Y(componentCurves[c][i]))), new Style(Stroke: Palette.Colour(c), StrokeWidth: 2, Dash: "6 4", CssClass: "component-density"));
        chart.EndData();


        var legend = new List<LegendEntry>
        {
            new("data", "#d9d9d9", LegendMark.Bar),
            new("mixture density", "#111111", LegendMark.Line),
        };
        legend.AddRange(Enumerable.Range(0, k).Select(c => new LegendEntry(FitPlotText.ComponentLabel(model, c), Palette.Colour(c), LegendMark.DashedLine)));
        chart.Legend("Density", legend);
        return document;
    }

    /// <summary>
    /// numpy's "auto" rule: the larger of Freedman–Diaconis (bin width 2·IQR·n^(−1/3), robust to outliers)
    /// and Sturges (log2(n) + 1 bins, better for small samples); kept between 5 and 60 so bars stay readable.
    /// </summary>
    private static int BinCount(double[] sorted)
    {
        var n = sorted.Length;
        var range = sorted[^1] - sorted[0];
        if (range <= 0) return 5;
        var sturges = (int)Math.Ceiling(Math.Log2(n) + 1);
        var iqr = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        var freedmanDiaconis = iqr > 0 ? (int)Math.Ceiling(range / (2 * iqr * Math.Pow(n, -1.0 / 3))) : 0;
        return Math.Clamp(Math.Max(sturges, freedmanDiaconis), 5, 60);
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double Normal(double x, double mean, double deviation)
    {
        if (!(deviation > 0)) return 0;
        var z = (x - mean) / deviation;
        return Math.Exp(-0.5 * z * z) / (deviation * Math.Sqrt(2 * Math.PI));
    }
}
