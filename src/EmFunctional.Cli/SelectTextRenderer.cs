using System.Globalization;
using Spectre.Console;

namespace EmFunctional.Cli;

/// <summary>
/// The default output of <c>em select</c>: a heading with the data, the grid and the settings; the chosen
/// criterion's table (rows K, columns covariance types, the best cell marked, failed cells shown as
/// "failed"); the three best cells with their distance from the best; the reasons of failed cells and
/// notes on the others; and, last, one line naming the winner.
/// </summary>
internal static class SelectTextRenderer
{
    /// <summary>Marks the winner in the table (a prefix, so right-aligned digits still line up).</summary>
    public const string BestMark = "*";

    /// <summary>Marks a near-singular cell in the table.</summary>
    public const string NearSingularMark = "!";

    public static string Render(SelectOutcome outcome, TerminalOutput terminal)
    {
        var (settings, data, result) = outcome;
        var buffer = new StringWriter { NewLine = "\n" };
        var console = ReportConsole.Create(buffer, terminal);
        var border = ReportConsole.Border(console, terminal);
        var criterion = Name(result.Criterion);
        var best = result.Best!;

        console.Write(new Text(Heading(outcome) + "\n"));

        console.WriteLine();
        ReportConsole.WriteTitle(console, $"{criterion} by number of components K (rows) and covariance (columns)");
        // Seven covariance columns fit the 100 columns of a redirected report; more (mclust's fourteen
        // models) continue in a second table with the same rows.
        for (var first = 0; first < result.Covariances.Length; first += CovarianceColumnsPerTable)
            console.Write(CriterionTable(settings, result, border, first, Math.Min(CovarianceColumnsPerTable, result.Covariances.Length - first)));
        var legend = $"{BestMark} best";
        if (result.Cells.Any(cell => cell.NearSingular)) legend += $"   {NearSingularMark} near-singular (see the notes)";
        console.Write(new Text(legend + "\n"));

        var ranked = result.Cells.Where(cell => cell.Succeeded).OrderBy(cell => Rank(result, cell)).Take(3).ToArray();
        if (ranked.Length > 1)
        {
            console.WriteLine();
            ReportConsole.WriteTitle(console, $"Top {ranked.Length} by {criterion}");
            console.Write(TopTable(settings, result, ranked, criterion, border));
        }

        var failed = result.Cells.Where(cell => !cell.Succeeded).ToArray();
        if (failed.Length > 0)
        {
            console.WriteLine();
            ReportConsole.WriteTitle(console, $"Failed cells ({failed.Length} of {result.Cells.Length})");
            console.Write(Reasons(failed.Select(cell => (cell, cell.Error!))));
        }

        var noted = result.Cells.Where(cell => cell.Succeeded && !cell.Notes.IsEmpty).ToArray();
        if (noted.Length > 0)
        {
            console.WriteLine();
            ReportConsole.WriteTitle(console, "Notes");
            console.Write(Reasons(noted.Select(cell => (cell, cell.Message!))));
        }

        console.WriteLine();
        // Written past the console so that it never wraps: scripts and readers look for this one line.
        return ReportConsole.Finish(buffer, terminal) + WinnerLine(settings, result, best, criterion) + "\n";
    }

    /// <summary>"Best by BIC: 3 components, tied covariance (BIC 2314.3, log-likelihood -1126.3, 11 free parameters)".</summary>
    public static string WinnerLine(SelectSettings settings, ModelSelectionResult result, ModelSelectionCell best, string criterion)
    {
        var value = settings.Shown(best.Score(result.Criterion)!.Value);
        var warning = best.NearSingular ? "; near-singular, see the notes" : "";
        return $"Best by {criterion}: {SelectCommand.Describe(best)} ({criterion} {NumberFormatting.Format(value)}, log-likelihood {NumberFormatting.Format(best.LogLikelihood!.Value)}, {best.FreeParameters} parameters{warning})";
    }

    /// <summary>
    /// "K=9, diag: reason" lines as a borderless two-column grid, so a long reason wraps under itself
    /// rather than under the cell's name.
    /// </summary>
    private static Grid Reasons(IEnumerable<(ModelSelectionCell Cell, string Reason)> reasons)
    {
        var grid = new Grid();
        grid.AddColumn(new GridColumn().NoWrap().PadLeft(2));
        grid.AddColumn(new GridColumn().PadLeft(1));
        foreach (var (cell, reason) in reasons)
            grid.AddRow(new Text($"K={cell.Components}, {cell.ModelName}:"), new Text(reason));
        return grid;
    }

    private static string Heading(SelectOutcome outcome)
    {
        var (settings, data, result) = outcome;
        var covariances = result.Dimensions > 1 && result.Covariances.SequenceEqual(CovarianceTypes.All)
            ? "all (mclust's 14 models)"
            : string.Join(", ", result.Covariances.Select(type => CovarianceTypes.MclustName(type, result.Dimensions)));
        var lines = new List<string>
        {
            $"Model selection on {data.SourceName}",
            $"Data:      {data.RowCount} rows, {data.Columns.Count} columns ({string.Join(", ", data.Columns)})",
        };
        if (data.SkippedRowsNote() is { } skipped) lines.Add($"Skipped:   {skipped}");
        lines.AddRange(
        [
            $"Grid:      K = {Compact(result.Components)} x covariance {covariances} ({result.Cells.Length} cells, {settings.Em.Restarts} restart{(settings.Em.Restarts == 1 ? "" : "s")} each)",
            .. settings.Noise is null ? Array.Empty<string>() : ["Noise:     a noise component in every cell (a uniform density over the data's box; p counts it)"],
            $"Criterion: {(settings.Sign == CriterionSign.Mclust ? MclustFormula(result.Criterion) : Formula(result.Criterion))}",
            $"Settings:  {(settings.Em with { Initialization = result.Initialization }).StartOptions}",
            $"           {settings.Em.StopOptions}",
        ]);
        return string.Join("\n", lines);
    }

