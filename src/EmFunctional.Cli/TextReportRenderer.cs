using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EmFunctional.Cli;

/// <summary>
/// The default output of <c>em fit</c>: a heading with the data and settings, then tables of the
/// components (weights and the means of the Gaussian columns), their covariances, the parameters of the
/// other column families (Bernoulli probabilities, Poisson rates, categorical code probabilities), the
/// rows per component when labels were asked for, the fit's quality and, when there was more than one,
/// the restarts. Column names come from the CSV header. Everything is rendered into a string first (see
/// <see cref="FitCommand"/>).
/// </summary>
internal static class TextReportRenderer
{
    /// <summary>
    /// A component × column (or × code) table with more value columns than this is printed transposed,
    /// one row per column (or code), so that it fits the width of a redirected report.
    /// </summary>
    private const int WidestTable = 8;

    /// <summary>The most Gaussian columns shown one row per component (weights and means, diagonal variances).</summary>
    private const int WidestGaussianTable = 64;

    public static string Render(FitOutcome outcome, TerminalOutput terminal)
    {
        var buffer = new StringWriter { NewLine = "\n" };
        var console = ReportConsole.Create(buffer, terminal);
        var (settings, data, model, labels) = outcome;
        var border = ReportConsole.Border(console, terminal);
        var columns = ColumnLabels(data);

        console.Write(Heading(outcome, columns, console.Profile.Capabilities.Unicode, terminal.Width));
        var gaussian = GaussianGroups(model);
        var sections = new List<Section>(ComponentsTables(columns, model, gaussian, border));
        if (gaussian.Count > 0 && model.Covariance is { } covariance)
            sections.AddRange(CovarianceTables(Names(columns, gaussian[0].Columns), gaussian, covariance, border));
        sections.AddRange(DiscreteTables(columns, model, border));
        if (labels is not null) sections.Add(LabelsTable(model, labels, border));
        sections.Add(QualityTable(settings, model, border));
        if (model.Restarts.Length > 1) sections.Add(RestartsTable(model, border));
        if (!model.Events.IsEmpty) sections.Add(EventsTable(model, border));
        foreach (var (title, table) in sections)
        {
            console.WriteLine();
            ReportConsole.WriteTitle(console, title);
            console.Write(table);
        }
        return ReportConsole.Finish(buffer, terminal);
    }

    /// <summary>A table and the line printed above it.</summary>
    private sealed record Section(string Title, Table Table);

