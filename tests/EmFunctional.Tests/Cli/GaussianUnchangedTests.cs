using System.Globalization;
using System.Text.Json;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em fit</c> now fits every family through <see cref="FamilyMixture"/>; for the default Gaussian
/// family its JSON must carry exactly the numbers <see cref="GaussianMixture.Fit(double[][], int, GaussianMixtureOptions, double[], CancellationToken)"/>
/// gives, which is what it printed before the other families existed, and keep every field of that
/// report in the same order. The text report of a Gaussian fit does not mention families.
/// </summary>
public sealed class GaussianUnchangedTests
{
    /// <summary>The fields of <c>em fit --format json</c> before <c>--family</c>, in their order.</summary>
    private static readonly string[] EarlierFields =
    [
        "version", "file", "columns", "rows", "components", "covariance", "init", "seed", "tolerance", "maxIterations",
        "regularization", "weights", "means", "covariances", "variances", "logLikelihood", "meanLogLikelihood", "bic", "aic",
        "freeParameters", "iterations", "converged", "stopReason", "bestRestart", "restarts",
    ];

    public static TheoryData<string[], CovarianceType, InitializationMethod, int, long> Runs => new()
    {
        { [], CovarianceType.Full, InitializationMethod.Automatic, 1, 0 },
        { ["--covariance", "diag"], CovarianceType.Diagonal, InitializationMethod.Automatic, 1, 0 },
        { ["--covariance", "spherical"], CovarianceType.Spherical, InitializationMethod.Automatic, 1, 0 },
        { ["--covariance", "tied"], CovarianceType.Tied, InitializationMethod.Automatic, 1, 0 },
        { ["--restarts", "3", "--init", "random-from-data", "--seed", "42"], CovarianceType.Full, InitializationMethod.RandomFromData, 3, 42 },
        { ["--family", "gaussian", "--init", "kmeans", "--seed", "5"], CovarianceType.Full, InitializationMethod.KMeans, 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Gaussian_json_has_the_numbers_of_GaussianMixture_Fit(string[] args, CovarianceType covariance, InitializationMethod init, int restarts, long seed)
    {
        var json = CliRun.Of(["fit", .. args, "--format", "json"]).Json();
        var expected = GaussianMixture.Fit(BundledRows(), 2, new GaussianMixtureOptions
        {
            Covariance = covariance,
            Initialization = init,
            Restarts = restarts,
            Seed = seed,
        });

        Assert.Equal(expected.Weights, Numbers(json.GetProperty("weights")));
        Assert.Equal(expected.Means.Select(mean => mean.ToArray()), json.GetProperty("means").EnumerateArray().Select(Numbers));
        Assert.Equal(expected.Variances.Select(row => row.ToArray()), json.GetProperty("variances").EnumerateArray().Select(Numbers));
        if (expected.IsDiagonal)
            Assert.Equal(JsonValueKind.Null, json.GetProperty("covariances").ValueKind);
        else
            Assert.Equal(
                expected.Covariances.Select(matrix => matrix.Select(row => row.ToArray()).ToArray()),
                json.GetProperty("covariances").EnumerateArray().Select(matrix => matrix.EnumerateArray().Select(Numbers).ToArray()));
        Assert.Equal(expected.LogLikelihood, json.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(expected.MeanLogLikelihood, json.GetProperty("meanLogLikelihood").GetDouble());
        Assert.Equal(expected.Bic(), json.GetProperty("bic").GetDouble());
        Assert.Equal(expected.Aic(), json.GetProperty("aic").GetDouble());
        Assert.Equal(expected.FreeParameters, json.GetProperty("freeParameters").GetInt32());
        Assert.Equal(expected.Iterations, json.GetProperty("iterations").GetInt32());
        Assert.Equal(expected.Converged, json.GetProperty("converged").GetBoolean());
        Assert.Equal(expected.BestRestart, json.GetProperty("bestRestart").GetInt32());
        var jsonRestarts = json.GetProperty("restarts").EnumerateArray().ToArray();
        Assert.Equal(expected.Restarts.Length, jsonRestarts.Length);
        foreach (var (restart, element) in expected.Restarts.Zip(jsonRestarts))
        {
            Assert.Equal(restart.Index, element.GetProperty("index").GetInt32());
            Assert.Equal(restart.Seed, element.GetProperty("seed").GetUInt64());
            Assert.Equal(restart.LogLikelihood, element.GetProperty("logLikelihood").GetDouble());
            Assert.Equal(restart.Iterations, element.GetProperty("iterations").GetInt32());
        }
        Assert.Equal(CliSpellingsOf(covariance), json.GetProperty("covariance").GetString());
        Assert.Equal("gaussian", json.GetProperty("family").GetString());
        Assert.Equal(new[] { "gaussian", "gaussian" }, json.GetProperty("columnFamilies").EnumerateArray().Select(family => family.GetString()));
        Assert.Equal(0.0, json.GetProperty("logPrior").GetDouble());
        Assert.Equal(expected.LogLikelihood, json.GetProperty("logPosterior").GetDouble());
        Assert.False(json.TryGetProperty("labels", out _));

        // The Gaussian group holds the same mean and covariance as the per-column fields.
        foreach (var (component, k) in json.GetProperty("groups").EnumerateArray().Select((component, k) => (component, k)))
        {
            var group = Assert.Single(component.EnumerateArray());
            Assert.Equal("gaussian", group.GetProperty("family").GetString());
            Assert.Equal(expected.Means[k], Numbers(group.GetProperty("mean")));
            if (expected.IsDiagonal)
                Assert.Equal(expected.Variances[k], Numbers(group.GetProperty("variance")));
            else
                Assert.Equal(expected.Covariances[k].Select(row => row.ToArray()), group.GetProperty("covariance").EnumerateArray().Select(Numbers));
        }
    }

    [Fact]
    public void Every_earlier_field_is_still_there_in_the_same_order()
    {
        var names = CliRun.Of("fit", "--format", "json").Json().EnumerateObject().Select(property => property.Name).ToList();

        var positions = EarlierFields.Select(field => names.IndexOf(field)).ToArray();
        Assert.All(positions, position => Assert.True(position >= 0));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Explicit_gaussian_is_the_default_byte_for_byte()
    {
        Assert.Equal(CliRun.Of("fit", "--format", "json").Stdout, CliRun.Of("fit", "--family", "gaussian", "--format", "json").Stdout);
        Assert.Equal(CliRun.Of("fit").Stdout, CliRun.Of("fit", "--family", "gaussian").Stdout);
    }

    [Fact]
    public void Gaussian_text_report_keeps_its_heading_and_does_not_mention_families()
    {
        var text = CliRun.Of("fit").Stdout;

        Assert.StartsWith(
            "Gaussian mixture fitted to faithful.csv (bundled Old Faithful data)\n" +
            "Data:     272 rows, 2 columns (eruptions, waiting)\n" +
            "Model:    2 components, full covariance\n" +
            "Settings: --init search --restarts 1 --seed 0\n" +
            "          --tolerance 1e-8 --max-iterations 1000 --regularization 1e-6\n" +
            "\n" +
            "Weights and means (one row per component)\n",
            text);
        Assert.DoesNotContain("famil", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Log-prior", text);
        Assert.DoesNotContain("Bernoulli", text);
    }

    private static string CliSpellingsOf(CovarianceType covariance) => covariance switch
    {
        CovarianceType.Diagonal => "diag",
        CovarianceType.Spherical => "spherical",
        CovarianceType.Tied => "tied",
        _ => "full",
    };

    /// <summary>The CSV that <c>em fit</c> fits without a file, read from the tool's own resources.</summary>
    private static double[][] BundledRows()
    {
        using var stream = typeof(CliApp).Assembly.GetManifestResourceStream("EmFunctional.Cli.Data.faithful.csv")
            ?? throw new InvalidOperationException("the bundled faithful.csv is missing");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1)
            .Select(line => line.Split(',').Select(cell => double.Parse(cell, CultureInfo.InvariantCulture)).ToArray())];
    }

    private static double[] Numbers(JsonElement array) => [.. array.EnumerateArray().Select(item => item.GetDouble())];
}
