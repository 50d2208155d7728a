using System.Text.Json;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Selection;

/// <summary>
/// <c>em select</c> end to end through <c>CliApp.Run</c>: the JSON contract (one object, <c>cells</c> and
/// <c>best</c>, exactly the documented fields), the text table (rows K, columns covariance types, the winner
/// marked, failed cells and their reasons, the winner's line), the default grid, failed cells, criteria and
/// reproducibility.
/// </summary>
public sealed class SelectCommandTests : IDisposable
{
    private static readonly string[] CellFields = ["components", "covariance", "logLikelihood", "bic", "aic", "icl", "status", "message", "seed"];

    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>30 rows on three distinct points: K ≥ 4 cannot be fitted.</summary>
    private string ThreeDistinctRows() =>
        _files.Write("three.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i % 3},{(i % 3 == 1 ? 2 : 0)}\n")));

    [Fact]
    public void Json_is_one_object_with_cells_and_best_and_exactly_the_documented_fields()
    {
        var json = CliRun.Of("select", "--components", "1..4", "--format", "json").Json();

        Assert.Equal(["cells", "best"], json.EnumerateObject().Select(property => property.Name));
        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        // The default grid is mclust's: fourteen models, named as mclust names them, in mclust's order.
        string[] models = ["EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV", "VVV"];
        Assert.Equal(4 * models.Length, cells.Length);
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            Assert.Equal(CellFields, cell.EnumerateObject().Select(property => property.Name));
            Assert.Equal(i / models.Length + 1, cell.GetProperty("components").GetInt32());
            Assert.Equal(models[i % models.Length], cell.GetProperty("covariance").GetString());
            Assert.Equal("ok", cell.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, cell.GetProperty("message").ValueKind);
            var (logLikelihood, bic, aic, icl) = (Number(cell, "logLikelihood"), Number(cell, "bic"), Number(cell, "aic"), Number(cell, "icl"));
            // Lower is better, as in em fit: BIC = −2 log L + p ln n, AIC = −2 log L + 2p, and ICL ≥ BIC.
            var parameters = (aic + 2 * logLikelihood) / 2;
            Assert.Equal(Math.Round(parameters), parameters, 1e-9);
            Assert.Equal(-2 * logLikelihood + parameters * Math.Log(272), bic, 1e-9);
            Assert.True(icl >= bic, $"cell {i}: ICL {icl} < BIC {bic}");
        }

        var best = json.GetProperty("best");
        Assert.Equal(["components", "covariance", "bic", "logLikelihood", "criterion", "initialization", "seed"], best.EnumerateObject().Select(property => property.Name));
        Assert.Equal("bic", best.GetProperty("criterion").GetString());
        // 272 rows: every cell starts from mclust's hierarchical tree.
        Assert.Equal("hc", best.GetProperty("initialization").GetString());
        var winner = cells.Single(cell => cell.GetProperty("components").GetInt32() == best.GetProperty("components").GetInt32()
            && cell.GetProperty("covariance").GetString() == best.GetProperty("covariance").GetString());
        Assert.Equal(cells.Min(cell => Number(cell, "bic")), Number(winner, "bic"));
        Assert.Equal(Number(winner, "bic"), Number(best, "bic"));
        Assert.Equal(Number(winner, "logLikelihood"), Number(best, "logLikelihood"));
    }

    [Theory]
    [InlineData("aic", "aic")]
    [InlineData("icl", "icl")]
    [InlineData("BIC", "bic")]
    public void The_criterion_picks_the_best_cell_and_is_echoed(string option, string field)
    {
        var json = CliRun.Of("select", "--components", "1..3", "--covariance", "full,tied", "--criterion", option, "--format", "json").Json();

        var best = json.GetProperty("best");
        Assert.Equal(field, best.GetProperty("criterion").GetString());
        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        var winner = cells.Single(cell => cell.GetProperty("components").GetInt32() == best.GetProperty("components").GetInt32()
            && cell.GetProperty("covariance").GetString() == best.GetProperty("covariance").GetString());
        Assert.Equal(cells.Min(cell => Number(cell, field)), Number(winner, field));
        Assert.Equal(["VVV", "EEE"], cells.Take(2).Select(cell => cell.GetProperty("covariance").GetString()));
    }

    [Fact]
    public void Failed_cells_are_in_the_json_with_null_numbers_and_their_reason()
    {
        var path = ThreeDistinctRows();
        var json = CliRun.Of("select", path, "--components", "1..5", "--covariance", "spherical", "--regularization", "0.001", "--format", "json").Json();

        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(5, cells.Length);
        foreach (var cell in cells.Where(cell => cell.GetProperty("components").GetInt32() >= 4))
        {
            Assert.Equal("failed", cell.GetProperty("status").GetString());
            foreach (var field in new[] { "logLikelihood", "bic", "aic", "icl" })
                Assert.Equal(JsonValueKind.Null, cell.GetProperty(field).ValueKind);
            Assert.Contains("only 3 distinct rows", cell.GetProperty("message").GetString());
        }
        Assert.True(json.GetProperty("best").GetProperty("components").GetInt32() <= 3);
    }

    [Fact]
    public void The_default_grid_is_1_to_9_capped_at_the_number_of_distinct_rows()
    {
        var capped = CliRun.Of("select", ThreeDistinctRows(), "--covariance", "spherical", "--regularization", "0.001", "--format", "json").Json();
        var faithful = CliRun.Of("select", "--covariance", "tied", "--format", "json").Json();

        Assert.Equal([1, 2, 3], capped.GetProperty("cells").EnumerateArray().Select(cell => cell.GetProperty("components").GetInt32()));
        Assert.Equal(Enumerable.Range(1, 9), faithful.GetProperty("cells").EnumerateArray().Select(cell => cell.GetProperty("components").GetInt32()));
    }

    [Theory]
    [InlineData("2,3,5", new[] { 2, 3, 5 })]
    [InlineData("5,2,3", new[] { 2, 3, 5 })]
    [InlineData("1..3,6", new[] { 1, 2, 3, 6 })]
    [InlineData("4", new[] { 4 })]
    [InlineData(" 2 .. 3 ", new[] { 2, 3 })]
    public void Component_lists_and_ranges_are_accepted(string option, int[] expected)
    {
        var json = CliRun.Of("select", "--components", option, "--covariance", "diag", "--format", "json").Json();

        Assert.Equal(expected, json.GetProperty("cells").EnumerateArray().Select(cell => cell.GetProperty("components").GetInt32()));
    }

    [Fact]
    public void The_text_report_is_a_table_of_the_criterion_with_the_winner_marked_and_named()
    {
        var run = CliRun.Of("select");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split('\n');
        Assert.StartsWith("Model selection on faithful.csv (bundled Old Faithful data)", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("Criterion: BIC = -2 log L + p ln(n); lower is better", StringComparison.Ordinal));
        // Columns are as wide as their widest cell (a near-singular mark widens one).
        Assert.Contains(lines, line => line.StartsWith("Grid:      K = 1..9 x covariance all (mclust's 14 models) (126 cells, 1 restart each)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Settings:  --init hc --restarts 1 --seed 0", StringComparison.Ordinal));
        // Fourteen models as two tables of seven, each column named as mclust names it.
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| K \| +EII \| +VII \| +EEI \| +VEI \| +EVI \| +VVI \| +EEE \|$"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| K \| +VEE \| +EVE \| +VVE \| +EEV \| +VEV \| +EVV \| +VVV \|$"));
        var rows = lines.Where(line => line.StartsWith("| ", StringComparison.Ordinal) && char.IsDigit(line.TrimStart('|', ' ')[0])).ToArray();
        Assert.Equal(18, rows.Length - 3);
        Assert.Equal(Enumerable.Range(1, 9).Select(k => $"| {k} |"), rows.Take(9).Select(line => line[..5]));
        // Exactly one cell is marked, and it is the one the last line names (mclust: EEE with G = 3).
        Assert.Single(rows.Take(18), line => line.Contains('*'));
        Assert.Contains("*", rows[2].Split('|')[8]);
        Assert.Contains(lines, line => line.StartsWith("Top 3 by BIC", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("Failed cells", StringComparison.Ordinal));
        Assert.StartsWith("Best by BIC: 3 components, EEE covariance (BIC 2314.", lines[^2]);
        Assert.Equal("", lines[^1]);
        Assert.All(lines, line => Assert.True(line.Length <= 100 || line.StartsWith("Best by", StringComparison.Ordinal), $"line too wide: {line}"));
    }

    [Fact]
    public void Failed_cells_show_as_failed_in_the_table_with_their_reasons_below()
    {
        var run = CliRun.Of("select", ThreeDistinctRows(), "--components", "1..5", "--covariance", "spherical,diag", "--regularization", "0.001");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("| 4 |", StringComparison.Ordinal) && line.Split('|').Skip(2).Take(2).All(cell => cell.Trim() == "failed"));
        Assert.Contains(lines, line => line.StartsWith("Failed cells (4 of 10)", StringComparison.Ordinal));
        // Reasons line up in a column after the cell names, and wrap under themselves.
        Assert.Contains(lines, line => line.StartsWith("  K=5, VVI: the data has only 3 distinct rows", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("            for; use at most 3 components", StringComparison.Ordinal));
        // K = 2 and 3 put a component on one of the three points: spikes, so the regular K = 1 wins.
        Assert.StartsWith("Best by BIC: 1 component, VII covariance", lines[^2]);
    }

    [Fact]
    public void Near_singular_cells_are_marked_and_explained_in_the_notes()
    {
        var rows = string.Concat(Enumerable.Repeat("0,0\n", 30)) + string.Concat(Enumerable.Range(0, 120).Select(i => $"{10 + i % 11 * 0.3},{10 + i % 7 * 0.4 + i * 0.001}\n"));
        var path = _files.Write("spike.csv", "a,b\n" + rows);
        var run = CliRun.Of("select", path, "--components", "1,2", "--covariance", "full");
        var json = CliRun.Of("select", path, "--components", "1,2", "--covariance", "full", "--format", "json").Json();
        var alone = CliRun.Of("select", path, "--components", "2", "--covariance", "full");

        Assert.Equal(0, run.ExitCode);
        // The spike has the lower BIC but is not a regular fit (mclust reports none): the regular cell wins.
        Assert.Matches(@"\| 2 \| +!\d", run.Stdout);
        Assert.Matches(@"\| 1 \| +\*\d", run.Stdout);
        Assert.Contains("! near-singular (see the notes)", run.Stdout);
        Assert.Contains("  K=2, VVV: near-singular: component", run.Stdout);
        Assert.StartsWith("Best by BIC: 1 component, VVV covariance", run.Stdout.Split('\n')[^2]);
        Assert.Equal(["ok", "singular"], json.GetProperty("cells").EnumerateArray().Select(cell => cell.GetProperty("status").GetString()));
        Assert.Equal(1, json.GetProperty("best").GetProperty("components").GetInt32());
        // When no cell is regular, the spike is the best there is, and the winner's line says what it is.
        Assert.Contains("| 2 | *!", alone.Stdout);
        Assert.Contains("; near-singular, see the notes)", alone.Stdout.Split('\n')[^2]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_output_and_the_criterion_changes_the_table()
    {
        var first = CliRun.Of("select", "--components", "1..3", "--seed", "9");
        var second = CliRun.Of("select", "--components", "1..3", "--seed", "9");
        var icl = CliRun.Of("select", "--components", "1..3", "--seed", "9", "--criterion", "icl");

        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("ICL by number of components K", icl.Stdout);
        Assert.StartsWith("Best by ICL: ", icl.Stdout.Split('\n')[^2]);
    }

    [Fact]
    public void Iris_gives_a_table_a_statistician_recognises()
    {
        var run = CliRun.Of("select", TestData.DataPath("iris.csv"), "--components", "1..6");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, line => line.StartsWith("Data:      150 rows, 4 columns (Sepal.Length, Sepal.Width, Petal.Length, Petal.Width)", StringComparison.Ordinal));
        // mclust's Mclust(iris): VEV with G = 2, BIC −561.7285 in its convention; VVV with G = 2 is −574.0178.
        Assert.Contains(lines, line => line.StartsWith("| 2 |", StringComparison.Ordinal) && line.Contains("*561.73 |") && line.EndsWith("| 574.02 |", StringComparison.Ordinal));
        Assert.StartsWith("Best by BIC: 2 components, VEV covariance (BIC 561.72", lines[^2]);
    }

    [Fact]
    public void Help_lists_the_grid_options()
    {
        var run = CliRun.Of("select", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--components", "--covariance", "--criterion", "--restarts", "--seed", "--tolerance", "--max-iterations", "--regularization", "--init", "--format" })
            Assert.Contains(option, run.Stdout);
        Assert.Contains("select", CliRun.Of("--help").Stdout);
    }

    private static double Number(JsonElement cell, string name) => cell.GetProperty(name).GetDouble();
}
