using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace EmFunctional.Cli;

/// <summary>
/// The default output of <c>em fit</c>: a heading with the data and settings, then tables of the
/// components (weights and means), their covariances, the fit's quality and, when there was more than
/// one, the restarts. Column names come from the CSV header. Everything is rendered into a string first
/// (see <see cref="FitCommand"/>).
/// </summary>
internal static class TextReportRenderer
{
    public static string Render(FitOutcome outcome, TerminalOutput terminal)
    {
        var buffer = new StringWriter { NewLine = "\n" };
        var console = CreateConsole(buffer, terminal);
        var (settings, data, model) = outcome;
        var border = terminal.IsInteractiveTerminal && console.Profile.Capabilities.Unicode ? TableBorder.Rounded : TableBorder.Ascii2;
        var columns = ColumnLabels(data);

        console.Write(Heading(outcome, columns));
        var sections = new List<Section> { ComponentsTable(columns, model, border) };
        sections.AddRange(CovarianceTables(columns, model, border));
        sections.Add(QualityTable(settings, model, border));
        if (model.Restarts.Length > 1) sections.Add(RestartsTable(model, border));
        foreach (var (title, table) in sections)
        {
            // Titles go on their own line, left-aligned: Spectre's table titles are centred and wrap
            // when they are wider than a narrow table.
            console.WriteLine();
            console.Write(new Markup($"[bold]{Markup.Escape(title)}[/]\n"));
            console.Write(table);
        }
        return terminal.IsInteractiveTerminal ? buffer.ToString() : WithoutTrailingSpaces(buffer.ToString());
    }

    /// <summary>A table and the line printed above it.</summary>
    private sealed record Section(string Title, Table Table);

