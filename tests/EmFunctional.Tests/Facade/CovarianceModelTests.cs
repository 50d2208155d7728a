using System.Globalization;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Facade;

/// <summary>
/// mclust's fourteen covariance models through the facade and the tool: with the default start every model
/// reaches at least mclust's fit from its own start (tests/data/reference/models), BIC is mclust's with the
/// sign flipped, the names translate both ways, a saved model predicts as the fitted one, and the tool
/// takes and prints mclust's names.
/// </summary>
public sealed class CovarianceModelTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static IEnumerable<string[]> References(string data, int components) =>
        File.ReadAllLines(TestData.ReferencePath("models/fits.csv")).Skip(1).Select(line => line.Split(','))
            .Where(fields => fields[0] == data && fields[1] == components.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("faithful", 3)]
    [InlineData("iris", 3)]
    public void The_default_fit_of_every_model_is_at_least_mclusts_and_its_BIC_is_mclusts(string data, int components)
    {
        var rows = data == "iris" ? FacadeData.Iris : FacadeData.Faithful;
        foreach (var reference in References(data, components))
        {
            var type = CovarianceTypes.FromMclustName(reference[2]) ?? throw new InvalidOperationException(reference[2]);
            var expected = double.Parse(reference[3], CultureInfo.InvariantCulture);
            var model = GaussianMixture.Fit(rows, components, new GaussianMixtureOptions { Covariance = type, Regularization = 0, Tolerance = 1e-10 });
            Assert.True(model.LogLikelihood >= expected - 1e-4 * Math.Abs(expected), $"{data} {reference[2]}: {model.LogLikelihood:R} below mclust's {expected:R}");
            var d = rows[0].Length;
            var parameters = components * d + (components - 1) + ExpectedCovarianceParameters(reference[2], d, components);
            Assert.Equal(parameters, model.FreeParameters);
            Assert.Equal(-2 * model.LogLikelihood + parameters * Math.Log(rows.Length), model.Bic(), 9);
        }
    }

    private static int ExpectedCovarianceParameters(string model, int d, int components) =>
        File.ReadAllLines(TestData.ReferencePath("models/nvarparams.csv")).Skip(1).Select(line => line.Split(','))
            .Where(f => f[0] == model && f[1] == d.ToString(CultureInfo.InvariantCulture) && f[2] == components.ToString(CultureInfo.InvariantCulture))
            .Select(f => int.Parse(f[3], CultureInfo.InvariantCulture)).Single();

    [Fact]
    public void Names_translate_both_ways_and_list_mclusts_order()
    {
        Assert.Equal(["EII", "VII", "EEI", "VEI", "EVI", "VVI", "EEE", "VEE", "EVE", "VVE", "EEV", "VEV", "EVV", "VVV"], CovarianceTypes.All.Select(CovarianceTypes.MclustName));
        Assert.Equal(CovarianceType.Full, CovarianceTypes.FromMclustName("vvv"));
        Assert.Equal(CovarianceType.VEV, CovarianceTypes.FromMclustName("VEV"));
        Assert.Null(CovarianceTypes.FromMclustName("VVX"));
        Assert.True(CovarianceTypes.IsDiagonal(CovarianceType.EVI));
        Assert.False(CovarianceTypes.IsDiagonal(CovarianceType.EVE));
    }

    [Theory]
    [InlineData(CovarianceType.VEV)]
    [InlineData(CovarianceType.EEI)]
    [InlineData(CovarianceType.EII)]
    public void A_saved_model_predicts_as_the_fitted_one(CovarianceType type)
    {
        var rows = FacadeData.Iris;
        var model = GaussianMixture.Fit(rows, 3, new GaussianMixtureOptions { Covariance = type });
        var path = _files.Missing($"{type}.json");
        model.Save(path);
        var loaded = FittedModel.Load(path).Model;
        Assert.Equal(model.ScoreSamples(rows), loaded.ScoreSamples(rows));
        Assert.Equal(model.Bic(), loaded.Bic(), 12);
    }

    [Fact]
    public void Priors_with_a_model_that_has_none_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => FamilyMixture.Fit(FacadeData.Faithful, 2, new FamilyMixtureOptions { Covariance = CovarianceType.VEV, UsePriors = true }));
        Assert.Contains("not VEV", error.Message);
    }

    [Fact]
    public void The_tool_takes_and_prints_mclusts_names()
    {
        var json = CliRun.Of("fit", "-k", "2", "--covariance", "vev", "--format", "json").Json();
        Assert.Equal("VEV", json.GetProperty("covariance").GetString());
        Assert.Equal("full", CliRun.Of("fit", "-k", "2", "--covariance", "VVV", "--format", "json").Json().GetProperty("covariance").GetString());
        Assert.Contains("EEI covariance", CliRun.Of("fit", "-k", "2", "--covariance", "EEI").Stdout);
        var select = CliRun.Of("select", "-k", "1..2", "--covariance", "VEV,EII,tied", "--format", "json").Json();
        Assert.Equal(["VEV", "EII", "tied"], select.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("components").GetInt32() == 1).Select(c => c.GetProperty("covariance").GetString()));
        Assert.Contains("--priors: the conjugate priors cover", CliRun.Of("fit", "--covariance", "EVE", "--priors").SingleErrorLine());
    }
}

/// <summary>em select's text table with many covariance models stays within the report width.</summary>
public class ManyModelTableTests
{
    [Fact]
    public void Fourteen_models_print_as_two_tables_of_at_most_seven_columns()
    {
        var run = CliRun.Of("select", "-k", "1..3", "--covariance", "EII,VII,EEI,VEI,EVI,VVI,EEE,VEE,EVE,VVE,EEV,VEV,EVV,VVV", "--init", "hc");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n');
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| K \| +EII \| +spherical \| +EEI \| +VEI \| +EVI \| +diag \| +tied \|$"));
        Assert.Contains(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^\| K \| +VEE \| +EVE \| +VVE \| +EEV \| +VEV \| +EVV \| +full \|$"));
        Assert.All(lines, line => Assert.True(line.Length <= 100 || line.StartsWith("Best by", StringComparison.Ordinal), $"line too wide: {line}"));
    }
}
