using EmFunctional.Cli.Plots;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em fit</c>: load the data, check that every column's family can model its values, fit through the
/// facade (<see cref="FamilyMixture"/>, for every family), print the report. The whole report is rendered
/// before anything is written, so a failure leaves stdout empty and a script never reads half a table
/// or half a JSON object.
/// </summary>
internal static class FitCommand
{
    public static void Execute(FitSettings settings, TextWriter stdout, TerminalOutput terminal, Interruption interruption)
    {
        OutputTargets.RefuseStdout("--output", settings.Output, "report", "model", "model.json");
        OutputTargets.RefuseStdout("--plot", settings.Plot, "report", "picture", "fit.svg");
        if (settings.Output is { } output) OutputFile.RequireWritableLocation(output, "--output", "model.json");
        OutputTargets.RequireDistinct([("--output", settings.Output), ("--plot", settings.Plot)], [("input file", settings.File)]);
        FitDataChecks.RequirePriorsAvailable(settings);
        var data = CsvDataLoader.Load(settings.File, settings.Input ?? CsvReadSettings.Default);
        settings = WithLabelledComponents(settings, data);
        RequireEnoughDistinctRows(data, settings.Components);
        var families = FitDataChecks.ColumnFamilies(data, settings.Family);
        RequireReportableWidth(data, families, settings.Covariance, settings.Components);
        FitDataChecks.RequireObservedColumns(data);
        FitDataChecks.RequireModelable(data, families);
        FitDataChecks.RequireNoiseModelable(settings, data, families);
        // A picture that cannot be drawn or written is reported before the fit, not after it.
        var plotColumns = settings.Plot is { } plot ? FitPlot.Prepare(data, families, settings.Axes, plot) : null;
        var model = interruption.Stoppable(stop => Fit(data, settings, terminal, stop));
        var labels = settings.Labels ? Labels(model, data) : null;
        var outcome = new FitOutcome(settings, data, model, labels);
        var report = settings.Format == OutputFormat.Json
            ? JsonReportRenderer.Render(outcome)
            : TextReportRenderer.Render(outcome, terminal);
        // Saved and drawn before the report is printed: if a file cannot be written, stdout stays empty, and
        // no target changes unless both are complete.
        using var saved = settings.Output is { } path ? ModelFileOutput.Stage(model, data.Columns, path) : null;
        using var picture = plotColumns is not null ? FitPlot.Stage(settings.Plot!, data, model, labels ?? model.Predict(data.Values), plotColumns) : null;
        OutputTargets.Commit(saved, picture);
        stdout.Write(report);
        stdout.Flush();
    }

    /// <summary>
    /// The most probable component of each row; a row with a known label is in its class's component, as its
    /// responsibilities were during the fit (mclust's MclustSSC classifies labelled rows the same way).
    /// </summary>
    private static int[] Labels(FamilyMixtureModel model, CsvData data)
    {
        var labels = model.Predict(data.Values);
        if (data.KnownLabels is not { } known) return labels;
        var components = model.ComponentLabels;
        for (var row = 0; row < labels.Length; row++)
            if (known[row] is { } name) labels[row] = components.IndexOf(name);
        return labels;
    }

