namespace EmFunctional.Cli.Plots;

/// <summary>
/// <c>em fit --plot</c>: picks the picture for the chosen columns (two: <see cref="FitScatterPlot"/>, one:
/// <see cref="FitHistogramPlot"/>) and writes it.
/// </summary>
internal static class FitPlot
{
    /// <summary>
    /// Checks, before the fit, that the picture can be drawn (the columns exist and are Gaussian) and the
    /// file written; returns the columns to draw.
    /// </summary>
    public static int[] Prepare(CsvData data, IReadOnlyList<ColumnFamily> families, IReadOnlyList<string>? axes, string path)
    {
        var columns = PlotColumns.Choose(data, families, axes);
        SvgFile.RequireWritable(path, "--plot");
        return columns;
    }

    /// <summary>Draws the fitted <paramref name="model"/> over <paramref name="data"/>, staged for <paramref name="path"/> (<see cref="OutputTargets.Commit"/>).</summary>
    public static PendingOutput Stage(string path, CsvData data, FamilyMixtureModel model, IReadOnlyList<int> labels, int[] columns)
    {
        var document = columns.Length == 2
            ? FitScatterPlot.Render(data, model, labels, columns[0], columns[1])
            : FitHistogramPlot.Render(data, model, columns[0]);
        return SvgFile.Stage(path, document, "--plot");
    }
}
