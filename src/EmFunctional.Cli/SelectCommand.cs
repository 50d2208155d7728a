using EmFunctional.Cli.Plots;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em select</c>: load the data, run the grid through the facade, print the table. As for <c>em fit</c>,
/// the whole report is rendered before anything is written. Failed cells are part of the report; only a
/// grid in which every cell failed is an error (exit code 2), since there is then no best cell to name.
/// </summary>
internal static class SelectCommand
{
    public static int Execute(SelectSettings settings, TextWriter stdout, TerminalOutput terminal, Interruption interruption)
    {
        OutputTargets.RefuseStdout("--plot", settings.Plot, "report", "picture", "select.svg");
        OutputTargets.RequireDistinct([("--plot", settings.Plot)], [("input file", settings.File)]);
        var data = CsvDataLoader.Load(settings.File, settings.Input ?? CsvReadSettings.Default);
        FitDataChecks.RequireObservedColumns(data);
        FitDataChecks.RequireNoiseModelable(settings.Noise, settings.NoiseNeighboursGiven, data, [.. Enumerable.Repeat(ColumnFamily.Gaussian, data.ColumnCount)]);
        if (settings.Plot is { } plot) SvgFile.RequireWritable(plot, "--plot");
        // A first signal stops the grid as the time budget does: the running cell keeps its state, the
        // cells not yet started fail as cancelled, and the table so far is the report.
        var result = interruption.Stoppable(stop => Run(data, settings, terminal, stop));
        if (result.Best is null)
        {
            var first = result.Cells[0];
            throw new UserInputException(
                $"{EchoText.Path(data.SourceName)}: every cell of the grid failed ({result.Cells.Length} of {result.Cells.Length}); the first, {Describe(first)}: {first.Error}");
        }
        var outcome = new SelectOutcome(settings, data, result);
        var report = settings.Format == OutputFormat.Json
            ? SelectJsonRenderer.Render(outcome)
            : SelectTextRenderer.Render(outcome, terminal);
        // The picture first: a failed write then leaves stdout empty, as every failure does.
        if (settings.Plot is not null) SvgFile.Write(settings.Plot, CriterionPlot.Render(outcome), "--plot");
        stdout.Write(report);
        stdout.Flush();
        return ExitCodes.Success;
    }

    /// <summary>"3 components, EEE covariance".</summary>
    public static string Describe(ModelSelectionCell cell) =>
        $"{cell.Components} component{(cell.Components == 1 ? "" : "s")}, {cell.ModelName} covariance";

    private static ModelSelectionResult Run(CsvData data, SelectSettings settings, TerminalOutput terminal, CancellationToken stop)
    {
        try
        {
            return ProgressDisplay.Run<SelectionProgress, ModelSelectionResult>(
                terminal,
                settings.Format,
                progress => ModelSelection.Run(data.Values, settings.ToOptions() with { Progress = progress }, stop),
                ProgressDisplay.Describe);
        }
        catch (ArgumentException exception)
        {
            // The loader and the option parsers check everything the command line knows of first; this is
            // a safety net, worded for a command-line user (no "(Parameter 'options')").
            throw FitDataChecks.Reworded(exception, data);
        }
    }
}

/// <summary>What <c>em select</c> did: the settings, the data and the table.</summary>
internal sealed record SelectOutcome(SelectSettings Settings, CsvData Data, ModelSelectionResult Result);
