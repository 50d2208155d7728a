using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em fit --family …</c> on small generated tables: each family alone (binary survey → bernoulli,
/// codes → categorical, counts → poisson), <c>--family auto</c> on a mixed table, <c>--labels</c>,
/// <c>--priors</c> and <c>--weight-prior</c>, and the text report of the new families.
/// </summary>
public sealed class FamilyFitTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Auto_picks_gaussian_bernoulli_and_poisson_on_a_mixed_table_and_recovers_the_components()
    {
        var table = GeneratedTable.Mixed();
        var path = _files.Write("mixed.csv", table.Csv);

        var json = CliRun.Of("fit", path, "--family", "auto", "--labels", "--format", "json").Json();

        Assert.Equal("auto", json.GetProperty("family").GetString());
        Assert.Equal(new[] { "gaussian", "bernoulli", "poisson" }, Strings(json.GetProperty("columnFamilies")));
        Assert.Equal("full", json.GetProperty("covariance").GetString());
        Assert.True(json.GetProperty("converged").GetBoolean());
        var agreement = table.Agreement(Labels(json));
        Assert.True(agreement >= 0.95, $"labels agree with the truth on {agreement:P1} of rows");

        // Each component has one group per family, in column order, named by the header.
        var groups = json.GetProperty("groups").EnumerateArray().ToArray();
        Assert.Equal(2, groups.Length);
        foreach (var (component, k) in groups.Select((component, k) => (component, k)))
        {
            var parts = component.EnumerateArray().ToArray();
            Assert.Equal(new[] { "gaussian", "bernoulli", "poisson" }, parts.Select(part => part.GetProperty("family").GetString()));
            Assert.Equal(new[] { "eruptions" }, Strings(parts[0].GetProperty("columns")));
            Assert.Equal(new[] { "smoker" }, Strings(parts[1].GetProperty("columns")));
            Assert.Equal(new[] { "visits" }, Strings(parts[2].GetProperty("columns")));
            // The per-column means are the groups' parameters: μ, p and λ.
            var means = Numbers(json.GetProperty("means")[k]);
            Assert.Equal(parts[0].GetProperty("mean")[0].GetDouble(), means[0]);
            Assert.Equal(parts[1].GetProperty("probabilities")[0].GetDouble(), means[1]);
            Assert.Equal(parts[2].GetProperty("rates")[0].GetDouble(), means[2]);
            Assert.Equal(1, parts[0].GetProperty("covariance").GetArrayLength());
        }
        // The component with the larger Gaussian mean is the one with more smokers and more visits.
        var high = Numbers(json.GetProperty("means")[0])[0] > Numbers(json.GetProperty("means")[1])[0] ? 0 : 1;
        var highMeans = Numbers(json.GetProperty("means")[high]);
        var lowMeans = Numbers(json.GetProperty("means")[1 - high]);
        Assert.Equal(4.0, highMeans[0], 0.3);
        Assert.Equal(0.0, lowMeans[0], 0.3);
        Assert.Equal(0.85, highMeans[1], 0.1);
        Assert.Equal(0.15, lowMeans[1], 0.1);
        Assert.Equal(7.0, highMeans[2], 1.0);
        Assert.Equal(1.5, lowMeans[2], 0.5);
    }

    [Fact]
    public void Auto_prints_what_it_picked_and_a_table_per_family()
    {
        var path = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);

        var run = CliRun.Of("fit", path, "--family", "auto");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stderr);
        foreach (var expected in new[]
                 {
                     "Mixture of Gaussian, Bernoulli and Poisson columns fitted to",
                     "Column families: eruptions -> gaussian, smoker -> bernoulli, visits -> poisson",
                     "(picked by --family auto)",
                     "Model:    2 components, full covariance of the Gaussian columns",
                     "Settings: --family auto --init search",
                     "Weights and means of the Gaussian columns (one row per component)",
                     "Covariance of component 1",
                     "Bernoulli probabilities P(x = 1) (one row per component)",
                     "Poisson rates (expected counts; one row per component)",
                     "Log-likelihood", "BIC (lower is better)",
                 })
            Assert.Contains(expected, run.Stdout);
        Assert.DoesNotContain("Log-prior", run.Stdout);
        AssertPlainAsciiOfSensibleWidth(run.Stdout);
    }

    [Fact]
    public void Bernoulli_fits_a_binary_survey()
    {
        var table = GeneratedTable.Survey();
        var path = _files.Write("survey.csv", table.Csv);

        var json = CliRun.Of("fit", path, "--family", "bernoulli", "--labels", "--format", "json").Json();

        Assert.Equal("bernoulli", json.GetProperty("family").GetString());
        Assert.Equal(Enumerable.Repeat("bernoulli", 6), Strings(json.GetProperty("columnFamilies")));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("covariance").ValueKind);
        // K − 1 weights and one probability per question and component.
        Assert.Equal(1 + 2 * 6, json.GetProperty("freeParameters").GetInt32());
        var probabilities = json.GetProperty("groups").EnumerateArray()
            .Select(component => Assert.Single(component.EnumerateArray()))
            .Select(part =>
            {
                Assert.Equal("bernoulli", part.GetProperty("family").GetString());
                Assert.Equal(Enumerable.Range(1, 6).Select(q => $"q{q}"), Strings(part.GetProperty("columns")));
                return Numbers(part.GetProperty("probabilities"));
            })
            .OrderBy(p => p.Average())
            .ToArray();
        Assert.All(probabilities[0], p => Assert.Equal(0.2, p, 0.12));
        Assert.All(probabilities[1], p => Assert.Equal(0.8, p, 0.12));
        Assert.True(table.Agreement(Labels(json)) >= 0.9);

        var text = CliRun.Of("fit", path, "--family", "bernoulli");
        Assert.Contains("Bernoulli mixture fitted to", text.Stdout);
        Assert.Contains("Column families: all 6 columns bernoulli (--family bernoulli)", text.Stdout);
        Assert.Contains("Weights (one row per component)", text.Stdout);
        Assert.Contains("Bernoulli probabilities P(x = 1) (one row per component)", text.Stdout);
        Assert.DoesNotContain("Covariance", text.Stdout);
    }

    [Fact]
    public void Categorical_fits_codes_with_a_probability_per_code_and_column()
    {
        var table = GeneratedTable.Codes();
        var path = _files.Write("codes.csv", table.Csv);

        var json = CliRun.Of("fit", path, "--family", "categorical", "--labels", "--format", "json").Json();

        Assert.Equal("categorical", json.GetProperty("family").GetString());
        Assert.Equal(new[] { "categorical", "categorical" }, Strings(json.GetProperty("columnFamilies")));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("covariance").ValueKind);
        foreach (var component in json.GetProperty("groups").EnumerateArray())
        {
            var part = Assert.Single(component.EnumerateArray());
            Assert.Equal("categorical", part.GetProperty("family").GetString());
            Assert.Equal(new[] { "colour", "size" }, Strings(part.GetProperty("columns")));
            // An array per column of an array per code (codes 0 … largest code seen).
            var perColumn = part.GetProperty("probabilities").EnumerateArray().Select(Numbers).ToArray();
            Assert.Equal(new[] { 4, 3 }, perColumn.Select(p => p.Length));
            Assert.All(perColumn, p => Assert.Equal(1.0, p.Sum(), 1e-9));
        }
        Assert.True(table.Agreement(Labels(json)) >= 0.85);

        var text = CliRun.Of("fit", path, "--family", "categorical");
        Assert.Contains("Categorical mixture fitted to", text.Stdout);
        Assert.Contains("Categorical probabilities of colour: P(x = code) (one row per component)", text.Stdout);
        Assert.Contains("Categorical probabilities of size: P(x = code) (one row per component)", text.Stdout);
    }

    [Fact]
    public void Poisson_fits_counts_with_a_rate_per_column_and_component()
    {
        var table = GeneratedTable.Counts();
        var path = _files.Write("counts.csv", table.Csv);

        var json = CliRun.Of("fit", path, "--family", "poisson", "--labels", "--format", "json").Json();

        Assert.Equal("poisson", json.GetProperty("family").GetString());
        Assert.Equal(new[] { "poisson", "poisson" }, Strings(json.GetProperty("columnFamilies")));
        var rates = json.GetProperty("groups").EnumerateArray()
            .Select(component => Assert.Single(component.EnumerateArray()))
            .Select(part => Numbers(part.GetProperty("rates")))
            .OrderBy(r => r[0])
            .ToArray();
        Assert.Equal(2.0, rates[0][0], 0.6);
        Assert.Equal(1.0, rates[0][1], 0.6);
        Assert.Equal(9.0, rates[1][0], 1.0);
        Assert.Equal(6.0, rates[1][1], 1.0);
        // Var[x] of a Poisson column is its rate; columns are independent within a component, so there is no matrix.
        Assert.Equal(JsonValueKind.Null, json.GetProperty("covariances").ValueKind);
        foreach (var k in new[] { 0, 1 })
        {
            var means = Numbers(json.GetProperty("means")[k]);
            Assert.Equal(means, Numbers(json.GetProperty("variances")[k]));
        }
        Assert.True(table.Agreement(Labels(json)) >= 0.95);

        var text = CliRun.Of("fit", path, "--family", "poisson");
        Assert.Contains("Poisson mixture fitted to", text.Stdout);
        Assert.Contains("Poisson rates (expected counts; one row per component)", text.Stdout);
    }

    [Fact]
    public void Auto_on_a_table_of_fractions_is_the_gaussian_fit_and_says_so()
    {
        // Two clusters of values that all have a fractional part.
        var rows = Enumerable.Range(0, 60).Select(i => FormattableString.Invariant($"{(i % 2) * 5 + (i * 7 % 11) / 10.0 + 0.05},{(i % 2) * 4 + (i * 5 % 13) / 10.0 + 0.05}"));
        var path = _files.Write("fractions.csv", "x,y\n" + string.Join("\n", rows) + "\n");

        var auto = CliRun.Of("fit", path, "--family", "auto", "--format", "json").Json();
        var gaussian = CliRun.Of("fit", path, "--format", "json").Json();

        Assert.Equal(new[] { "gaussian", "gaussian" }, Strings(auto.GetProperty("columnFamilies")));
        Assert.Equal(gaussian.GetProperty("logLikelihood").GetDouble(), auto.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(Numbers(gaussian.GetProperty("weights")), Numbers(auto.GetProperty("weights")));
        Assert.Contains("(picked by --family auto)", CliRun.Of("fit", path, "--family", "auto").Stdout);
    }

    [Fact]
    public void Auto_takes_whole_numbers_for_counts_as_documented()
    {
        // Old Faithful's waiting times are whole minutes: by the rule they are counts. Measurements
        // recorded as integers need --family gaussian.
        var json = CliRun.Of("fit", "--family", "auto", "--format", "json").Json();

        Assert.Equal(new[] { "gaussian", "poisson" }, Strings(json.GetProperty("columnFamilies")));
        Assert.Contains("Column families: eruptions -> gaussian, waiting -> poisson (picked by --family auto)", CliRun.Of("fit", "--family", "auto").Stdout);
    }

    [Theory]
    [InlineData("gaussian")]
    [InlineData("auto")]
    [InlineData("bernoulli")]
    public void Labels_give_the_most_probable_component_of_every_row_in_file_order(string family)
    {
        // Rows alternate between the classes, so in file order the labels must alternate too.
        var table = family == "bernoulli" ? GeneratedTable.Survey(rows: 200, questions: 12) : GeneratedTable.Counts(rows: 200);
        var path = _files.Write("alternating.csv", table.Csv);

        var json = CliRun.Of("fit", path, "--family", family, "--labels", "--format", "json").Json();

        var labels = Labels(json);
        Assert.Equal(200, labels.Length);
        Assert.All(labels, label => Assert.InRange(label, 0, 1));
        Assert.True(table.Agreement(labels) >= 0.9, $"agreement {table.Agreement(labels):P1}");
        var withoutLabels = CliRun.Of("fit", path, "--family", family, "--format", "json").Json();
        Assert.False(withoutLabels.TryGetProperty("labels", out _));
        Assert.Equal(withoutLabels.GetProperty("logLikelihood").GetDouble(), json.GetProperty("logLikelihood").GetDouble());
    }

    [Fact]
    public void Labels_in_text_count_the_rows_of_each_component()
    {
        var path = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);
        var labels = Labels(CliRun.Of("fit", path, "--family", "auto", "--labels", "--format", "json").Json());

        var text = CliRun.Of("fit", path, "--family", "auto", "--labels").Stdout;

        Assert.Contains("Rows by most probable component (--labels)", text);
        foreach (var k in new[] { 0, 1 })
            Assert.Matches($@"\|\s+{k + 1} \|\s+{labels.Count(label => label == k)} \|", text);
        Assert.DoesNotContain("Rows by most probable component", CliRun.Of("fit", path, "--family", "auto").Stdout);
    }

    [Theory]
    [InlineData("gaussian", "--priors")]
    [InlineData("auto", "--priors")]
    [InlineData("bernoulli", "--priors")]
    [InlineData("categorical", "--priors")]
    [InlineData("poisson", "--priors")]
    [InlineData("auto", "--weight-prior")]
    public void Priors_give_a_finite_non_zero_log_prior_and_the_log_posterior(string family, string prior)
    {
        var csv = family switch
        {
            "bernoulli" => GeneratedTable.Survey().Csv,
            "categorical" => GeneratedTable.Codes().Csv,
            "poisson" => GeneratedTable.Counts().Csv,
            _ => GeneratedTable.Mixed().Csv,
        };
        var path = _files.Write("data.csv", csv);
        string[] priorArgs = prior == "--priors" ? ["--priors"] : ["--weight-prior", "3"];

        var json = CliRun.Of(["fit", path, "--family", family, .. priorArgs, "--format", "json"]).Json();

        var logPrior = json.GetProperty("logPrior").GetDouble();
        Assert.True(double.IsFinite(logPrior) && logPrior != 0, $"logPrior {logPrior}");
        Assert.Equal(json.GetProperty("logLikelihood").GetDouble() + logPrior, json.GetProperty("logPosterior").GetDouble(), 1e-9);
        Assert.Equal(prior == "--priors", json.GetProperty("priors").GetBoolean());
        if (prior == "--priors")
            Assert.Equal(JsonValueKind.Null, json.GetProperty("weightPrior").ValueKind);
        else
            Assert.Equal(3.0, json.GetProperty("weightPrior").GetDouble());

        var maximumLikelihood = CliRun.Of("fit", path, "--family", family, "--format", "json").Json();
        Assert.Equal(0.0, maximumLikelihood.GetProperty("logPrior").GetDouble());
        Assert.Equal(maximumLikelihood.GetProperty("logLikelihood").GetDouble(), maximumLikelihood.GetProperty("logPosterior").GetDouble());

        var text = CliRun.Of(["fit", path, "--family", family, .. priorArgs]).Stdout;
        Assert.Contains("Log-prior", text);
        Assert.Contains("Log-posterior (maximized)", text);
        Assert.Contains(prior == "--priors" ? "          --priors" : "          --weight-prior 3", text);
    }

    [Fact]
    public void A_weight_prior_pulls_the_weights_towards_equal()
    {
        var path = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);

        double Smallest(params string[] extra) =>
            Numbers(CliRun.Of(["fit", path, "--family", "auto", .. extra, "--format", "json"]).Json().GetProperty("weights")).Min();

        Assert.True(Smallest("--weight-prior", "50") > Smallest());
        Assert.Equal(Smallest(), Smallest("--weight-prior", "1"), 1e-9);
    }

    [Fact]
    public void Many_columns_are_printed_one_row_per_column_to_stay_within_the_width()
    {
        var path = _files.Write("survey.csv", GeneratedTable.Survey(questions: 12).Csv);

        var text = CliRun.Of("fit", path, "--family", "bernoulli").Stdout;

        Assert.Contains("Bernoulli probabilities P(x = 1) (one row per column, one column per component)", text);
        Assert.Matches(@"\|\s*Column\s*\|\s*Component 1\s*\|\s*Component 2\s*\|", text);
        Assert.Matches(@"\| q12\s+\|", text);
        AssertPlainAsciiOfSensibleWidth(text);
    }

    [Fact]
    public void Same_seed_gives_byte_identical_output_for_every_family()
    {
        var path = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);
        string[] args = ["fit", path, "--family", "auto", "--restarts", "3", "--seed", "9", "--labels", "--priors", "--format", "json"];

        Assert.Equal(CliRun.Of(args).Stdout, CliRun.Of(args).Stdout);
    }

    private static void AssertPlainAsciiOfSensibleWidth(string text)
    {
        Assert.All(text, character => Assert.True(character < 128, $"non-ASCII character U+{(int)character:X4}"));
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= 100, $"line of {line.Length} characters: {line}"));
    }

    private static string?[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetString())];

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetDouble())];

    private static int[] Labels(JsonElement json) => [.. json.GetProperty("labels").EnumerateArray().Select(item => item.GetInt32())];
}
