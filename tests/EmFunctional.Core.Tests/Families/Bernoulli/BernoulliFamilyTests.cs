using EmFunctional.Core.Families.Bernoulli;
using LanguageExt;
using MathNet.Numerics.Distributions;

namespace EmFunctional.Core.Tests.Families.Bernoulli;

/// <summary>
/// The Bernoulli family's formulas, one at a time: the density against the textbook product, the MAP
/// M-step and log-prior against MathNet's Beta distribution, the floor, the data check, the starting
/// component, the parameter count and sampling frequencies.
/// </summary>
public class BernoulliFamilyTests
{
    private static double NaiveLogDensity(double[] p, ReadOnlySpan<double> x)
    {
        var density = 1.0;
        for (var j = 0; j < p.Length; j++) density *= x[j] == 1 ? p[j] : 1 - p[j];
        return Math.Log(density);
    }

    [Fact]
    public void LogDensityIsTheLogOfTheProductOfFeatureProbabilities()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 50; trial++)
        {
            var d = random.Next(1, 9);
            var p = Enumerable.Range(0, d).Select(_ => 0.01 + 0.98 * random.NextDouble()).ToArray();
            var component = BernoulliComponent.Create(p).Expect();
            var rows = random.Next(1, 20);
            var block = Enumerable.Range(0, rows * d).Select(_ => (double)random.Next(2)).ToArray();
            var output = new double[rows];
            new BernoulliFamily().LogDensities(component, block, d, output);
            for (var r = 0; r < rows; r++)
                TestSupport.AssertClose(NaiveLogDensity(p, block.AsSpan(r * d, d)), output[r], 1e-13, $"row {r}");
        }
    }

    [Fact]
    public void EstimateIsTheProportionClampedIntoTheFloorInterval()
    {
        var family = new BernoulliFamily(probabilityFloor: 0.01);
        // Features: never present, always present, present in 1 of 4 rows.
        var data = Generators.ToDataset([0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0], 4, 3);
        var statistics = family.Summarize(data.Values, 3, [1, 1, 1, 1]);
        Assert.Equal(4, statistics.Weight);
        Assert.Equal([0.0, 4.0, 1.0], statistics.Sums.ToArray());
        var component = family.Estimate(Prelude.Array(statistics).ToArr()).Expect()[0];
        Assert.Equal([0.01, 0.99, 0.25], component.Probabilities.ToArray());
    }

    [Fact]
    public void MapEstimateIsThePosteriorMode()
    {
        var prior = new BetaPrior(3, 2);
        var family = new BernoulliFamily(prior);
        var data = Generators.ToDataset([1, 0, 1, 1, 0, 0, 1, 0, 1, 1], 5, 2);
        double[] weights = [0.5, 2, 1, 1.5, 3];
        var statistics = family.Summarize(data.Values, 2, weights);
        var component = family.Estimate(Prelude.Array(statistics).ToArr()).Expect()[0];
        var n = weights.Sum();
        // Rows [1, 0], [1, 1], [0, 0], [1, 0], [1, 1]: s_0 = 0.5 + 2 + 1.5 + 3, s_1 = 2 + 3.
        var (s0, s1) = (7.0, 5.0);
        Assert.Equal([s0, s1], statistics.Sums.ToArray());
        // (s + a − 1) / (N + a + b − 2) with a = 3, b = 2.
        TestSupport.AssertClose((s0 + 2) / (n + 3), component.Probabilities[0], 1e-14, "p_0");
        TestSupport.AssertClose((s1 + 2) / (n + 3), component.Probabilities[1], 1e-14, "p_1");

        // The mode maximizes the log-posterior Σ_i w_i log p(x_i|p) + log Beta(p): nudging p lowers it.
        double LogPosterior(double[] p) =>
            Enumerable.Range(0, 5).Sum(i => weights[i] * NaiveLogDensity(p, data.Row(i))) + p.Sum(v => Beta.PDFLn(3, 2, v));
        var best = component.Probabilities.ToArray();
        foreach (var delta in new[] { -1e-4, 1e-4 })
            for (var j = 0; j < 2; j++)
            {
                var nudged = (double[])best.Clone();
                nudged[j] += delta;
                Assert.True(LogPosterior(nudged) < LogPosterior(best), $"nudging p_{j} by {delta} raised the log-posterior");
            }
    }

    [Fact]
    public void LogPriorIsTheSumOfBetaLogDensitiesWithTheirNormalizingConstants()
    {
        var family = new BernoulliFamily(new BetaPrior(2.5, 1.5));
        var components = Prelude.Array(
            BernoulliComponent.Create([0.2, 0.7]).Expect(),
            BernoulliComponent.Create([0.9, 0.4]).Expect()).ToArr();
        var expected = new[] { 0.2, 0.7, 0.9, 0.4 }.Sum(p => Beta.PDFLn(2.5, 1.5, p));
        TestSupport.AssertClose(expected, family.LogPrior(components), 1e-13, "log-prior");
        Assert.Equal(0, new BernoulliFamily().LogPrior(components));
        // The flat prior Beta(1, 1) has density 1 everywhere, even at 0 and 1.
        Assert.Equal(0, new BernoulliFamily(new BetaPrior(1, 1), 0).LogPrior(Prelude.Array(BernoulliComponent.Create([0.0, 1.0]).Expect()).ToArr()), 14);
    }

    [Fact]
    public void BetaPriorRejectsHyperParametersBelowOne()
    {
        var errors = BetaPrior.Create(0.5, double.NaN).Match(Succ: _ => throw new Xunit.Sdk.XunitException("accepted"), Fail: e => e.ToArray());
        Assert.Equal(2, errors.Length);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidInput, e.Code));
        Assert.Contains("alpha", errors[0].Message);
        Assert.Contains("beta", errors[1].Message);
        Assert.True(new BetaPrior(1, 0.99).Validate().IsFail);
        Assert.True(BetaPrior.Create(1, 7).IsSuccess);
        Assert.Equal(new BetaPrior(2, 2), BetaPrior.Laplace);
        // Invalid hyper-parameters construct (the core never throws on a value) but are reported, and refused by the M-step.
        var statistics = LanguageExt.Prelude.Array(new BernoulliFamily().Summarize(new double[] { 1, 0 }, 2, [1.0])).ToArr();
        foreach (var invalid in new[] { new BernoulliFamily(probabilityFloor: 0.5), new BernoulliFamily(probabilityFloor: -1e-3), new BernoulliFamily(new BetaPrior(1, 0.99)) })
        {
            Assert.True(invalid.Validate().IsFail, $"{invalid} validated");
            Assert.Equal(ErrorCodes.InvalidInput, invalid.Estimate(statistics).ExpectLeft().Code);
        }
        Assert.True(new BernoulliFamily(BetaPrior.Laplace).Validate().IsSuccess);
    }

    [Fact]
    public void CheckRejectsEveryValueOtherThanZeroAndOneByRowAndColumn()
    {
        var family = new BernoulliFamily();
        Assert.True(family.Check(Generators.ToDataset([0, 1, 1, 0], 2, 2)).IsSuccess);
        var errors = family.Check(Generators.ToDataset([0, 1, 0.5, 1, 2, -1], 3, 2))
            .Match(Succ: _ => throw new Xunit.Sdk.XunitException("accepted"), Fail: e => e.ToArray());
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("row 1, column 0 is 0.5", errors[0].Message);
        Assert.StartsWith("row 2, column 0 is 2", errors[1].Message);
        Assert.StartsWith("row 2, column 1 is -1", errors[2].Message);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidInput, e.Code));

        // Beyond ten problems, one more message counts the rest.
        var many = family.Check(Generators.ToDataset(Enumerable.Repeat(3.0, 25).ToArray(), 25, 1))
            .Match(Succ: _ => throw new Xunit.Sdk.XunitException("accepted"), Fail: e => e.ToArray());
        Assert.Equal(11, many.Length);
        Assert.StartsWith("15 more values", many[10].Message);
    }

    [Fact]
    public void CenteredAtLeansTowardsTheRowAndFreeParametersAreKD()
    {
        var family = new BernoulliFamily();
        Assert.Equal([0.75, 0.25, 0.75], family.CenteredAt([1, 0, 1]).Probabilities.ToArray());
        Assert.Equal(12, family.FreeParameters(3, 4));
        Assert.Equal(BernoulliComponent.Create([0.75, 0.25]).Expect(), family.CenteredAt([1, 0]));
        Assert.True(BernoulliComponent.Create([0.5, 1.2]).IsLeft);
        Assert.True(BernoulliComponent.Create([]).IsLeft);
    }

    [Fact]
    public void EmptyComponentIsReported()
    {
        var family = new BernoulliFamily();
        var error = family.Estimate(Prelude.Array(family.Summarize(new double[] { 1, 0 }, 2, [1.0]), family.Empty(2)).ToArr()).ExpectLeft();
        Assert.Equal(ErrorCodes.EmptyComponent, error.Code);
        Assert.Contains("component 1", error.Message);
    }

    [Fact]
    public void SampledFeaturesHaveTheComponentsFrequencies()
    {
        // 20 000 draws: each frequency within 6 binomial standard errors of p_j (P(|Z| > 6) ≈ 2e-9).
        var p = new[] { 0.02, 0.3, 0.5, 0.93 };
        var mixture = new Mixture<BernoulliComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(BernoulliComponent.Create(p).Expect()).ToArr());
        var (rows, _) = Inference.Sample(new BernoulliFamily(), mixture, 4, 20_000, 11);
        Assert.All(rows, x => Assert.True(x is 0 or 1));
        for (var j = 0; j < 4; j++)
        {
            var frequency = Enumerable.Range(0, 20_000).Average(i => rows[i * 4 + j]);
            FamilyTestSupport.AssertProportion(p[j], frequency, 20_000, 6, $"feature {j}");
        }
    }
}
