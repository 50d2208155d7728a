using System.Globalization;
using Spectre.Console;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em bootstrap</c>: load a saved model and the rows it was fitted on (the model's columns found as
/// <c>em predict</c> finds them), run the facade's bootstrap, and print the standard errors and percentile
/// intervals of the weights, means and variances, in the model's component order. Everything is computed
/// before the first byte is written.
/// </summary>
internal static class BootstrapCommand
{
    public static void Execute(BootstrapSettings settings, TextWriter stdout, TerminalOutput terminal)
    {
        var fitted = ModelFileInput.Load(settings.Model);
        var model = fitted.Model;
        var input = settings.Input ?? CsvReadSettings.Default;
        ModelColumnSelection.RequireCount(fitted, input, settings.Model);
        var table = CsvDataLoader.LoadText(settings.File, input, header => ModelColumnSelection.Of(fitted, header, input, settings.Model), CsvTextMode.Rows);
        ModelRows.RequireModelable(model, table);
        var data = table.Numbers;
        var rows = Enumerable.Range(0, data.RowCount).Select(row => data.Row(row).ToArray()).ToArray();
        var result = ModelRows.Computed(table, () => model.Bootstrap(rows, settings.Replicates, settings.Seed, settings.Type, settings.Level));
        var report = settings.Format == OutputFormat.Json
            ? JsonOutput.Serialize(BootstrapJsonReport.Of(settings, data.Columns, model, result), CliJsonContext.Default.BootstrapJsonReport)
            : Text(settings, data, data.Columns, model, result, terminal);
        stdout.Write(report);
        stdout.Flush();
    }

    private static string Text(BootstrapSettings settings, CsvData data, IReadOnlyList<string> columns, MixtureModel model, BootstrapResult result, TerminalOutput terminal)
    {
        var buffer = new StringWriter { NewLine = "\n" };
        var console = ReportConsole.Create(buffer, terminal);
        var border = ReportConsole.Border(console, terminal);
        var percent = (settings.Level * 100).ToString("0.##", CultureInfo.InvariantCulture);
        console.WriteLine($"Bootstrap of {settings.Model}");
        console.WriteLine($"Data:       {data.SourceName}, {data.RowCount} rows");
        console.WriteLine($"Replicates: {result.Replicates} {CliSpellings.Word(result.Type)} replicates ({result.Failed} failed), seed {settings.Seed}");
        console.WriteLine($"Standard errors (SE) and {percent}% percentile intervals, components in the model's order");
        var weights = ReportConsole.NewTable(border, ["Component", "Weight", "SE", "Lower", "Upper"]);
        for (var k = 0; k < model.Components; k++)
            weights.AddRow(Cell((k + 1).ToString(CultureInfo.InvariantCulture)), Cell(model.Weights[k]), Cell(result.WeightStandardErrors[k]), Cell(result.WeightIntervals[k].Lower), Cell(result.WeightIntervals[k].Upper));
        console.WriteLine();
        ReportConsole.WriteTitle(console, "Weights");
        console.Write(weights);
        foreach (var (title, values, errors, intervals) in new[]
                 {
                     ("Means", model.Means, result.MeanStandardErrors, result.MeanIntervals),
                     ("Variances", model.Variances, result.VarianceStandardErrors, result.VarianceIntervals),
                 })
        {
            var table = ReportConsole.NewTable(border, ["Component", "Column", title[..^1], "SE", "Lower", "Upper"]);
            table.Columns[1].LeftAligned();
            for (var k = 0; k < model.Components; k++)
                for (var j = 0; j < columns.Count; j++)
                    table.AddRow(Cell(j == 0 ? (k + 1).ToString(CultureInfo.InvariantCulture) : ""), Cell(columns[j]), Cell(values[k][j]), Cell(errors[k][j]), Cell(intervals[k][j].Lower), Cell(intervals[k][j].Upper));
            console.WriteLine();
            ReportConsole.WriteTitle(console, $"{title} (one row per component and column)");
            console.Write(table);
        }
        return ReportConsole.Finish(buffer, terminal);
    }

    private static Text Cell(string text) => new(text);

    private static Text Cell(double value) => new(NumberFormatting.Format(value));
}

/// <summary>
/// <c>em bootstrap --format json</c>: the settings, the model's weights and means, and per parameter the
/// standard errors and the percentile intervals (<c>lower</c>, <c>upper</c>), in the model's component order
/// (<c>means[k][j]</c>: component k, column j).
/// </summary>
internal sealed record BootstrapJsonReport(
    string Version,
    string Type,
    int Replicates,
    int Failed,
    long Seed,
    double Level,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double> Weights,
    IReadOnlyList<IReadOnlyList<double>> Means,
    BootstrapJsonValues StandardErrors,
    BootstrapJsonIntervals Intervals)
{
    public static BootstrapJsonReport Of(BootstrapSettings settings, IReadOnlyList<string> columns, MixtureModel model, BootstrapResult result) => new(
        VersionAction.Version,
        CliSpellings.Word(result.Type),
        result.Replicates,
        result.Failed,
        settings.Seed,
        result.Level,
        columns,
        [.. model.Weights],
        [.. model.Means.Select(m => (IReadOnlyList<double>)[.. m])],
        new BootstrapJsonValues(
            [.. result.WeightStandardErrors],
            [.. result.MeanStandardErrors.Select(m => (IReadOnlyList<double>)[.. m])],
            [.. result.VarianceStandardErrors.Select(m => (IReadOnlyList<double>)[.. m])]),
        new BootstrapJsonIntervals(
            new BootstrapJsonBounds([.. result.WeightIntervals.Select(i => i.Lower)], [.. result.WeightIntervals.Select(i => i.Upper)]),
            Bounds(result.MeanIntervals),
            Bounds(result.VarianceIntervals)));

    private static BootstrapJsonMatrixBounds Bounds(System.Collections.Immutable.ImmutableArray<System.Collections.Immutable.ImmutableArray<(double Lower, double Upper)>> intervals) => new(
        [.. intervals.Select(c => (IReadOnlyList<double>)[.. c.Select(i => i.Lower)])],
        [.. intervals.Select(c => (IReadOnlyList<double>)[.. c.Select(i => i.Upper)])]);
}

/// <summary>Standard errors: one per component, and per component and column.</summary>
internal sealed record BootstrapJsonValues(IReadOnlyList<double> Weights, IReadOnlyList<IReadOnlyList<double>> Means, IReadOnlyList<IReadOnlyList<double>> Variances);

/// <summary>Percentile intervals of the weights, means and variances.</summary>
internal sealed record BootstrapJsonIntervals(BootstrapJsonBounds Weights, BootstrapJsonMatrixBounds Means, BootstrapJsonMatrixBounds Variances);

/// <summary>Lower and upper bounds, one per component.</summary>
internal sealed record BootstrapJsonBounds(IReadOnlyList<double> Lower, IReadOnlyList<double> Upper);

/// <summary>Lower and upper bounds, per component and column.</summary>
internal sealed record BootstrapJsonMatrixBounds(IReadOnlyList<IReadOnlyList<double>> Lower, IReadOnlyList<IReadOnlyList<double>> Upper);