    private static string Name(ModelSelectionCriterion criterion) => CliSpellings.Word(criterion).ToUpperInvariant();

    private static string Formula(ModelSelectionCriterion criterion) => criterion switch
    {
        ModelSelectionCriterion.Bic => "BIC = -2 log L + p ln(n); lower is better (mclust's BIC is the negative)",
        ModelSelectionCriterion.Aic => "AIC = -2 log L + 2p; lower is better",
        _ => "ICL = BIC - 2 sum_i log max_k r_ik; lower is better (mclust's icl is the negative)",
    };

    private static string MclustFormula(ModelSelectionCriterion criterion) => criterion switch
    {
        ModelSelectionCriterion.Bic => "BIC = 2 log L - p ln(n); higher is better (--bic-sign mclust: mclust's sign)",
        ModelSelectionCriterion.Aic => "AIC = 2 log L - 2p; higher is better (--bic-sign mclust)",
        _ => "ICL = BIC + 2 sum_i log max_k r_ik; higher is better (--bic-sign mclust: mclust's sign)",
    };

    /// <summary>The most covariance columns in one criterion table.</summary>
    private const int CovarianceColumnsPerTable = 7;

    /// <summary>The criterion's table for covariance columns <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    private static Table CriterionTable(SelectSettings settings, ModelSelectionResult result, TableBorder border, int first, int count)
    {
        var table = ReportConsole.NewTable(border, ["K", .. result.Covariances.Skip(first).Take(count).Select(type => CovarianceTypes.MclustName(type, result.Dimensions))]);
        // One format for the whole table, so decimals line up across columns too.
        var values = result.Cells.Where(cell => cell.Succeeded).Select(cell => settings.Shown(cell.Score(result.Criterion)!.Value)).ToArray();
        var formatted = NumberFormatting.FormatColumn(values);
        var text = new Dictionary<int, string>();
        var next = 0;
        foreach (var cell in result.Cells.Where(cell => cell.Succeeded)) text[cell.Index] = formatted[next++];
        var columns = result.Covariances.Length;
        for (var row = 0; row < result.Components.Length; row++)
        {
            var cells = new List<Text> { new(result.Components[row].ToString(CultureInfo.InvariantCulture)) };
            for (var column = first; column < first + count; column++)
            {
                var cell = result.Cells[row * columns + column];
                if (!cell.Succeeded)
                {
                    cells.Add(new Text("failed"));
                    continue;
                }
                var marks = (ReferenceEquals(cell, result.Best) ? BestMark : "") + (cell.NearSingular ? NearSingularMark : "");
                cells.Add(new Text(marks + text[cell.Index]));
            }
            table.AddRow(cells);
        }
        return table;
    }

    private static Table TopTable(SelectSettings settings, ModelSelectionResult result, IReadOnlyList<ModelSelectionCell> ranked, string criterion, TableBorder border)
    {
        var table = ReportConsole.NewTable(border, ["Rank", "K", "Covariance", criterion, "Difference", "Log-likelihood", "Parameters"]);
        table.Columns[2].LeftAligned();
        var scores = ranked.Select(cell => settings.Shown(cell.Score(result.Criterion)!.Value)).ToArray();
        var formattedScores = NumberFormatting.FormatColumn(scores);
        // Differences with the scores' decimals: they are read against the score column.
        var decimals = formattedScores[0].Contains('.') ? formattedScores[0].Length - formattedScores[0].IndexOf('.') - 1 : 0;
        var differences = scores.Select(score => (score - scores[0]).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)).ToArray();
        var logLikelihoods = NumberFormatting.FormatColumn([.. ranked.Select(cell => cell.LogLikelihood!.Value)]);
        for (var i = 0; i < ranked.Count; i++)
        {
            table.AddRow(
                new Text((i + 1).ToString(CultureInfo.InvariantCulture)),
                new Text(ranked[i].Components.ToString(CultureInfo.InvariantCulture)),
                new Text(ranked[i].ModelName + (ranked[i].NearSingular ? $" {NearSingularMark}" : "")),
                new Text(formattedScores[i]),
                new Text(i == 0 ? "" : (differences[i].StartsWith('-') ? "" : "+") + differences[i]),
                new Text(logLikelihoods[i]),
                new Text(ranked[i].FreeParameters.ToString(CultureInfo.InvariantCulture)));
        }
        return table;
    }

    /// <summary>
    /// The order of the ranking: the winner first, then regular cells before near-singular ones (which win only
    /// when nothing else succeeded), then by score, fewer parameters, grid order (the winner's tie rule).
    /// </summary>
    private static (int, int, double, int, int) Rank(ModelSelectionResult result, ModelSelectionCell cell) =>
        (ReferenceEquals(cell, result.Best) ? 0 : 1, cell.NearSingular ? 1 : 0, cell.Score(result.Criterion)!.Value, cell.FreeParameters, cell.Index);

    /// <summary>1,2,3,4,6 → "1..4, 6".</summary>
    private static string Compact(IReadOnlyList<int> values)
    {
        var parts = new List<string>();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1) j++;
            parts.Add(j - i >= 2 ? $"{values[i]}..{values[j]}" : string.Join(", ", values.Skip(i).Take(j - i + 1)));
            i = j + 1;
        }
        return string.Join(", ", parts);
    }
}
