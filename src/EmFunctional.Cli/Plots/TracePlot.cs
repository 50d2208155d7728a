namespace EmFunctional.Cli.Plots;

/// <summary>
/// <c>em trace --plot</c>: the mean log-likelihood at each EM iteration, one line per restart, so one can
/// see how fast each start climbs and which plateau it settles on.
/// </summary>
internal static class TracePlot
{
    /// <summary>Legend entries beyond this are summarized in one line; the colours repeat anyway.</summary>
    private const int MaximumLegendEntries = 14;

    /// <summary>Point markers only while they stay apart; a long run is a plain line.</summary>
    private const int MaximumMarkedIterations = 60;

    /// <param name="title">What was traced, e.g. "EM trace: 2 components, full covariance".</param>
    /// <param name="subtitle">The data and settings.</param>
    /// <param name="restarts">Per restart (in order), its (iteration, mean log-likelihood) points; empty for a restart that failed at once.</param>
    public static SvgDocument Render(string title, string subtitle, IReadOnlyList<IReadOnlyList<(int Iteration, double MeanLogLikelihood)>> restarts)
    {
        var points = restarts.SelectMany(restart => restart).ToArray();
        if (points.Length == 0) throw new InvalidOperationException("a trace plot needs at least one iteration");
        var lastIteration = points.Max(point => point.Iteration);
        var (low, high) = (points.Min(point => point.MeanLogLikelihood), points.Max(point => point.MeanLogLikelihood));
        string? note = null;
        var later = points.Where(point => point.Iteration >= 2).Select(point => point.MeanLogLikelihood).ToArray();
        if (later.Length > 0)
        {
            // A poor start can lie so far below the rest that the whole climb afterwards is a flat line.
            // Then the scale is set by iterations 2 on, and the first steps run off the bottom edge: the
            // drop is still visible, and the subtitle gives the value.
            var (laterLow, laterHigh) = (later.Min(), later.Max());
            var span = Math.Max(laterHigh - laterLow, 1e-9 * Math.Max(1, Math.Abs(laterHigh)));
            if (low < laterLow - 4 * span)
            {
                note = $"↓ iteration 1 is off the scale (lowest {NumberFormatting.Format(low)})";
                (low, high) = (laterLow - 0.3 * span, laterHigh);
            }
        }
        var chart = new Chart(
            title,
            subtitle,
            "iteration",
            "mean log-likelihood per row",
            NiceScale.Integers(1, lastIteration),
            NiceScale.Padded(low, high));
        var document = chart.Document;
        chart.BeginData("restarts");
        for (var r = 0; r < restarts.Count; r++)
        {
            if (restarts[r].Count == 0) continue;
            var colour = Palette.Colour(r);
            var pixels = restarts[r].Select(point => (chart.X(point.Iteration), chart.Y(point.MeanLogLikelihood))).ToArray();
            document.Polyline(pixels, new Style(Stroke: colour, StrokeWidth: 2, CssClass: "restart"));
            if (lastIteration <= MaximumMarkedIterations)
                foreach (var (x, y) in pixels) document.Circle(x, y, 2.8, new Style(Fill: colour, CssClass: "iteration"));
        }
        chart.EndData();
        if (note is not null) chart.Note(note);
        var legend = Enumerable.Range(0, restarts.Count)
            .Take(MaximumLegendEntries)
            .Select(r => new LegendEntry($"restart {r + 1}" + (restarts[r].Count == 0 ? " (failed)" : ""), Palette.Colour(r), LegendMark.Line))
            .ToList();
        if (restarts.Count > MaximumLegendEntries)
            legend.Add(new LegendEntry($"… {restarts.Count - MaximumLegendEntries} more", "white", LegendMark.Line));
        chart.Legend("Restarts", legend);
        return document;
    }
}