    /// <summary>
    /// What was fitted to what, and the settings as command-line options, so that a saved report says
    /// how to reproduce it. Which family models each column is listed unless every column is Gaussian by
    /// default (the report of a plain <c>em fit</c> is unchanged by the other families).
    /// </summary>
    private static IRenderable Heading(FitOutcome outcome, IReadOnlyList<string> columns, bool unicode, int width)
    {
        var (settings, data, model, _) = outcome;
        var allGaussian = model.ColumnFamilies.All(family => family == ColumnFamily.Gaussian);
        var lines = new List<string>
        {
            $"[bold]{Markup.Escape(Title(model))}[/] fitted to {Markup.Escape(data.SourceName)}",
            Markup.Escape($"Data:     {data.RowCount} rows, {columns.Count} columns ({string.Join(", ", columns)})"),
        };
        if (model.MissingCells > 0)
        {
            var where = columns.Select((name, j) => (name, count: model.MissingCellsByColumn[j])).Where(c => c.count > 0).ToArray();
            var total = (long)data.RowCount * columns.Count;
            string[] pieces =
            [
                $"{model.MissingCells} cells ({(100.0 * model.MissingCells / total).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}%):",
                .. where.Select((c, i) => $"{c.name} {c.count}" + (i < where.Length - 1 ? "," : ";")),
                "log-likelihood", "of", "the", "observed", "cells",
            ];
            lines.AddRange(Wrapped("Missing:  ", pieces, width).Select(Markup.Escape));
        }
        if (data.SkippedRowsNote() is { } skipped) lines.AddRange(Wrapped("Skipped:  ", skipped.Split(' '), width).Select(Markup.Escape));
        if (data.KnownLabels is { } known)
        {
            var labelled = known.Count(label => label is not null);
            string[] pieces =
            [
                $"{labelled} of {data.RowCount} rows labelled by --known-labels {settings.KnownLabelsColumn};",
                .. model.ComponentLabels.Select((name, k) => $"component {ComponentNumber(k)} = {name ?? "(unnamed)"}" + (k < model.Components - 1 ? "," : "")),
            ];
            lines.AddRange(Wrapped("Classes:  ", pieces, width).Select(Markup.Escape));
        }
        if (!allGaussian || settings.Family == FamilyChoice.Auto)
        {
            var arrow = unicode ? "\u2192" : "->";
            var how = settings.Family == FamilyChoice.Auto ? "picked by --family auto" : $"--family {CliSpellings.Word(settings.Family)}";
            // One family asked for every column: naming each column would only repeat it.
            string[] pieces = settings.Family == FamilyChoice.Auto
                ? [.. columns.Select((name, j) => $"{name} {arrow} {CliSpellings.Word(model.ColumnFamilies[j])}" + (j < columns.Count - 1 ? "," : "")), $"({how})"]
                : [columns.Count == 1 ? "the column" : $"all {columns.Count} columns", CliSpellings.Word(model.ColumnFamilies[0]), $"({how})"];
            lines.AddRange(Wrapped("Column families: ", pieces, width).Select(Markup.Escape));
        }
        lines.Add(Markup.Escape($"Model:    {model.Components} component{(model.Components == 1 ? "" : "s")}{CovarianceDescription(model, allGaussian)}"));
        var family = settings.Family == FamilyChoice.Gaussian ? "" : $"--family {CliSpellings.Word(settings.Family)} ";
        if (model.Noise is { } noise)
            lines.Add(Markup.Escape($"Noise:    weight {NumberFormatting.Format(noise.Weight)} (a uniform density over a box of volume {NumberFormatting.Format(noise.Hypervolume)}; label -1)"));
        lines.Add(Markup.Escape($"Settings: {family}{model.Options.StartOptions}"));
        lines.Add(Markup.Escape($"          {settings.Em.StopOptions}"));
        if (settings.UsesPriors)
        {
            var priors = new List<string>();
            if (settings.Priors) priors.Add("--priors");
            if (settings.WeightPrior is { } alpha) priors.Add($"--weight-prior {NumberFormatting.Format(alpha)}");
            lines.Add(Markup.Escape($"          {string.Join(" ", priors)}"));
        }
        return new Markup(string.Join("\n", lines) + "\n");
    }

    /// <summary>
    /// <paramref name="pieces"/> after <paramref name="label"/>, separated by spaces and broken between
    /// pieces so that no line is wider than <paramref name="width"/>; continuation lines are indented to
    /// the end of the label (a piece wider than the line gets a line of its own).
    /// </summary>
    private static IEnumerable<string> Wrapped(string label, IReadOnlyList<string> pieces, int width)
    {
        var line = new StringBuilder(label);
        var empty = true;
        foreach (var piece in pieces)
        {
            if (!empty && line.Length + 1 + piece.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(' ', label.Length);
                empty = true;
            }
            if (!empty) line.Append(' ');
            line.Append(piece);
            empty = false;
        }
        yield return line.ToString();
    }

    /// <summary>"Gaussian mixture", "Poisson mixture", or "Mixture of Gaussian, Bernoulli and Poisson columns".</summary>
    private static string Title(FamilyMixtureModel model)
    {
        var families = model.ColumnFamilies.Distinct().Select(CliSpellings.Name).ToArray();
        if (families.Length == 1) return $"{char.ToUpperInvariant(families[0][0])}{families[0][1..]} mixture";
        return $"Mixture of {string.Join(", ", families[..^1])} and {families[^1]} columns";
    }

