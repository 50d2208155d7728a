using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Multinomial;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families.Multinomial;

/// <summary>
/// The multinomial family's formulas one at a time: the density against MathNet's multinomial, rows of
/// no trials, large counts, the MAP estimate and log-prior, the checks, the starting component, the
/// parameter count, the floor bound and sampling.
/// </summary>
public class MultinomialFamilyTests
{
    private static MultinomialComponent Component(params double[] p) => MultinomialComponent.Create(p).Expect();

    private static Error[] Failures<T>(Validation<Error, T> validation) =>
        validation.Match(Succ: _ => throw new Xunit.Sdk.XunitException("accepted"), Fail: e => e.ToArray());

    [Fact]
    public void LogDensityIsTheMultinomialLogProbability()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 40; trial++)
        {
            var c = random.Next(1, 6);
            var raw = Enumerable.Range(0, c).Select(_ => 0.05 + random.NextDouble()).ToArray();
            var p = raw.Select(v => v / raw.Sum()).ToArray();
            p[^1] = 1 - p[..^1].Sum();
            var component = Component(p);
            var counts = Enumerable.Range(0, c).Select(_ => random.Next(0, 15)).ToArray();
            var output = new double[1];
            new MultinomialFamily().LogDensities(component, counts.Select(v => (double)v).ToArray(), c, output);
            var expected = counts.Sum() == 0 ? 0 : new MathNet.Numerics.Distributions.Multinomial(p, counts.Sum()).ProbabilityLn(counts);
            TestSupport.AssertClose(expected, output[0], 1e-12, $"counts [{string.Join(", ", counts)}]");
        }
    }

    [Fact]
    public void RowsOfNoTrialsHaveProbabilityOneAndInvalidCountsProbabilityZero()
    {
        var component = Component(1, 0);
        var output = new double[5];
        new MultinomialFamily().LogDensities(component, [0, 0, 3, 0, 0, 1, -1, 0, 2.5, 0], 2, output);
        Assert.Equal(0, output[0]);
        Assert.Equal(0, output[1], 15); // log(3!/3!) + 3·log 1
        Assert.Equal(double.NegativeInfinity, output[2]); // a trial in a category of probability 0
        Assert.Equal(double.NegativeInfinity, output[3]);
        Assert.Equal(double.NegativeInfinity, output[4]);
    }

    [Fact]
    public void LargeCountsUseLogGamma()
    {
        var component = Component(0.25, 0.75);
        var output = new double[1];
        new MultinomialFamily().LogDensities(component, [300, 700], 2, output);
        var expected = MathNet.Numerics.SpecialFunctions.GammaLn(1001) - MathNet.Numerics.SpecialFunctions.GammaLn(301) - MathNet.Numerics.SpecialFunctions.GammaLn(701)
                       + 300 * Math.Log(0.25) + 700 * Math.Log(0.75);
        TestSupport.AssertClose(expected, output[0], 1e-12, "log-density");
        TestSupport.AssertClose(MathNet.Numerics.SpecialFunctions.FactorialLn(170), MultinomialComponent.LogFactorial(170), 1e-14, "170!");
        TestSupport.AssertClose(MathNet.Numerics.SpecialFunctions.GammaLn(172), MultinomialComponent.LogFactorial(171), 1e-14, "171!");
    }

    [Fact]
    public void MapEstimateAndLogPriorFollowTheDirichlet()
    {
        var family = new MultinomialFamily(new DirichletPrior(3));
        var statistics = family.Summarize(new double[] { 2, 0, 5, 1, 1, 0 }, 3, [2, 0.5]);
        Assert.Equal([4.5, 0.5, 10], statistics.Sums.ToArray());
        var component = family.Estimate(Prelude.Array(statistics).ToArr()).Expect()[0];
        // (t_j + 2) / (15 + 6)
        TestSupport.AssertClose([6.5 / 21, 2.5 / 21, 12 / 21.0], component.Probabilities.ToArray(), 1e-15, "p");
        var expected = new MathNet.Numerics.Distributions.Dirichlet([3.0, 3, 3]).DensityLn(component.Probabilities.ToArray());
        TestSupport.AssertClose(expected, family.LogPrior(Prelude.Array(component).ToArr()), 1e-12, "log-prior");
        Assert.Equal(0, new MultinomialFamily().LogPrior(Prelude.Array(component).ToArr()));
    }

    [Fact]
    public void ChecksNameEveryBadCountByRowAndColumn()
    {
        var family = new MultinomialFamily();
        Assert.True(family.Check(Generators.ToDataset([0, 3, 10, 0], 2, 2)).IsSuccess);
        var errors = Failures(family.Check(Generators.ToDataset([1, -2, 0.5, 4], 2, 2)));
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("row 0, column 1 is -2: not a non-negative integer count", errors[0].Message);
        Assert.StartsWith("row 1, column 0 is 0.5", errors[1].Message);
        Assert.Equal(2, Failures(MultinomialFamily.ForData(Generators.ToDataset([1, -2, 0.5, 4], 2, 2))).Length);
    }

    [Fact]
    public void ForDataSetsTheSampleTrialsFromTheRowTotals()
    {
        static MultinomialFamily For(double[] values, double[]? weights = null) =>
            MultinomialFamily.ForData(Generators.ToDataset(values, values.Length / 2, 2, weights)).Match(Succ: f => f, Fail: e => throw new Xunit.Sdk.XunitException(e.Head.Message));
        Assert.Equal(10, For([5, 5, 9, 1, 8, 2]).SampleTrials);
        Assert.Equal(4, For([1, 1, 3, 3]).SampleTrials); // totals 2 and 6: mean 4
        Assert.Equal(5, For([1, 1, 3, 3], [1, 3]).SampleTrials); // weighted mean (2 + 18) / 4
        Assert.Contains("below 1/C", Failures(MultinomialFamily.ForData(Generators.ToDataset([1, 1], 1, 2), probabilityFloor: 0.5))[0].Message);
    }

    [Fact]
    public void InvalidHyperParametersAndComponentsAreRejected()
    {
        // Invalid hyper-parameters construct (the core never throws on a value) but are reported, and refused by the M-step.
        var statistics = Prelude.Array(new MultinomialFamily().Summarize(new double[] { 1, 2 }, 2, [1.0])).ToArr();
        foreach (var invalid in new[] { new MultinomialFamily(probabilityFloor: -1), new MultinomialFamily(sampleTrials: -1), new MultinomialFamily(new DirichletPrior(0.5)) })
        {
            Assert.True(invalid.Validate().IsFail, $"{invalid} validated");
            Assert.Equal(ErrorCodes.InvalidInput, invalid.Estimate(statistics).ExpectLeft().Code);
        }
        Assert.True(new MultinomialFamily().Validate().IsSuccess);
        Assert.True(MultinomialComponent.Create([0.5, 0.4]).IsLeft);
        Assert.True(MultinomialComponent.Create([1.5, -0.5]).IsLeft);
        Assert.True(MultinomialComponent.Create([]).IsLeft);
        // A floor that cannot fit C categories is reported by the M-step, where C is first known.
        var family = new MultinomialFamily(probabilityFloor: 0.3);
        var error = family.Estimate(Prelude.Array(family.Summarize(new double[] { 1, 2, 3, 4 }, 4, [1.0])).ToArr()).ExpectLeft();
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Equal(ErrorCodes.EmptyComponent, family.Estimate(Prelude.Array(family.Empty(2)).ToArr()).ExpectLeft().Code);
    }

    [Fact]
    public void CenteredAtIsTheJeffreysPosteriorMeanAndFreeParametersAreKTimesCMinusOne()
    {
        var family = new MultinomialFamily();
        TestSupport.AssertClose([5.5 / 11, 5.5 / 11], family.CenteredAt([5, 5]).Probabilities.ToArray(), 1e-15, "[5, 5]");
        TestSupport.AssertClose([9.5 / 11.5, 0.5 / 11.5, 1.5 / 11.5], family.CenteredAt([9, 0, 1]).Probabilities.ToArray(), 1e-15, "[9, 0, 1]");
        Assert.Equal(2 * 3, family.FreeParameters(2, 4));
        Assert.Equal(0, family.FreeParameters(3, 1));
    }

    [Fact]
    public void SampledRowsHaveTheTrialsAndTheCategoryFrequencies()
    {
        // 4 000 rows of 5 trials: 20 000 trials, each category's share within 6 binomial standard errors.
        var p = new[] { 0.1, 0.25, 0.65 };
        var family = new MultinomialFamily(sampleTrials: 5);
        var mixture = new Mixture<MultinomialComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(Component(p)).ToArr());
        var (rows, _) = Inference.Sample(family, mixture, 3, 4000, 8);
        for (var i = 0; i < 4000; i++) Assert.Equal(5, rows[i * 3] + rows[i * 3 + 1] + rows[i * 3 + 2]);
        for (var j = 0; j < 3; j++)
            FamilyTestSupport.AssertProportion(p[j], Enumerable.Range(0, 4000).Sum(i => rows[i * 3 + j]) / 20_000, 20_000, 6, $"category {j}");
    }
}
