using System.Globalization;

namespace EmFunctional.Tests.Facade;

/// <summary>
/// Bootstrap standard errors and intervals: nonparametric replicates agree with mclust 6.0.0's
/// <c>MclustBootstrap</c> (999 replicates, tests/data/reference/bootstrap) within 25% with 300 of ours; the
/// result is reproducible from the seed whatever the threads; intervals hold the fitted values; every type runs.
/// </summary>
public class BootstrapTests
{
    private static (GaussianMixtureModel Model, double[][] Rows) Fit(string data) => data == "iris"
        ? (GaussianMixture.Fit(FacadeData.Iris, 3, new GaussianMixtureOptions { Covariance = CovarianceType.VEV }), FacadeData.Iris)
        : (GaussianMixture.Fit(FacadeData.Faithful, 2), FacadeData.Faithful);

    [Theory]
    [InlineData("faithful")]
    [InlineData("iris")]
    public void Nonparametric_standard_errors_agree_with_mclust(string data)
    {
        var (model, rows) = Fit(data);
        var result = model.Bootstrap(rows, replicates: 300, seed: 1);
        Assert.Equal(0, result.Failed);
        var references = File.ReadAllLines(TestData.ReferencePath("bootstrap/se.csv")).Skip(1).Select(line => line.Split(',')).Where(f => f[0] == data).ToArray();
        double[] Numbers(string field) => [.. field.Split(';').Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
        foreach (var reference in references)
        {
            // mclust's component k is ours with the nearest means.
            var means = Numbers(reference[5]);
            var k = Enumerable.Range(0, model.Components).MinBy(c => model.Means[c].Select((m, j) => (m - means[j]) * (m - means[j])).Sum());
            AssertWithin(double.Parse(reference[4], CultureInfo.InvariantCulture), result.WeightStandardErrors[k], $"{data}: weight {k}");
            var meanErrors = Numbers(reference[6]);
            for (var j = 0; j < meanErrors.Length; j++) AssertWithin(meanErrors[j], result.MeanStandardErrors[k][j], $"{data}: mean {k},{j}");
        }
    }

    private static void AssertWithin(double mclust, double ours, string what) =>
        Assert.True(Math.Abs(ours - mclust) <= 0.25 * mclust, $"{what}: ours {ours:g4}, mclust {mclust:g4}");

    [Fact]
    public void The_same_seed_gives_the_same_result_on_any_number_of_threads_and_intervals_hold_the_fit()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 2);
        var single = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(model.Weights.ToArray(), single.Weights.ToArray());
        var a = model.Bootstrap(rows, replicates: 40, seed: 7);
        var again = model.Bootstrap(rows, replicates: 40, seed: 7);
        Assert.Equal(a.WeightStandardErrors.ToArray(), again.WeightStandardErrors.ToArray());
        var b = single.Bootstrap(rows, replicates: 40, seed: 7);
        Assert.Equal(a.WeightStandardErrors.ToArray(), b.WeightStandardErrors.ToArray());
        Assert.Equal(a.MeanIntervals.SelectMany(c => c), b.MeanIntervals.SelectMany(c => c));
        Assert.NotEqual(a.WeightStandardErrors.ToArray(), model.Bootstrap(rows, replicates: 40, seed: 8).WeightStandardErrors.ToArray());
        for (var k = 0; k < 2; k++)
        {
            Assert.InRange(model.Weights[k], a.WeightIntervals[k].Lower, a.WeightIntervals[k].Upper);
            for (var j = 0; j < 2; j++)
            {
                Assert.InRange(model.Means[k][j], a.MeanIntervals[k][j].Lower, a.MeanIntervals[k][j].Upper);
                Assert.True(a.VarianceStandardErrors[k][j] > 0);
            }
        }
    }

    [Theory]
    [InlineData(BootstrapType.WeightedLikelihood)]
    [InlineData(BootstrapType.Parametric)]
    public void Every_type_gives_standard_errors_of_the_same_order(BootstrapType type)
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 2);
        var nonparametric = model.Bootstrap(rows, replicates: 100, seed: 3);
        var other = model.Bootstrap(rows, replicates: 100, seed: 3, type: type);
        Assert.Equal(type, other.Type);
        for (var k = 0; k < 2; k++)
            Assert.InRange(other.WeightStandardErrors[k], 0.5 * nonparametric.WeightStandardErrors[k], 2 * nonparametric.WeightStandardErrors[k]);
    }

    [Fact]
    public void Bad_arguments_are_refused_by_name()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        Assert.Equal("replicates", Assert.Throws<ArgumentOutOfRangeException>(() => model.Bootstrap(FacadeData.Faithful, replicates: 1)).ParamName);
        Assert.Equal("level", Assert.Throws<ArgumentOutOfRangeException>(() => model.Bootstrap(FacadeData.Faithful, replicates: 5, level: 1)).ParamName);
    }
}
