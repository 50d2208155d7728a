namespace EmFunctional.Tests.Cli;

/// <summary>
/// Tables too wide for the K × D × D covariance numbers a model holds are refused before the fit, naming
/// the width (they used to end after minutes in an overflow, an out-of-memory or an index error).
/// </summary>
public sealed class WideDataTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[][] Wide(int rows, int columns) =>
        [.. Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Select(j => (i * 31 + j * 7) % 11 * 0.1).ToArray())];

    [Theory]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Full)]
    public void The_facade_refuses_more_covariance_numbers_than_an_array_holds(CovarianceType covariance)
    {
        var error = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(Wide(3, 50_000), 1, new GaussianMixtureOptions { Covariance = covariance }));
        Assert.StartsWith("the data has 50000 columns, and 1 component of 50000 × 50000 covariance numbers need 18.6 GiB", error.Message);
        Assert.Equal("data", error.ParamName);
        double[][] counts = [.. Wide(3, 50_000).Select(row => row.Select(v => Math.Round(v * 10)).ToArray())];
        var poisson = Assert.Throws<ArgumentException>(() => FamilyMixture.Fit(counts, 1, new FamilyMixtureOptions { Family = FamilyChoice.Poisson }));
        Assert.StartsWith("the data has 50000 columns", poisson.Message);
    }

    [Fact]
    public void Em_fit_refuses_a_table_whose_report_could_not_hold_its_covariances()
    {
        var wide = Wide(3, 20_000);
        var path = _files.Write("wide.csv", string.Join(",", Enumerable.Range(0, 20_000).Select(j => $"c{j}")) + "\n"
            + string.Concat(wide.Select(row => string.Join(",", row.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n")));
        var line = CliRun.Of("fit", path, "-k", "1", "--covariance", "diag", "--format", "json").SingleErrorLine();
        Assert.Equal($"em: {path}: 20000 columns and --components 1 make 400000000 covariance numbers (1 × 20000 × 20000), more than the 42949672 a report or model file can hold (both give a full matrix per component, even for diag and spherical models); use fewer columns (--columns) or fewer components", line);
    }
}
