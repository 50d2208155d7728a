namespace EmFunctional.Cli.Plots;

/// <summary>
/// <c>em select --plot</c>: the criterion (BIC, AIC or ICL; lower is better) against the number of
/// components K, one line per covariance type. A failed cell has no value: it is left out and the line
/// breaks there rather than bridging the gap as if it had been fitted. The chosen cell is ringed. Series are
/// named as mclust names the models; past the palette's eight colours (mclust's fourteen models) the lines are
/// dashed, so that no two series look alike.
/// </summary>
internal static class CriterionPlot
{
    public static SvgDocument Render(SelectOutcome outcome)
    {
        var (settings, data, result) = outcome;
        var criterion = CliSpellings.Word(result.Criterion).ToUpperInvariant();
        var scored = result.Cells.Where(cell => cell.Succeeded).ToArray();
        var scores = scored.Select(cell => cell.Score(result.Criterion)!.Value).ToArray();
        var best = result.Best!;
        var chart = new Chart(
            $"{criterion} by number of components (lower is better)",
            $"{data.SourceName}: {data.RowCount} rows; best: {SelectCommand.Describe(best)}; {settings.Em.Restarts} restart{(settings.Em.Restarts == 1 ? "" : "s")} per cell",
            "number of components K",
            criterion,
            NiceScale.Integers(result.Components.Min(), result.Components.Max()),
            NiceScale.Padded(scores.Min(), scores.Max()));
        var document = chart.Document;
        var columns = result.Covariances.Length;

        chart.BeginData("criterion");
        for (var t = 0; t < columns; t++)
        {
            var colour = Palette.Colour(t);
            var dash = Dashed(t) ? "5 3" : null;
            // Cells of one covariance type in order of K; runs of successful cells become one line each.
            var run = new List<(double X, double Y)>();
            for (var row = 0; row < result.Components.Length; row++)
            {
                var cell = result.Cells[row * columns + t];
                if (!cell.Succeeded)
                {
                    Flush(run, colour, dash);
                    continue;
                }
                run.Add((chart.X(cell.Components), chart.Y(cell.Score(result.Criterion)!.Value)));
            }
            Flush(run, colour, dash);
            for (var row = 0; row < result.Components.Length; row++)
            {
                var cell = result.Cells[row * columns + t];
                if (cell.Succeeded)
                    document.Circle(chart.X(cell.Components), chart.Y(cell.Score(result.Criterion)!.Value), 3.5, new Style(Fill: colour, CssClass: "cell"));
            }
        }
        var bestX = chart.X(best.Components);
        var bestY = chart.Y(best.Score(result.Criterion)!.Value);
        document.Circle(bestX, bestY, 9, new Style(Stroke: "#111111", StrokeWidth: 2.2, CssClass: "best"));
        document.Text(bestX, bestY - 14, "best", 12, "middle", bold: true, fill: "#111111");
        chart.EndData();

        var legend = result.Covariances
            .Select((type, t) => new LegendEntry(CovarianceTypes.MclustName(type, result.Dimensions), Palette.Colour(t), Dashed(t) ? LegendMark.DashedLine : LegendMark.Line))
            .Append(new LegendEntry($"best ({criterion})", "#111111", LegendMark.Ellipse))
            .ToArray();
        chart.Legend("Covariance", legend);
        return document;

        void Flush(List<(double X, double Y)> run, string colour, string? dash)
        {
            if (run.Count > 1) document.Polyline(run, new Style(Stroke: colour, StrokeWidth: 2, Dash: dash, CssClass: "covariance-line"));
            run.Clear();
        }
    }

    /// <summary>Series after the palette's colours repeat are dashed.</summary>
    private static bool Dashed(int series) => series >= Palette.Count;
}
