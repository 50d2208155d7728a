using System.Globalization;

namespace EmFunctional.Cli.Plots;

/// <summary>
/// <c>em fit --plot</c> on two columns: every row as a point coloured by its most probable component,
/// and for each component its mean (×) and the ellipses at Mahalanobis distance 1 and 2 ("1σ" and "2σ")
/// of its covariance restricted to the two columns. That restriction is the component's exact marginal
/// on those columns, whatever the covariance type: the model's covariances are full matrices already
/// (diagonal and spherical expanded, tied repeated).
/// </summary>
internal static class FitScatterPlot
{
    /// <summary>
    /// More points than this are thinned to every m-th row (m the smallest that fits): beyond it the file
    /// grows past what a browser draws quickly, while the picture looks the same.
    /// </summary>
    public const int MaximumPoints = 20_000;

    public static SvgDocument Render(CsvData data, FamilyMixtureModel model, IReadOnlyList<int> labels, int xColumn, int yColumn)
    {
        var k = model.Components;
        var stride = (data.RowCount + MaximumPoints - 1) / MaximumPoints;
        var ellipses = Enumerable.Range(0, k).Select(c => Marginal(model, c, xColumn, yColumn)).ToArray();

        // The ranges hold every point and every 2σ ellipse's bounding box, so nothing is cut off.
        var (xLow, xHigh) = Range(data, xColumn);
        var (yLow, yHigh) = Range(data, yColumn);
        foreach (var e in ellipses)
        {
            xLow = Math.Min(xLow, e.MeanX - 2 * Math.Sqrt(e.Sxx));
            xHigh = Math.Max(xHigh, e.MeanX + 2 * Math.Sqrt(e.Sxx));
            yLow = Math.Min(yLow, e.MeanY - 2 * Math.Sqrt(e.Syy));
            yHigh = Math.Max(yHigh, e.MeanY + 2 * Math.Sqrt(e.Syy));
        }
        var shown = (data.RowCount + stride - 1) / stride;
        var rows = stride == 1
            ? $"{data.RowCount} rows"
            : $"{shown.ToString("N0", CultureInfo.InvariantCulture)} of {data.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows (every {Ordinal(stride)} row)";
        var chart = new Chart(
            FitPlotText.Title(model),
            $"{data.SourceName}: {rows}, coloured by most probable component; ellipses at 1σ and 2σ",
            data.Columns[xColumn],
            data.Columns[yColumn],
            NiceScale.For(xLow, xHigh),
            NiceScale.For(yLow, yHigh));
        var document = chart.Document;

        // Many points: smaller and more transparent, so that density shows instead of a solid blot.
        var (radius, opacity) = shown <= 1000 ? (2.6, 0.6) : shown <= 5000 ? (2.0, 0.45) : (1.5, 0.3);
        chart.BeginData("points");
        for (var row = 0; row < data.RowCount; row += stride)
        {
            var values = data.Row(row);
            document.Circle(chart.X(values[xColumn]), chart.Y(values[yColumn]), radius, new Style(Fill: Palette.OfLabel(labels[row]), Opacity: opacity, CssClass: "point"));
        }
        chart.EndData();

        chart.BeginData("components");
        for (var c = 0; c < k; c++)
        {
            var colour = Palette.Dark(c);
            // White halos under the ellipses keep them visible over dense points of their own colour.
            DrawEllipse(chart, ellipses[c], 1, new Style(Stroke: "white", StrokeWidth: 5, Opacity: 0.8, CssClass: "ellipse-halo"));
            DrawEllipse(chart, ellipses[c], 2, new Style(Stroke: "white", StrokeWidth: 4.5, Opacity: 0.8, CssClass: "ellipse-halo"));
            DrawEllipse(chart, ellipses[c], 1, new Style(Stroke: colour, StrokeWidth: 2.2, CssClass: "ellipse-1sigma"));
            DrawEllipse(chart, ellipses[c], 2, new Style(Stroke: colour, StrokeWidth: 1.6, Dash: "6 4", CssClass: "ellipse-2sigma"));
            // A white halo under the cross keeps the mean visible on top of its own points.
            document.Cross(chart.X(ellipses[c].MeanX), chart.Y(ellipses[c].MeanY), 6, new Style(Stroke: "white", StrokeWidth: 5, CssClass: "mean-halo"));
            document.Cross(chart.X(ellipses[c].MeanX), chart.Y(ellipses[c].MeanY), 6, new Style(Stroke: colour, StrokeWidth: 2.5, CssClass: "mean"));
        }
        chart.EndData();

        var legend = Enumerable.Range(0, k)
            .Select(c => new LegendEntry(FitPlotText.ComponentLabel(model, c), Palette.Colour(c), LegendMark.Point))
            .Concat(model.Noise is { } noise ? [new LegendEntry(FitPlotText.NoiseLabel(noise), Palette.Noise, LegendMark.Point)] : [])
            .Append(new LegendEntry("mean", Palette.Ink, LegendMark.Cross))
            .Append(new LegendEntry("1σ ellipse", Palette.Ink, LegendMark.Ellipse))
            .Append(new LegendEntry("2σ ellipse", Palette.Ink, LegendMark.DashedEllipse))
            .ToArray();
        chart.Legend("Components", legend);
        return document;
    }

    /// <summary>2nd, 3rd, 4th, 11th, 21st.</summary>
    private static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>A component's mean and covariance on the two plotted columns.</summary>
    private sealed record Marginal2D(double MeanX, double MeanY, double Sxx, double Sxy, double Syy);

    private static Marginal2D Marginal(FamilyMixtureModel model, int component, int x, int y)
    {
        var mean = model.Means[component];
        var variances = model.Variances[component];
        var covariance = model.IsDiagonal ? 0 : model.Covariances[component][x][y];
        return new Marginal2D(mean[x], mean[y], variances[x], covariance, variances[y]);
    }

    /// <summary>
    /// The ellipse (v − μ)ᵀ Σ⁻¹ (v − μ) = s² drawn in pixels. The axes scale x and y differently, so the
    /// covariance is first mapped to pixel space (J Σ Jᵀ with J = diag(px per unit x, −px per unit y));
    /// its eigenvectors give the ellipse's orientation and s·√eigenvalue its semi-axes.
    /// </summary>
    private static void DrawEllipse(Chart chart, Marginal2D marginal, double s, Style style)
    {
        var (sx, sy) = (chart.XUnit, chart.YUnit);
        var p = sx * sx * marginal.Sxx;
        var q = -sx * sy * marginal.Sxy;
        var r = sy * sy * marginal.Syy;
        var centre = (p + r) / 2;
        var spread = Math.Sqrt((p - r) * (p - r) / 4 + q * q);
        var major = Math.Sqrt(Math.Max(centre + spread, 0));
        var minor = Math.Sqrt(Math.Max(centre - spread, 0));
        var degrees = 0.5 * Math.Atan2(2 * q, p - r) * 180 / Math.PI;
        chart.Document.Ellipse(chart.X(marginal.MeanX), chart.Y(marginal.MeanY), s * major, s * minor, degrees, style);
    }

    private static (double Low, double High) Range(CsvData data, int column)
    {
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        for (var row = 0; row < data.RowCount; row++)
        {
            var value = data.Row(row)[column];
            low = Math.Min(low, value);
            high = Math.Max(high, value);
        }
        return (low, high);
    }
}