    private static string CovarianceDescription(FamilyMixtureModel model, bool allGaussian) => model.Covariance switch
    {
        null => ", columns independent within a component",
        { } kind when allGaussian => $", {CliSpellings.Word(kind)} covariance",
        { } kind => $", {CliSpellings.Word(kind)} covariance of the Gaussian columns",
    };

    /// <summary>The Gaussian group of each component (empty when no column is Gaussian).</summary>
    private static IReadOnlyList<GaussianGroupParameters> GaussianGroups(FamilyMixtureModel model) =>
        [.. model.Groups.SelectMany(parts => parts.OfType<GaussianGroupParameters>())];

    private static IReadOnlyList<string> Names(IReadOnlyList<string> columns, ImmutableArray<int> indices) => [.. indices.Select(j => columns[j])];

    /// <summary>
    /// Weights and the Gaussian means, one row per component; beyond <see cref="WidestGaussianTable"/>
    /// Gaussian columns, weights alone and the means one row per column, since no terminal shows a row of
    /// thousands of numbers (and Spectre's table measure overflows on tens of thousands of columns).
    /// </summary>
    private static IEnumerable<Section> ComponentsTables(IReadOnlyList<string> columns, FamilyMixtureModel model, IReadOnlyList<GaussianGroupParameters> gaussian, TableBorder border)
    {
        if (gaussian.Count == 0 || gaussian[0].Columns.Length <= WidestGaussianTable)
        {
            yield return ComponentsTable(columns, model, gaussian, border);
            yield break;
        }
        var weights = ReportConsole.NewTable(border, ["Component", "Weight"]);
        AddRows(weights, ComponentNumbers(model), [model.Weights]);
        yield return new Section("Weights (one row per component)", weights);
        var names = Names(columns, gaussian[0].Columns);
        yield return ParameterTable(names.Count == columns.Count ? "Means" : "Means of the Gaussian columns", ComponentNumbers(model), "Column", names,
            [.. gaussian.Select(group => group.Mean)], border);
    }

    private static Section ComponentsTable(IReadOnlyList<string> columns, FamilyMixtureModel model, IReadOnlyList<GaussianGroupParameters> gaussian, TableBorder border)
    {
        // The data's column names alone head the mean columns: the title says they are means, and a
        // prefix would make long names wrap.
        var meanColumns = gaussian.Count == 0 ? [] : Names(columns, gaussian[0].Columns);
        var table = ReportConsole.NewTable(border, ["Component", "Weight", .. meanColumns]);
        var valueColumns = new List<IReadOnlyList<double>> { model.Weights };
        valueColumns.AddRange(Enumerable.Range(0, meanColumns.Count).Select(j => gaussian.Select(group => group.Mean[j]).ToArray()));
        AddRows(table, ComponentNumbers(model), valueColumns);
        var title = gaussian.Count == 0 ? "Weights (one row per component)"
            : meanColumns.Count == columns.Count ? "Weights and means (one row per component)"
            : "Weights and means of the Gaussian columns (one row per component)";
        return new Section(title, table);
    }