    /// <summary>
    /// A console that writes to <paramref name="buffer"/>. Escape sequences only for an interactive
    /// terminal (and never with NO_COLOR, which Spectre's colour detection honours); a fixed width so the
    /// layout does not depend on the window the command happened to run in.
    /// </summary>
    private static IAnsiConsole CreateConsole(StringWriter buffer, TerminalOutput terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal.IsInteractiveTerminal ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.IsInteractiveTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
        });
        console.Profile.Width = terminal.Width;
        // Box-drawing characters only where the terminal can show them; files get ASCII.
        console.Profile.Capabilities.Unicode = terminal.IsInteractiveTerminal && Console.OutputEncoding.CodePage == Encoding.UTF8.CodePage;
        return console;
    }

    /// <summary>
    /// What was fitted to what, and the settings as command-line options, so that a saved report says
    /// how to reproduce it.
    /// </summary>
    private static IRenderable Heading(FitOutcome outcome, IReadOnlyList<string> columns)
    {
        var (settings, data, model) = outcome;
        var lines = new[]
        {
            $"[bold]Gaussian mixture[/] fitted to {Markup.Escape(data.SourceName)}",
            Markup.Escape($"Data:     {data.RowCount} rows, {columns.Count} columns ({string.Join(", ", columns)})"),
            Markup.Escape($"Model:    {model.Components} components, {CliSpellings.Word(settings.Covariance)} covariance"),
            Markup.Escape($"Settings: --init {CliSpellings.Word(settings.Initialization)} --restarts {settings.Restarts} --seed {NumberFormatting.Format(settings.Seed)}"),
            Markup.Escape($"          --tolerance {NumberFormatting.Format(settings.Tolerance)} --max-iterations {settings.MaxIterations} --regularization {NumberFormatting.Format(settings.Regularization)}"),
        };
        return new Markup(string.Join("\n", lines) + "\n");
    }

    private static Section ComponentsTable(IReadOnlyList<string> columns, GaussianMixtureModel model, TableBorder border)
    {
        // The data's column names alone head the mean columns: the title says they are means, and a
        // prefix would make long names wrap.
        var table = NewTable(border, ["Component", "Weight", .. columns]);
        var valueColumns = new List<IReadOnlyList<double>> { model.Weights };
        valueColumns.AddRange(Enumerable.Range(0, columns.Count).Select(j => model.Means.Select(mean => mean[j]).ToArray()));
        AddRows(table, Enumerable.Range(0, model.Components).Select(ComponentNumber).ToArray(), valueColumns);
        return new Section("Weights and means (one row per component)", table);
    }

    /// <summary>
    /// Covariances in the form the model has them: a matrix per component (full), one shared matrix
    /// (tied), or a table of variances (diag, spherical). Printing the zeros off the diagonal would only
    /// bury the numbers that were fitted.
    /// </summary>
    private static IEnumerable<Section> CovarianceTables(IReadOnlyList<string> columns, GaussianMixtureModel model, TableBorder border)
    {
        switch (model.Covariance)
        {
            case CovarianceType.Tied:
                yield return MatrixTable("Covariance (tied: shared by all components)", columns, model.Covariances[0], border);
                break;
            case CovarianceType.Diagonal:
            {
                var table = NewTable(border, ["Component", .. columns]);
                AddRows(table, Enumerable.Range(0, model.Components).Select(ComponentNumber).ToArray(),
                    [.. Enumerable.Range(0, columns.Count).Select(i => model.Covariances.Select(matrix => matrix[i][i]).ToArray())]);
                yield return new Section("Variances (diag: covariances are diagonal)", table);
                break;
            }
            case CovarianceType.Spherical:
            {
                var table = NewTable(border, ["Component", "Variance"]);
                AddRows(table, Enumerable.Range(0, model.Components).Select(ComponentNumber).ToArray(),
                    [model.Covariances.Select(matrix => matrix[0][0]).ToArray()]);
                yield return new Section("Variances (spherical: one variance per component, the same in every column)", table);
                break;
            }
            default:
                for (var k = 0; k < model.Components; k++)
                    yield return MatrixTable($"Covariance of component {ComponentNumber(k)}", columns, model.Covariances[k], border);
                break;
        }
    }

    private static Section MatrixTable(string title, IReadOnlyList<string> columns, ImmutableArray<ImmutableArray<double>> matrix, TableBorder border)
    {
        var table = NewTable(border, ["", .. columns]);
        // The row labels are names, not numbers: left-align them like the text they are.
        table.Columns[0].LeftAligned();
        // One number of decimals for the whole matrix, so that Σ_ij and Σ_ji print the same.
        var formatted = NumberFormatting.FormatColumn([.. matrix.SelectMany(row => row)]);
        for (var i = 0; i < columns.Count; i++)
            table.AddRow([Cell(columns[i]), .. formatted.Skip(i * columns.Count).Take(columns.Count).Select(Cell)]);
        return new Section(title, table);
    }

    private static Section QualityTable(FitSettings settings, GaussianMixtureModel model, TableBorder border)
    {
        var table = new Table { Border = border }.LeftAligned();
        table.AddColumn(new TableColumn(new Text("Measure")));
        table.AddColumn(new TableColumn(new Text("Value")));
        table.AddRow(Cell("Log-likelihood"), Number(model.LogLikelihood));
        table.AddRow(Cell("Mean log-likelihood per row"), Number(model.MeanLogLikelihood));
        table.AddRow(Cell("BIC (lower is better)"), Number(model.Bic()));
        table.AddRow(Cell("AIC (lower is better)"), Number(model.Aic()));
        table.AddRow(Cell("Free parameters"), Cell(NumberFormatting.Format(model.FreeParameters)));
        table.AddRow(Cell("Iterations"), Cell(NumberFormatting.Format(model.Iterations)));
        table.AddRow(Cell("Converged"), Cell(model.Converged ? "yes" : "no"));
        table.AddRow(Cell("Stop reason"), Cell(CliSpellings.Description(model.StopReason, settings.Tolerance, settings.MaxIterations)));
        return new Section("Fit", table);
    }

    private static Section RestartsTable(GaussianMixtureModel model, TableBorder border)
    {
        var table = NewTable(border, ["Restart", "Seed", "Log-likelihood", "Iterations", "Outcome"]);
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

    /// <summary>A table whose columns are right-aligned, as numbers should be to compare digits.</summary>
    private static Table NewTable(TableBorder border, IEnumerable<string> headers)
    {
        var table = new Table { Border = border }.LeftAligned();
        foreach (var header in headers)
            // Text, not markup: a column called "x[1]" must not be read as a style.
            table.AddColumn(new TableColumn(new Text(header)).RightAligned());
        return table;
    }

    /// <summary>Components and restarts are numbered from 1 in the text report, as people count.</summary>
    private static string ComponentNumber(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Header names, with "column N" for an empty header cell so no column is unlabelled.</summary>
    private static IReadOnlyList<string> ColumnLabels(CsvData data) =>
        [.. data.Columns.Select((name, index) => name.Length > 0 ? name : $"column {index + 1}")];

    private static Text Cell(string text) => new(text);

    private static Text Number(double value) => new(NumberFormatting.Format(value));

    /// <summary>
    /// Spectre pads some lines with spaces; in a file they only show up as noise in diffs. (Not applied
    /// to terminal output, where a line may end inside an escape sequence.)
    /// </summary>
    private static string WithoutTrailingSpaces(string text) =>
        string.Join("\n", text.Split('\n').Select(line => line.TrimEnd(' ')));
}
