using System.Globalization;
using EmFunctional.Cli;
using EmFunctional.Tests.Facade;
using EmFunctional.Tests.Missing;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// The missing-cell contract of the <c>em</c> tool: the tokens that mean "missing", <c>--missing-values</c>
/// and <c>--missing error</c>, the counts in the text and JSON reports, the observed-data log-likelihood,
/// <c>predict</c> and <c>trace</c> on incomplete rows, and <c>impute</c> with and without <c>--draws</c>.
/// </summary>
public sealed class MissingCellCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Old Faithful with cells removed as <see cref="MissingCellFacadeTests.FaithfulWithHoles"/> removes them, written with every default token.</summary>
    private string FaithfulCsv(Func<int, string>? token = null)
    {
        token ??= i => (i % 4) switch { 0 => "", 1 => "NA", 2 => "NaN", _ => "nan" };
        var rows = MissingCellFacadeTests.FaithfulWithHoles();
        var lines = new List<string> { "eruptions,waiting" };
        for (var i = 0; i < rows.Length; i++)
            lines.Add(string.Join(",", rows[i].Select(x => double.IsNaN(x) ? token(i) : x.ToString("R", CultureInfo.InvariantCulture))));
        return _files.Write($"holes-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void Fit_reads_every_default_token_and_reports_the_counts_and_the_observed_data_log_likelihood()
    {
        var file = FaithfulCsv();
        var json = CliRun.Of("fit", file, "-k", "2", "--seed", "1", "--format", "json").Json();
        var rows = MissingCellFacadeTests.FaithfulWithHoles();
        var byColumn = new[] { rows.Count(r => double.IsNaN(r[0])), rows.Count(r => double.IsNaN(r[1])) };
        Assert.Equal(byColumn.Sum(), json.GetProperty("missingCells").GetInt32());
        Assert.Equal(byColumn[0], json.GetProperty("missingCellsByColumn").GetProperty("eruptions").GetInt32());
        Assert.Equal(byColumn[1], json.GetProperty("missingCellsByColumn").GetProperty("waiting").GetInt32());
        var model = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { Seed = 1 });
        Assert.Equal(model.LogLikelihood, json.GetProperty("logLikelihood").GetDouble(), 8);

        var text = CliRun.Of("fit", file, "-k", "2", "--seed", "1");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"Missing:  {byColumn.Sum()} cells", text.Stdout);
        Assert.Contains($"eruptions {byColumn[0]}, waiting {byColumn[1]}", text.Stdout);
    }

    [Fact]
    public void A_complete_file_reports_zero_missing_cells()
    {
        var json = CliRun.Of("fit", "-k", "2", "--format", "json").Json();
        Assert.Equal(0, json.GetProperty("missingCells").GetInt32());
        Assert.Equal(0, json.GetProperty("missingCellsByColumn").GetProperty("waiting").GetInt32());
    }

    [Fact]
    public void Missing_values_replaces_the_token_list()
    {
        var sentinel = FaithfulCsv(_ => "-999");
        var json = CliRun.Of("fit", sentinel, "-k", "2", "--missing-values", "-999", "--format", "json").Json();
        Assert.Equal(MissingCellFacadeTests.FaithfulWithHoles().Sum(r => r.Count(double.IsNaN)), json.GetProperty("missingCells").GetInt32());

        // With its own list, an empty cell is no longer missing: it is an error naming line and column.
        var empty = FaithfulCsv(_ => "");
        var run = CliRun.Of("fit", empty, "-k", "2", "--missing-values", "?");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Contains("line 5, column 1 (eruptions): the cell is empty", run.SingleErrorLine());
    }

    [Fact]
    public void Missing_error_refuses_missing_cells_as_before()
    {
        var run = CliRun.Of("fit", FaithfulCsv(_ => "NA"), "-k", "2", "--missing", "error");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Contains("line 5, column 1 (eruptions): \"NA\" is not a number", run.SingleErrorLine());
    }

    [Fact]
    public void An_unknown_token_is_still_not_a_number_naming_line_and_column()
    {
        var run = CliRun.Of("fit", FaithfulCsv(_ => "missing"), "-k", "2");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Contains("line 5, column 1 (eruptions): \"missing\" is not a number", run.SingleErrorLine());
    }

    [Fact]
    public void A_row_with_every_cell_missing_is_refused_with_its_line()
    {
        var file = _files.Write("empty-row.csv", "a,b\n1,2\n3,4\nNA,\n5,6\n7,9\n");
        var run = CliRun.Of("fit", file, "-k", "1");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Contains("line 4: every cell is missing", run.SingleErrorLine());
    }

    [Fact]
    public void Skip_empty_rows_leaves_them_out_and_says_how_many_and_where()
    {
        var file = _files.Write("empty-rows.csv", "a,b\n1,2\n3,4\nNA,\n5,6\n,nan\n7,9\n2,2\n");
        var complete = _files.Write("without.csv", "a,b\n1,2\n3,4\n5,6\n7,9\n2,2\n");
        var json = CliRun.Of("fit", file, "-k", "1", "--skip-empty-rows", "--format", "json").Json();
        Assert.Equal(5, json.GetProperty("rows").GetInt32());
        Assert.Equal(2, json.GetProperty("skippedRows").GetInt32());
        Assert.Equal(0, json.GetProperty("missingCells").GetInt32());
        var without = CliRun.Of("fit", complete, "-k", "1", "--format", "json").Json();
        Assert.Equal(without.GetProperty("logLikelihood").GetDouble(), json.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(0, without.GetProperty("skippedRows").GetInt32());

        Assert.Contains("Skipped:  2 rows with every cell missing left out (--skip-empty-rows): lines 4, 6", CliRun.Of("fit", file, "-k", "1", "--skip-empty-rows").Stdout);
        Assert.Contains("Skipped:  2 rows", CliRun.Of("trace", file, "-k", "1", "--skip-empty-rows").Stdout);
        Assert.Contains("Skipped:   2 rows", CliRun.Of("select", file, "-k", "1", "--skip-empty-rows").Stdout);
        Assert.Contains("or use --skip-empty-rows", CliRun.Of("fit", file, "-k", "1").SingleErrorLine());
        Assert.Contains("nothing to fit", CliRun.Of("fit", _files.Write("all-empty.csv", "a,b\nNA,\n,\n"), "-k", "1", "--skip-empty-rows").SingleErrorLine());
    }

    [Fact]
    public void A_column_with_every_cell_missing_is_refused()
    {
        var file = _files.Write("empty-column.csv", "a,b\n1,\n3,\n2,NA\n5,\n7,\n");
        var run = CliRun.Of("fit", file, "-k", "1");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Contains("column 2 (b): every cell is missing", run.SingleErrorLine());
    }

    [Fact]
    public void Predict_and_trace_work_on_rows_with_missing_cells()
    {
        var file = FaithfulCsv();
        var model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", file, "-k", "2", "--output", model).ExitCode);
        var predict = CliRun.Of("predict", model, file);
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(273, lines.Length);
        Assert.StartsWith(",62,", lines[4], StringComparison.Ordinal);   // the empty cell is copied as read
        Assert.All(lines.Skip(1), line => Assert.True(double.IsFinite(double.Parse(line.Split(',')[^1], CultureInfo.InvariantCulture))));

        var trace = CliRun.Of("trace", file, "-k", "2", "--init", "kmeans++", "--format", "json");
        Assert.Equal(0, trace.ExitCode);
        Assert.True(trace.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length > 3);
    }

    [Fact]
    public void Impute_fills_the_missing_cells_and_writes_the_observed_ones_as_read()
    {
        var file = _files.Write("holes.csv", "id,eruptions,waiting,note\n" + string.Join("\n",
            File.ReadAllLines(FaithfulCsv()).Skip(1).Select((line, i) => $"r{i},{line},\"a, b\""))+ "\n");
        var model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", file, "-k", "2", "--columns", "eruptions,waiting", "--output", model).ExitCode);
        var run = CliRun.Of("impute", model, file);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var input = File.ReadAllLines(file);
        var output = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(input.Length, output.Length);
        Assert.Equal(input[0], output[0]);
        var rows = MissingCellFacadeTests.FaithfulWithHoles();
        var fitted = FittedModel.Load(model).Model;
        var expected = fitted.Impute(rows);
        for (var i = 0; i < rows.Length; i++)
        {
            var fields = output[i + 1].Split(',');
            Assert.Equal($"r{i}", fields[0]);
            Assert.Equal("\"a, b\"", string.Join(",", fields[3..]));
            var original = input[i + 1].Split(',');
            for (var j = 0; j < 2; j++)
            {
                if (double.IsNaN(rows[i][j])) Assert.Equal(expected[i][j], double.Parse(fields[j + 1], CultureInfo.InvariantCulture));
                else Assert.Equal(original[j + 1], fields[j + 1]);
            }
        }
    }

    [Fact]
    public void Impute_with_draws_writes_that_many_copies_with_a_draw_column_reproducibly()
    {
        var file = FaithfulCsv();
        var model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", file, "-k", "2", "--output", model).ExitCode);
        var first = CliRun.Of("impute", model, file, "--draws", "3", "--seed", "7");
        var again = CliRun.Of("impute", model, file, "--draws", "3", "--seed", "7");
        var other = CliRun.Of("impute", model, file, "--draws", "3", "--seed", "8");
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, again.Stdout);
        Assert.NotEqual(first.Stdout, other.Stdout);
        var lines = first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("eruptions,waiting,draw", lines[0]);
        Assert.Equal(1 + 3 * 272, lines.Length);
        Assert.Equal(["1", "2", "3"], lines.Skip(1).Select(line => line.Split(',')[^1]).Distinct().ToArray());
        Assert.All(lines.Skip(1), line => Assert.DoesNotContain(",,", "," + line + ","));
    }

    [Fact]
    public void Impute_output_may_not_overwrite_its_input()
    {
        var file = FaithfulCsv();
        var model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", file, "-k", "2", "--output", model).ExitCode);
        var before = File.ReadAllText(file);
        var run = CliRun.Of("impute", model, file, "--output", file);
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Equal(before, File.ReadAllText(file));
        var seedAlone = CliRun.Of("impute", model, file, "--seed", "3");
        Assert.NotEqual(0, seedAlone.ExitCode);
    }
}