    /// <summary>
    /// Covariances of the Gaussian columns in the form the model has them: a matrix per component (full),
    /// one shared matrix (tied), or a table of variances (diag, spherical). Printing the zeros off the
    /// diagonal would only bury the numbers that were fitted.
    /// </summary>
    private static IEnumerable<Section> CovarianceTables(IReadOnlyList<string> columns, IReadOnlyList<GaussianGroupParameters> groups, CovarianceType kind, TableBorder border)
    {
        var components = Enumerable.Range(0, groups.Count).Select(ComponentNumber).ToArray();
        // mclust's other models are printed in the form their numbers take: variances, or a matrix per component.
        var word = CliSpellings.Word(kind);
        var storage = kind is CovarianceType.Tied or CovarianceType.Full ? kind
            : CovarianceTypes.IsSpherical(kind) ? CovarianceType.Spherical
            : CovarianceTypes.IsDiagonal(kind) ? CovarianceType.Diagonal
            : CovarianceType.Full;
        switch (storage)
        {
            case CovarianceType.Tied:
                yield return MatrixTable("Covariance (tied: shared by all components)", columns, groups[0].Covariance, border);
                break;
            case CovarianceType.Diagonal when columns.Count > WidestGaussianTable:
                yield return ParameterTable("Variances", components, "Column", columns, [.. groups.Select(group => group.Variances)], border, note: $"{word}: covariances are diagonal");
                break;
            case CovarianceType.Diagonal:
            {
                var table = ReportConsole.NewTable(border, ["Component", .. columns]);
                AddRows(table, components, [.. Enumerable.Range(0, columns.Count).Select(i => groups.Select(group => group.Variances[i]).ToArray())]);
                yield return new Section($"Variances ({word}: covariances are diagonal)", table);
                break;
            }
            case CovarianceType.Spherical:
            {
                var table = ReportConsole.NewTable(border, ["Component", "Variance"]);
                AddRows(table, components, [groups.Select(group => group.Variances[0]).ToArray()]);
                yield return new Section(kind == CovarianceType.Spherical
                    ? "Variances (spherical: one variance per component, the same in every column)"
                    : $"Variances ({word}: one variance, the same in every column and component)", table);
                break;
            }
            default:
                for (var k = 0; k < groups.Count; k++)
                    yield return MatrixTable($"Covariance of component {ComponentNumber(k)}", columns, groups[k].Covariance, border);
                break;
        }
    }

    /// <summary>
    /// The parameters of the columns of every family but the Gaussian, one table per group and parameter
    /// (<see cref="ColumnGroupParameters.Values"/>): a parameter with one number per column as one table
    /// over the columns, one with a vector per column (categorical codes, whose number differs between
    /// columns) as a table per column, in the order of the groups.
    /// </summary>
    private static IEnumerable<Section> DiscreteTables(IReadOnlyList<string> columns, FamilyMixtureModel model, TableBorder border)
    {
        var components = ComponentNumbers(model);
        for (var g = 0; g < model.Groups[0].Length; g++)
        {
            var parts = model.Groups.Select(groups => groups[g]).ToArray();
            if (parts[0].Family == ColumnFamily.Gaussian) continue;
            var names = Names(columns, parts[0].Columns);
            for (var p = 0; p < parts[0].Values.Length; p++)
            {
                var values = parts.Select(part => part.Values[p]).ToArray();
                switch (values[0])
                {
                    case ColumnValues first:
                        yield return ParameterTable(first.Title, components, "Column", names,
                            [.. values.Cast<ColumnValues>().Select(value => value.Values)], border, note: first.Note);
                        break;
                    case ColumnVectors first:
                        for (var j = 0; j < names.Count; j++)
                        {
                            var entries = Enumerable.Range(0, first.Values[j].Length).Select(entry => entry.ToString(CultureInfo.InvariantCulture)).ToArray();
                            yield return ParameterTable(string.Format(CultureInfo.InvariantCulture, first.Title, names[j]), components, first.EntryLabel, entries,
                                [.. values.Cast<ColumnVectors>().Select(value => value.Values[j])], border);
                        }
                        break;
                }
            }
        }
    }

