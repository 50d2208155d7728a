using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em fit</c> on good input, run in-process through <c>CliApp.Run</c>: the bundled Old Faithful
/// default, the JSON contract, the text report, every covariance kind, the iteration cap, restarts and
/// reproducibility.
/// </summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Default_run_fits_two_components_to_the_bundled_Old_Faithful_data()
    {
        var json = CliRun.Of("fit", "--format", "json").Json();

        // scikit-learn's GaussianMixture(2) on Old Faithful reaches −1130.26 (mean −4.1554 per row).
        Assert.Equal(-1130.26, json.GetProperty("logLikelihood").GetDouble(), 0.01);
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal("logLikelihoodConverged", json.GetProperty("stopReason").GetString());
        Assert.Equal(2, json.GetProperty("components").GetInt32());
        Assert.Equal(272, json.GetProperty("rows").GetInt32());
        Assert.Equal(new[] { "eruptions", "waiting" }, Columns(json));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("file").ValueKind);
    }

    [Fact]
    public void Json_has_every_documented_field_with_the_defaults_echoed()
    {
        var json = CliRun.Of("fit", "--format", "json").Json();

        string[] mandatory =
        [
            "components", "covariance", "weights", "means", "covariances", "logLikelihood", "meanLogLikelihood", "bic", "aic",
            "iterations", "converged", "stopReason", "restarts", "columns", "rows", "seed", "init", "tolerance", "maxIterations",
            "regularization", "version",
        ];
        foreach (var name in mandatory)
            Assert.True(json.TryGetProperty(name, out _), $"missing \"{name}\"");

        Assert.Equal("full", json.GetProperty("covariance").GetString());
        Assert.Equal("search", json.GetProperty("init").GetString());
        Assert.Equal(0, json.GetProperty("seed").GetInt64());
        Assert.Equal(1e-8, json.GetProperty("tolerance").GetDouble());
        Assert.Equal(1000, json.GetProperty("maxIterations").GetInt32());
        Assert.Equal(1e-6, json.GetProperty("regularization").GetDouble());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("version").GetString()));

        var weights = json.GetProperty("weights").EnumerateArray().Select(weight => weight.GetDouble()).ToArray();
        Assert.Equal(2, weights.Length);
        Assert.Equal(1.0, weights.Sum(), 1e-12);
        Assert.All(json.GetProperty("means").EnumerateArray(), mean => Assert.Equal(2, mean.GetArrayLength()));

        // BIC and AIC in scikit-learn's convention (lower is better): −2 log L + p ln n and −2 log L + 2p,
        // with p = 11 for two full 2×2 components; the mean log-likelihood is the total over n rows.
        var logLikelihood = json.GetProperty("logLikelihood").GetDouble();
        Assert.Equal(-2 * logLikelihood + 11 * Math.Log(272), json.GetProperty("bic").GetDouble(), 1e-9);
        Assert.Equal(-2 * logLikelihood + 2 * 11, json.GetProperty("aic").GetDouble(), 1e-9);
        Assert.Equal(logLikelihood / 272, json.GetProperty("meanLogLikelihood").GetDouble(), 1e-12);
    }

    [Fact]
    public void Json_is_the_only_thing_on_stdout_and_is_culture_independent()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            // A comma-decimal culture must change nothing: numbers in JSON are always invariant.
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var german = CliRun.Of("fit", "--format", "json", "--tolerance", "0.001");
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var invariant = CliRun.Of("fit", "--format", "json", "--tolerance", "0.001");
            Assert.Equal(invariant.Stdout, german.Stdout);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
        var run = CliRun.Of("fit", "--format", "json");
        Assert.StartsWith("{", run.Stdout);
        Assert.EndsWith("}\n", run.Stdout);
        using var document = JsonDocument.Parse(run.Stdout); // throws if there is anything after the object
    }

    [Fact]
    public void Text_report_shows_tables_with_the_column_names_log_likelihood_and_BIC()
    {
        var run = CliRun.Of("fit");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        foreach (var expected in new[]
                 {
                     "Weights and means", "Covariance of component 1", "Covariance of component 2", "Fit",
                     "Weight", "eruptions", "waiting",
                     "Log-likelihood", "-1130.26", "BIC (lower is better)", "2322.19", "AIC", "Iterations", "Converged", "Stop reason",
                 })
            Assert.Contains(expected, run.Stdout);
    }

    [Fact]
    public void Text_report_is_plain_ascii_of_sensible_width_when_redirected()
    {
        var run = CliRun.Of("fit", "--restarts", "2");

        Assert.DoesNotContain('\u001b', run.Stdout); // no ANSI escape sequences
        Assert.All(run.Stdout, character => Assert.True(character < 128, $"non-ASCII character U+{(int)character:X4}"));
        var lines = run.Stdout.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 100, $"line of {line.Length} characters: {line}"));
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
        Assert.Contains("Restarts", run.Stdout);
    }

    [Theory]
    [InlineData("full")]
    [InlineData("diag")]
    [InlineData("spherical")]
    [InlineData("tied")]
    public void Each_covariance_kind_fits_and_reports_what_its_shape_has(string kind)
    {
        var json = CliRun.Of("fit", "--covariance", kind, "--format", "json").Json();

        Assert.Equal(kind, json.GetProperty("covariance").GetString());
        Assert.True(json.GetProperty("converged").GetBoolean());
        var variances = json.GetProperty("variances").EnumerateArray().Select(row => row.EnumerateArray().Select(value => value.GetDouble()).ToArray()).ToArray();
        Assert.Equal(2, variances.Length);
        Assert.All(variances, row => Assert.True(row.Length == 2 && row[0] > 0 && row[1] > 0));
        if (kind is "diag" or "spherical")
        {
            // What the model has: no matrix, only K × D variances (a spherical component's repeated per column).
            Assert.Equal(System.Text.Json.JsonValueKind.Null, json.GetProperty("covariances").ValueKind);
            if (kind == "spherical") Assert.All(variances, row => Assert.Equal(row[0], row[1]));
        }
        else
        {
            var matrices = json.GetProperty("covariances").EnumerateArray()
                .Select(matrix => matrix.EnumerateArray().Select(row => row.EnumerateArray().Select(value => value.GetDouble()).ToArray()).ToArray())
                .ToArray();
            Assert.Equal(2, matrices.Length);
            for (var k = 0; k < 2; k++)
            {
                Assert.All(matrices[k], row => Assert.Equal(2, row.Length));
                Assert.Equal(matrices[k][0][1], matrices[k][1][0]);
                Assert.Equal(variances[k], new[] { matrices[k][0][0], matrices[k][1][1] });
            }
            if (kind == "tied") Assert.Equal(matrices[0], matrices[1]);
        }

        var text = CliRun.Of("fit", "--covariance", kind);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains($"{kind} covariance", text.Stdout);
    }

    [Fact]
    public void Tolerance_zero_runs_exactly_max_iterations_and_reports_not_converged()
    {
        var json = CliRun.Of("fit", "--tolerance", "0", "--max-iterations", "7", "--format", "json").Json();

        Assert.Equal(7, json.GetProperty("iterations").GetInt32());
        Assert.False(json.GetProperty("converged").GetBoolean());
        Assert.Equal("maximumIterations", json.GetProperty("stopReason").GetString());
        Assert.Equal(0.0, json.GetProperty("tolerance").GetDouble());
        Assert.Equal(7, json.GetProperty("maxIterations").GetInt32());

        var text = CliRun.Of("fit", "--tolerance", "0", "--max-iterations", "7");
        Assert.Contains("reached --max-iterations 7", text.Stdout);
    }

    [Fact]
    public void Restarts_are_all_reported_with_seed_log_likelihood_and_iterations()
    {
        var json = CliRun.Of("fit", "--restarts", "3", "--format", "json").Json();

        var restarts = json.GetProperty("restarts").EnumerateArray().ToArray();
        Assert.Equal(3, restarts.Length);
        foreach (var restart in restarts)
        {
            Assert.Equal(JsonValueKind.Number, restart.GetProperty("logLikelihood").ValueKind);
            Assert.True(restart.GetProperty("iterations").GetInt32() >= 1);
            Assert.Equal(JsonValueKind.Number, restart.GetProperty("seed").ValueKind);
            Assert.True(restart.GetProperty("converged").GetBoolean());
            Assert.Equal("logLikelihoodConverged", restart.GetProperty("stopReason").GetString());
            Assert.Equal(JsonValueKind.Null, restart.GetProperty("error").ValueKind);
        }
        Assert.Equal(3, restarts.Select(restart => restart.GetProperty("seed").GetUInt64()).Distinct().Count());
        // The reported model is the best restart.
        var best = restarts.Max(restart => restart.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(best, json.GetProperty("logLikelihood").GetDouble());
    }

    [Fact]
    public void Same_seed_gives_byte_identical_output()
    {
        string[] args = ["fit", "--restarts", "3", "--init", "random-from-data", "--seed", "42", "--format", "json"];
        var first = CliRun.Of(args);
        var second = CliRun.Of(args);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(42, first.Json().GetProperty("seed").GetInt64());
        Assert.Equal(CliRun.Of("fit").Stdout, CliRun.Of("fit").Stdout);
    }

    [Fact]
    public void The_hierarchical_start_is_mclusts_and_its_model_file_says_so()
    {
        // mclust 6.0.0: Mclust(faithful, G = 2, modelNames = "VVV") starts from hc and reaches ℓ = −1130.264.
        var json = CliRun.Of("fit", "-k", "2", "--init", "hc", "--tolerance", "1e-10", "--max-iterations", "1000", "--format", "json").Json();
        Assert.Equal("hc", json.GetProperty("init").GetString());
        Assert.Equal(-1130.264, json.GetProperty("logLikelihood").GetDouble(), 3);

        var model = _files.Missing("hc.json");
        Assert.Equal(0, CliRun.Of("fit", "-k", "2", "--init", "hc", "--output", model).ExitCode);
        Assert.Contains("\"initialization\": \"hierarchical\"", File.ReadAllText(model));
        Assert.Equal(0, CliRun.Of("sample", model, "-n", "3").ExitCode);
    }

    [Fact]
    public void A_csv_file_is_fitted_with_its_column_names()
    {
        var path = _files.Write("people.csv", TwoClusters("height,weight", "\n"));

        var json = CliRun.Of("fit", path, "--components", "2", "--format", "json").Json();
        Assert.Equal(new[] { "height", "weight" }, Columns(json));
        Assert.Equal(40, json.GetProperty("rows").GetInt32());
        Assert.Equal(path, json.GetProperty("file").GetString());
        var means = json.GetProperty("means").EnumerateArray().Select(mean => mean[0].GetDouble()).Order().ToArray();
        Assert.Equal(0.0, means[0], 0.5);
        Assert.Equal(10.0, means[1], 0.5);

        var text = CliRun.Of("fit", path);
        Assert.Contains("| height", text.Stdout);
        Assert.Contains("| weight", text.Stdout);
        Assert.Contains("people.csv", text.Stdout);
    }

    [Fact]
    public void A_utf8_bom_crlf_line_ends_padded_numbers_and_blank_lines_are_tolerated()
    {
        var plain = _files.Write("plain.csv", TwoClusters("height,weight", "\n"));
        var messy = TwoClusters("height,weight", "\r\n").Replace(",", " ,  ") + "\r\n";
        var bom = _files.WriteBytes("messy.csv", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(messy)]);

        var expected = CliRun.Of("fit", plain, "--format", "json").Json();
        var actual = CliRun.Of("fit", bom, "--format", "json").Json();

        Assert.Equal(new[] { "height", "weight" }, Columns(actual));
        Assert.Equal(expected.GetProperty("logLikelihood").GetDouble(), actual.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(expected.GetProperty("rows").GetInt32(), actual.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void Quoted_numbers_are_read_as_numbers()
    {
        var path = _files.Write("quoted.csv", TwoClusters("\"a\",\"b\"", "\n", quoted: true));
        var json = CliRun.Of("fit", path, "--format", "json").Json();
        Assert.Equal(new[] { "a", "b" }, Columns(json));
    }

    [Fact]
    public void Help_documents_an_example_and_the_exit_codes()
    {
        foreach (var args in new[] { new[] { "--help" }, ["fit", "--help"], ["fit", "-h"] })
        {
            var run = CliRun.Of(args);
            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Stderr);
            Assert.Contains("Examples:", run.Stdout);
            Assert.Contains("em fit data.csv", run.Stdout);
            Assert.Contains("Exit codes:", run.Stdout);
            Assert.Contains("2   bad input", run.Stdout);
        }
        var fitHelp = CliRun.Of("fit", "--help").Stdout;
        foreach (var option in new[] { "--components", "--covariance", "--init", "--restarts", "--seed", "--tolerance", "--max-iterations", "--regularization", "--format" })
            Assert.Contains(option, fitHelp);
        Assert.Contains("full|diag|spherical|tied", fitHelp);
    }

    [Fact]
    public void Version_prints_the_informational_version()
    {
        var run = CliRun.Of("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(CliRun.Of("fit", "--format", "json").Json().GetProperty("version").GetString(), run.Stdout.Trim());
    }

    private static string?[] Columns(JsonElement json) => [.. json.GetProperty("columns").EnumerateArray().Select(column => column.GetString())];

    /// <summary>
    /// 40 rows in two well separated clusters around (0, 0) and (10, 10), with a little deterministic
    /// spread so every covariance is well defined.
    /// </summary>
    private static string TwoClusters(string header, string newline, bool quoted = false)
    {
        var q = quoted ? "\"" : "";
        var lines = new List<string> { header };
        for (var i = 0; i < 20; i++)
        {
            var dx = (i % 5 - 2) * 0.3;
            var dy = (i % 7 - 3) * 0.2;
            lines.Add(FormattableString.Invariant($"{q}{0 + dx}{q},{q}{0 + dy}{q}"));
            lines.Add(FormattableString.Invariant($"{q}{10 - dy}{q},{q}{10 + dx}{q}"));
        }
        return string.Join(newline, lines) + newline;
    }
}
