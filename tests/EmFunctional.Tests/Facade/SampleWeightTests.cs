namespace EmFunctional.Tests.Facade;

/// <summary>A row of weight w counts as w rows: integer weights are the same as repeating rows.</summary>
public sealed class SampleWeightTests
{
    private static (double[][] Rows, double[] Weights, double[][] Repeated) WeightedFaithful()
    {
        var rows = FacadeData.Faithful;
        // Weights 0, 1, 2, 3 in a pattern unrelated to the clusters; weight 0 ≡ the row is absent.
        var weights = Enumerable.Range(0, rows.Length).Select(i => (double)((i * 7 + 3) % 4)).ToArray();
        var repeated = rows.SelectMany((row, i) => Enumerable.Repeat(row, (int)weights[i])).Select(row => row.ToArray()).ToArray();
        return (rows, weights, repeated);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void Integer_weights_equal_repeated_rows(CovarianceType type)
    {
        var (rows, weights, repeated) = WeightedFaithful();
        var options = new GaussianMixtureOptions { Covariance = type, Tolerance = 0, MaxIterations = 10, InitialParameters = FacadeMath.FaithfulStart(type) };

        var weighted = GaussianMixture.Fit(rows, 2, options, weights);
        var duplicated = GaussianMixture.Fit(repeated, 2, options);

        Assert.Equal(weights.Sum(), weighted.SampleSize);
        Assert.Equal(repeated.Length, duplicated.SampleSize);
        Assert.Equal(weighted.SampleSize, duplicated.SampleSize);
        Assert.Equal(10, weighted.Iterations);
        Assert.Equal(10, duplicated.Iterations);
        Assert.True(FacadeMath.RelativeDifference(weighted.LogLikelihood, duplicated.LogLikelihood) < 1e-9,
            $"log-likelihood {weighted.LogLikelihood:R} vs {duplicated.LogLikelihood:R}");
        var difference = FacadeMath.MaxRelativeDifference(weighted.Parameters, duplicated.Parameters);
        Assert.True(difference < 1e-9, $"parameters differ by {difference:g3} (relative)");
        // The information criteria use n = Σ w, so they agree too.
        Assert.True(FacadeMath.RelativeDifference(weighted.Bic(), duplicated.Bic()) < 1e-9);
        // And the per-iteration traces.
        var weightedTrace = weighted.Restarts[0].Trace;
        var duplicatedTrace = duplicated.Restarts[0].Trace;
        for (var t = 0; t < 10; t++)
            Assert.True(FacadeMath.RelativeDifference(weightedTrace[t].MeanLogLikelihood, duplicatedTrace[t].MeanLogLikelihood) < 1e-9);
    }

    [Fact]
    public void Weights_change_the_fit()
    {
        // Guards the test above against weights being silently ignored.
        var (rows, weights, _) = WeightedFaithful();
        var options = new GaussianMixtureOptions { Tolerance = 0, MaxIterations = 10, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Full) };
        var weighted = GaussianMixture.Fit(rows, 2, options, weights);
        var plain = GaussianMixture.Fit(rows, 2, options);
        Assert.True(FacadeMath.MaxRelativeDifference(weighted.Parameters, plain.Parameters) > 1e-4);
        Assert.Equal(272.0, plain.SampleSize);
    }

    [Fact]
    public void Unit_weights_equal_no_weights()
    {
        var rows = FacadeData.Faithful;
        var options = new GaussianMixtureOptions { Tolerance = 0, MaxIterations = 10 };
        var weighted = GaussianMixture.Fit(rows, 2, options, Enumerable.Repeat(1.0, rows.Length).ToArray());
        var plain = GaussianMixture.Fit(rows, 2, options);
        Assert.Equal(plain.SampleSize, weighted.SampleSize);
        Assert.True(FacadeMath.RelativeDifference(plain.LogLikelihood, weighted.LogLikelihood) < 1e-12);
        Assert.True(FacadeMath.MaxRelativeDifference(plain.Parameters, weighted.Parameters) < 1e-12);
    }

    [Fact]
    public void Scaling_all_weights_changes_the_sample_size_but_not_the_parameters()
    {
        var rows = FacadeData.Faithful;
        var weights = Enumerable.Range(0, rows.Length).Select(i => 1.0 + i % 3).ToArray();
        var options = new GaussianMixtureOptions { Tolerance = 0, MaxIterations = 10, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Full) };
        var once = GaussianMixture.Fit(rows, 2, options, weights);
        var scaled = GaussianMixture.Fit(rows, 2, options, weights.Select(w => w * 2.5).ToArray());
        Assert.Equal(2.5 * once.SampleSize, scaled.SampleSize, 9);
        Assert.True(FacadeMath.RelativeDifference(2.5 * once.LogLikelihood, scaled.LogLikelihood) < 1e-9);
        Assert.True(FacadeMath.RelativeDifference(once.MeanLogLikelihood, scaled.MeanLogLikelihood) < 1e-9);
        Assert.True(FacadeMath.MaxRelativeDifference(once.Parameters, scaled.Parameters) < 1e-9);
    }
}