    /// <remarks>
    /// For all-Gaussian columns <see cref="FamilyMixture.Fit(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/>
    /// computes exactly what <see cref="GaussianMixture.Fit(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
    /// does, bit for bit, so one path serves every family.
    /// </remarks>
    private static FamilyMixtureModel Fit(CsvData data, FitSettings settings, TerminalOutput terminal, CancellationToken stop)
    {
        try
        {
            return ProgressDisplay.Run<FitProgress, FamilyMixtureModel>(
                terminal,
                settings.Format,
                progress => FamilyMixture.Fit(data.Values, settings.Components, settings.ToOptions() with { Progress = progress, KnownLabels = data.KnownLabels }, cancellation: stop),
                ProgressDisplay.Describe);
        }
        catch (EmFitException exception)
        {
            // Valid input on which EM broke down (a collapsed component, say); the facade's message
            // already says what to change.
            throw new UserInputException($"{EchoText.Path(data.SourceName)}: the fit failed: {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            // The facade documents ArgumentException as "the data or options are invalid". The loader,
            // the option parsers and FitDataChecks check everything the CLI knows of first, so this is a
            // safety net; a value the facade places by row and column is still reported by line and name.
            throw FitDataChecks.Reworded(exception, data);
        }
    }

    /// <summary>
    /// With <c>--known-labels</c>: the labels name at least one class, --components defaults to their number,
    /// and a --components below it is refused naming both.
    /// </summary>
    private static FitSettings WithLabelledComponents(FitSettings settings, CsvData data)
    {
        if (data.KnownLabels is not { } labels) return settings;
        var classes = labels.OfType<string>().Distinct(StringComparer.Ordinal).Count();
        var column = $"--known-labels {EchoText.Of(settings.KnownLabelsColumn ?? "")}";
        if (classes == 0)
            throw new UserInputException($"{EchoText.Path(data.SourceName)}: {column}: no row has a label (every cell of the column is missing); label some rows, or leave --known-labels out");
        if (!settings.ComponentsGiven) return settings with { Components = classes };
        if (settings.Components < classes)
            throw new UserInputException($"{EchoText.Path(data.SourceName)}: {column} names {classes} classes but --components is {settings.Components}; use --components {classes} or more");
        return settings;
    }

    /// <summary>
    /// The report and the model file hold, per component, D means and D variances, and for full and tied
    /// Gaussian columns their G × G matrix, about 25 characters a number in JSON; a report is one string of
    /// at most 2^30 characters: a wider table is refused before the fit instead of failing after it.
    /// </summary>
    private static void RequireReportableWidth(CsvData data, IReadOnlyList<ColumnFamily> families, CovarianceType covariance, int components)
    {
        const long largest = (1L << 30) / 25;
        long gaussian = families.Count(family => family == ColumnFamily.Gaussian);
        var matrix = CovarianceTypes.IsDiagonal(covariance) ? 0 : gaussian * gaussian;
        var numbers = components * (matrix + 3L * data.ColumnCount);
        if (numbers > largest)
            throw new UserInputException(matrix > 0
                ? $"{EchoText.Path(data.SourceName)}: {gaussian} Gaussian column{(gaussian == 1 ? "" : "s")} and --components {components} make {components * matrix} covariance numbers ({components} × {gaussian} × {gaussian}), more than the {largest} a report or model file can hold; use --covariance diag (or spherical), fewer columns (--columns) or fewer components"
                : $"{EchoText.Path(data.SourceName)}: {data.ColumnCount} column{(data.ColumnCount == 1 ? "" : "s")} and --components {components} make {numbers} numbers to report, more than the {largest} a report or model file can hold; use fewer columns (--columns) or fewer components");
    }

    /// <summary>
    /// K components need K distinct rows to start from. Checked here, not left to the facade, so the
    /// message can point at the option to change.
    /// </summary>
    internal static void RequireEnoughDistinctRows(CsvData data, int components)
    {
        var distinct = new HashSet<int>(new RowComparer(data));
        for (var row = 0; row < data.RowCount; row++)
            if (distinct.Add(row) && distinct.Count >= components) return;
        throw new UserInputException(
            $"{EchoText.Path(data.SourceName)}: the data has only {distinct.Count} distinct row{(distinct.Count == 1 ? "" : "s")} but --components is {components}; use --components {distinct.Count} or fewer");
    }

    /// <summary>Rows of the data, by index, compared by value; 0 and -0 are the same point.</summary>
    private sealed class RowComparer(CsvData data) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => x == y || data.Row(x).SequenceEqual(data.Row(y));

        public int GetHashCode(int row)
        {
            var hash = new HashCode();
            // Adding 0.0 turns -0 into +0, whose hash differs although the values compare equal.
            foreach (var value in data.Row(row)) hash.Add(value + 0.0);
            return hash.ToHashCode();
        }
    }
}
