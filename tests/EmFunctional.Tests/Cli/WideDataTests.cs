using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Wide tables: a diagonal or spherical model (and any family other than the Gaussian) holds K × D
/// numbers, never D × D, so it fits, reports and saves tables of 10^5 columns; full and tied models,
/// which hold K matrices of D × D, are refused before the fit, naming the width and the way out (they
/// used to end after minutes in an overflow, an out-of-memory or an index error).
/// </summary>
public sealed class WideDataTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static double[][] Wide(int rows, int columns) =>
        [.. Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Select(j => (i * 31 + j * 7) % 11 * 0.1).ToArray())];

    private string WideCsv(int rows, int columns) => _files.Write($"wide-{columns}.csv", string.Join(",", Enumerable.Range(0, columns).Select(j => $"c{j}")) + "\n"
        + string.Concat(Wide(rows, columns).Select(row => string.Join(",", row.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n")));

    [Fact]
    public void The_facade_refuses_full_matrices_that_memory_cannot_hold_and_suggests_diag()
    {
        var error = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(Wide(3, 50_000), 1, new GaussianMixtureOptions { Covariance = CovarianceType.Full }));
        Assert.StartsWith("the data has 50000 Gaussian columns, and 1 full component of 50000 × 50000 covariance numbers need 18.6 GiB", error.Message);
        Assert.Contains("use fewer columns or a diagonal covariance", error.Message);
        Assert.Equal("data", error.ParamName);
    }

    [Theory]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void A_diagonal_model_of_fifty_thousand_columns_fits_with_its_variances(CovarianceType covariance)
    {
        var data = Wide(3, 50_000);
        var model = GaussianMixture.Fit(data, 1, new GaussianMixtureOptions { Covariance = covariance });

        Assert.Equal(50_000, model.Variances[0].Length);
        Assert.True(model.IsDiagonal);
        Assert.All(model.Variances[0], variance => Assert.True(variance > 0));
        Assert.True(double.IsFinite(model.LogLikelihood));
    }

    [Fact]
    public void Poisson_columns_hold_no_matrix_either()
    {
        double[][] counts = [.. Wide(3, 50_000).Select(row => row.Select(v => Math.Round(v * 10)).ToArray())];
        var model = FamilyMixture.Fit(counts, 1, new FamilyMixtureOptions { Family = FamilyChoice.Poisson });

        Assert.True(model.IsDiagonal);
        Assert.Equal(model.Means[0].ToArray(), model.Variances[0].ToArray());
    }

    [Fact]
    public void Em_fit_of_a_hundred_thousand_columns_diag_reports_and_saves_the_variances()
    {
        var path = WideCsv(3, 100_000);
        var model = Path.Combine(Path.GetDirectoryName(path)!, "wide.json");
        var run = CliRun.Of("fit", path, "-k", "1", "--covariance", "diag", "--format", "json", "--output", model);

        var json = run.Json();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("covariances").ValueKind);
        Assert.Equal(100_000, json.GetProperty("variances")[0].GetArrayLength());
        var loaded = FittedModel.Load(model).Model;
        Assert.Equal(100_000, loaded.Variances[0].Length);
        // 10^5 variances, not 10^10 matrix entries: a few megabytes.
        Assert.InRange(new FileInfo(model).Length, 1_000_000, 20_000_000);

        var text = CliRun.Of("fit", path, "-k", "1", "--covariance", "diag");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Variances (diag: covariances are diagonal; one row per column, one column per component)", text.Stdout);
    }

    [Fact]
    public void Em_fit_refuses_full_matrices_a_report_could_not_hold_and_suggests_diag()
    {
        var path = WideCsv(3, 20_000);
        var line = CliRun.Of("fit", path, "-k", "1", "--covariance", "full", "--format", "json").SingleErrorLine();
        Assert.Equal($"em: {path}: 20000 Gaussian columns and --components 1 make 400000000 covariance numbers (1 × 20000 × 20000), more than the 42949672 a report or model file can hold; use --covariance diag (or spherical), fewer columns (--columns) or fewer components", line);
    }
}