    /// <summary>
    /// One row per component and one column per header, or transposed (one row per header, one column
    /// per component) when there are too many headers to fit across.
    /// </summary>
    /// <param name="title">The section title, without the "(one row per …)" that is added here.</param>
    /// <param name="components">Row labels of the components.</param>
    /// <param name="headerKind">What the headers are ("Column", "Code"), for the transposed form.</param>
    /// <param name="headers">Column names or codes.</param>
    /// <param name="values">values[k][h]: component k, header h.</param>
    /// <param name="border">The table border.</param>
    /// <param name="note">Said in the parentheses after the title, before "one row per …".</param>
    private static Section ParameterTable(string title, IReadOnlyList<string> components, string headerKind, IReadOnlyList<string> headers, IReadOnlyList<ImmutableArray<double>> values, TableBorder border, string? note = null)
    {
        var prefix = note is null ? "" : $"{note}; ";
        if (headers.Count <= WidestTable || headers.Count <= components.Count)
        {
            var table = ReportConsole.NewTable(border, ["Component", .. headers]);
            AddRows(table, components, [.. Enumerable.Range(0, headers.Count).Select(h => values.Select(row => row[h]).ToArray())]);
            return new Section($"{title} ({prefix}one row per component)", table);
        }
        var transposed = ReportConsole.NewTable(border, [headerKind, .. components.Select(k => $"Component {k}")]);
        if (headerKind == "Column") transposed.Columns[0].LeftAligned();
        AddRows(transposed, headers, [.. values.Select(row => (IReadOnlyList<double>)[.. row])]);
        return new Section($"{title} ({prefix}one row per {headerKind.ToLowerInvariant()}, one column per component)", transposed);
    }

    /// <summary>How many rows have each component as their most probable one (<c>--labels</c>).</summary>
    private static Section LabelsTable(FamilyMixtureModel model, IReadOnlyList<int> labels, TableBorder border)
    {
        // The noise component's rows (label −1) count in a last row of their own.
        var noise = model.Noise is not null;
        var counts = new int[model.Components + (noise ? 1 : 0)];
        foreach (var label in labels) counts[label == MixtureModel.NoiseLabel ? model.Components : label]++;
        var table = ReportConsole.NewTable(border, ["Component", "Rows", "Share"]);
        var shares = NumberFormatting.FormatColumn([.. counts.Select(count => (double)count / labels.Count)]);
        IReadOnlyList<string> names = [.. ComponentNumbers(model), .. noise ? ["noise"] : Array.Empty<string>()];
        for (var k = 0; k < counts.Length; k++)
            table.AddRow(Cell(names[k]), Cell(NumberFormatting.Format(counts[k])), Cell(shares[k]));
        return new Section("Rows by most probable component (--labels)", table);
    }

    private static Section MatrixTable(string title, IReadOnlyList<string> columns, ImmutableArray<ImmutableArray<double>> matrix, TableBorder border)
    {
        var table = ReportConsole.NewTable(border, ["", .. columns]);
        // The row labels are names, not numbers: left-align them like the text they are.
        table.Columns[0].LeftAligned();
        // One number of decimals for the whole matrix, so that Σ_ij and Σ_ji print the same.
        var formatted = NumberFormatting.FormatColumn([.. matrix.SelectMany(row => row)]);
        for (var i = 0; i < columns.Count; i++)
            table.AddRow([Cell(columns[i]), .. formatted.Skip(i * columns.Count).Take(columns.Count).Select(Cell)]);
        return new Section(title, table);
    }

    private static Section QualityTable(FitSettings settings, FamilyMixtureModel model, TableBorder border)
    {
        var table = new Table { Border = border }.LeftAligned();
        table.AddColumn(new TableColumn(new Text("Measure")));
        table.AddColumn(new TableColumn(new Text("Value")));
        table.AddRow(Cell("Log-likelihood"), Number(model.LogLikelihood));
        table.AddRow(Cell("Mean log-likelihood per row"), Number(model.MeanLogLikelihood));
        if (settings.UsesPriors)
        {
            table.AddRow(Cell("Log-prior"), Number(model.LogPrior));
            table.AddRow(Cell("Log-posterior (maximized)"), Number(model.LogPosterior));
        }
        table.AddRow(Cell("BIC (lower is better)"), Number(model.Bic()));
        table.AddRow(Cell("AIC (lower is better)"), Number(model.Aic()));
        table.AddRow(Cell("Free parameters"), Cell(NumberFormatting.Format(model.FreeParameters)));
        table.AddRow(Cell("Iterations"), Cell(NumberFormatting.Format(model.Iterations)));
        table.AddRow(Cell("Converged"), Cell(model.Converged ? "yes" : "no"));
        table.AddRow(Cell("Stop reason"), Cell(CliSpellings.Description(model.StopReason, settings.Em.Tolerance, settings.Em.MaxIterations)));
        return new Section("Fit", table);
    }

