using System.Globalization;
using System.Text;
using System.Text.Json;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Reliability;

/// <summary>
/// Hostile data through the facade and the CLI, with default options: each case ends in a valid fit with
/// finite numbers everywhere, or in a clear error (an <see cref="ArgumentException"/> naming the problem; one
/// line and exit code 2 from <c>em fit</c>) — never NaN, ±Infinity or a hang. The rows of
/// docs/reliability.md point here.
/// </summary>
public sealed class HostileDataTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A named data set, the K to fit and, for a refusal, words the error must contain (null: it must fit).</summary>
    public sealed record HostileCase(string Name, double[][] Rows, int Components, string? Refusal)
    {
        public override string ToString() => Name;
    }

    private static readonly Random Noise = new(7);

    private static double[][] Gaussian(int rows, int columns, Func<int, int, double> value) =>
        [.. Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, columns).Select(j => value(i, j)).ToArray())];

    public static TheoryData<HostileCase> Cases()
    {
        var random = new Random(11);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return new TheoryData<HostileCase>
        {
            new("duplicate rows only, K = 1", Gaussian(30, 2, (_, j) => 3 + j), 1, null),
            new("duplicate rows only, K = 2", Gaussian(30, 2, (_, j) => 3 + j), 2, "distinct row"),
            new("fewer distinct rows than components", Gaussian(30, 2, (i, j) => i % 3 + j), 5, "distinct row"),
            new("a constant column", Gaussian(200, 3, (i, j) => j == 1 ? 4.0 : (i % 2) * 6 + Normal()), 2, null),
            new("two perfectly collinear columns", Gaussian(200, 3, (i, j) => j == 2 ? 0 : (i % 2) * 6 + Normal()).Select(r => new[] { r[0], 2 * r[0] - 1, r[1] }).ToArray(), 2, null),
            new("values of 1e300", Gaussian(50, 2, (i, j) => (i % 2 + 1) * 1e300 * (1 + 0.01 * j)), 2, "at most 1e100"),
            new("values of 1e-300", Gaussian(50, 2, (i, j) => (i % 5 + 1) * 1e-300 * (1 + j)), 2, null),
            new("100 distinct rows of subnormal values near 1e-310", Gaussian(100, 2, (i, j) => (i + 1) * (j + 1) * 1e-312), 2, null),
            new("one distinct row, K = 2, in the singular", Gaussian(10, 2, (_, j) => 1 + j), 2, "only 1 distinct row "),
            new("huge and tiny scales across columns", Gaussian(200, 2, (i, j) => j == 0 ? 1e6 * ((i % 2) * 5 + Normal()) : 1e-6 * ((i % 2) * 5 + Normal())), 2, null),
            new("a single row", [[1.5, -2.0]], 1, null),
            new("one column", Gaussian(100, 1, (i, _) => (i % 2) * 8 + Normal()), 2, null),
            new("fewer rows than columns", Gaussian(4, 10, (i, j) => i * 0.5 + j + 0.1 * Normal()), 2, null),
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_facade_fits_with_finite_numbers_or_refuses_clearly(HostileCase hostile)
    {
        if (hostile.Refusal is { } words)
        {
            var error = Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(hostile.Rows, hostile.Components));
            Assert.Contains(words, error.Message);
            return;
        }
        var model = GaussianMixture.Fit(hostile.Rows, hostile.Components);
        AssertFinite(model, hostile.Rows);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Em_fit_prints_finite_json_or_one_error_line(HostileCase hostile)
    {
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, hostile.Rows[0].Length).Select(j => $"c{j}"))).Append('\n');
        foreach (var row in hostile.Rows) text.Append(string.Join(",", row.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append('\n');
        var path = _files.Write("hostile.csv", text.ToString());

        var run = CliRun.Of("fit", path, "--components", hostile.Components.ToString(CultureInfo.InvariantCulture), "--labels", "--format", "json");

        if (hostile.Refusal is { } words)
        {
            Assert.Contains(words, run.SingleErrorLine());
            return;
        }
        Assert.DoesNotContain("NaN", run.Stdout);
        Assert.DoesNotContain("Infinity", run.Stdout);
        var json = run.Json();
        foreach (var name in new[] { "logLikelihood", "bic", "aic" }) Assert.True(double.IsFinite(json.GetProperty(name).GetDouble()), name);
        Assert.Equal(hostile.Rows.Length, json.GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public void All_sample_weights_zero_but_one_fit_one_component_and_refuse_two()
    {
        var rows = Gaussian(20, 2, (i, j) => i + 0.5 * j);
        var weights = Enumerable.Range(0, 20).Select(i => i == 7 ? 3.0 : 0.0).ToArray();

        var model = GaussianMixture.Fit(rows, 1, sampleWeights: weights);
        AssertFinite(model, rows);
        Assert.Equal(rows[7], model.Means[0].ToArray());

        var error = Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(rows, 2, sampleWeights: weights));
        Assert.Contains("only 1 distinct row (with positive weight) but 2 components were asked for; use at most 1 component", error.Message);
    }

    /// <summary>Every number a user can read off the model is finite, and inference on the data is too.</summary>
    private static void AssertFinite(GaussianMixtureModel model, double[][] rows)
    {
        var numbers = model.Weights
            .Concat(model.Means.SelectMany(m => m))
            .Concat(model.Covariances.SelectMany(c => c.SelectMany(r => r)))
            .Concat([model.LogLikelihood, model.Bic(), model.Aic()])
            .Concat(model.ScoreSamples(rows))
            .Concat(model.PredictProba(rows).SelectMany(p => p));
        Assert.All(numbers, value => Assert.True(double.IsFinite(value), $"{value} is not finite"));
        Assert.Equal(1.0, model.Weights.Sum(), 12);
    }
}