    /// <summary>
    /// What EM did to degenerate components (--degenerate), one row per component and kind of event: how
    /// often, the first and last iteration, and the last event in words, so that a component that stayed
    /// collapsed for 80 iterations takes one line, not 80.
    /// </summary>
    private static Section EventsTable(FamilyMixtureModel model, TableBorder border)
    {
        var table = ReportConsole.NewTable(border, ["Component", "Iterations", "Times", "Last event"]);
        table.Columns[3].LeftAligned();
        foreach (var group in model.Events.GroupBy(e => (e.Component, e.Cause, e.Action)).OrderBy(g => g.Key.Component))
        {
            var first = group.First();
            var last = group.Last();
            table.AddRow(
                Cell(ComponentNumber(first.Component)),
                Cell(first.Iteration == last.Iteration ? $"{first.Iteration}" : $"{first.Iteration}-{last.Iteration}"),
                Cell(NumberFormatting.Format(group.Count())),
                Cell(last.Message));
        }
        return new Section("Degenerate components (components numbered from 0 in the messages)", table);
    }

    private static Section RestartsTable(FamilyMixtureModel model, TableBorder border)
    {
        var table = ReportConsole.NewTable(border, ["Restart", "Seed", "Log-likelihood", "Iterations", "Outcome"]);
        table.Columns[4].LeftAligned();
        foreach (var restart in model.Restarts)
        {
            var outcome = restart.Error ?? (restart.StopReason is { } reason ? CliSpellings.ShortDescription(reason) : "");
            if (restart.Index == model.BestRestart) outcome += " (best)";
            table.AddRow(
                Cell(ComponentNumber(restart.Index)),
                Cell(NumberFormatting.Format(restart.Seed)),
                restart.LogLikelihood is { } logLikelihood ? Number(logLikelihood) : Cell("failed"),
                Cell(NumberFormatting.Format(restart.Iterations)),
                Cell(outcome));
        }
        return new Section("Restarts", table);
    }

    /// <summary>
    /// Rows of a label and numbers, given column by column: each column is formatted as a whole so its
    /// decimal points line up.
    /// </summary>
    private static void AddRows(Table table, IReadOnlyList<string> rowLabels, IReadOnlyList<IReadOnlyList<double>> valueColumns)
    {
        var formatted = valueColumns.Select(NumberFormatting.FormatColumn).ToArray();
        for (var row = 0; row < rowLabels.Count; row++)
            table.AddRow([Cell(rowLabels[row]), .. formatted.Select(column => Cell(column[row]))]);
    }

    /// <summary>Component numbers, each followed by its class name when a known label named it (<c>--known-labels</c>).</summary>
    private static string[] ComponentNumbers(FamilyMixtureModel model) =>
        [.. Enumerable.Range(0, model.Components).Select(k => model.ComponentLabels[k] is { } name ? $"{ComponentNumber(k)} ({name})" : ComponentNumber(k))];

    /// <summary>Components and restarts are numbered from 1 in the text report, as people count.</summary>
    private static string ComponentNumber(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Header names, with "column N" for an empty header cell so no column is unlabelled.</summary>
    private static IReadOnlyList<string> ColumnLabels(CsvData data) =>
        [.. data.Columns.Select((name, index) => name.Length > 0 ? name : $"column {index + 1}")];

    private static Text Cell(string text) => new(text);

    private static Text Number(double value) => new(NumberFormatting.Format(value));
}
