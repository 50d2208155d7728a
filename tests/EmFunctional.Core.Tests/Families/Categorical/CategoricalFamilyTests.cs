using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Categorical;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families.Categorical;

/// <summary>
/// The categorical family's formulas one at a time: the density as a product of table entries, the
/// constrained M-step on the simplex (against its KKT conditions and random feasible points), the MAP
/// estimate and log-prior against MathNet's Dirichlet, <see cref="CategoricalFamily.ForData"/> and
/// <see cref="CategoricalFamily.Check"/>, the starting component, parameter count and sampling.
/// </summary>
public class CategoricalFamilyTests
{
    private static CategoricalFamily Family(params int[] categories) => new(categories.ToArr());

    private static CategoricalComponent Component(params double[][] probabilities) => CategoricalComponent.Create(probabilities).Expect();

    private static Error[] Failures<T>(Validation<Error, T> validation) =>
        validation.Match(Succ: _ => throw new Xunit.Sdk.XunitException("accepted"), Fail: e => e.ToArray());

    [Fact]
    public void LogDensityIsTheSumOfTheLogProbabilitiesOfTheCodes()
    {
        var component = Component([0.2, 0.8], [0.5, 0.3, 0.2]);
        var output = new double[3];
        Family(2, 3).LogDensities(component, [1, 2, 0, 0, 1, 1], 2, output);
        Assert.Equal(Math.Log(0.8 * 0.2), output[0], 14);
        Assert.Equal(Math.Log(0.2 * 0.5), output[1], 14);
        Assert.Equal(Math.Log(0.8 * 0.3), output[2], 14);
        // A value that is not a code of its column has probability 0, never NaN.
        var invalid = new double[4];
        Family(2, 3).LogDensities(component, [2, 0, 0, -1, 0.5, 0, 0, double.NaN], 2, invalid);
        Assert.All(invalid, v => Assert.Equal(double.NegativeInfinity, v));
    }

    [SeededProperty(300)]
    public Property MaximizeOnSimplexSatisfiesTheKktConditionsAndBeatsFeasiblePoints()
    {
        // p maximizes Σ e_c log p_c on {Σ p = 1, p ≥ floor}: p_c = max(floor, e_c/λ) for one λ, the free
        // entries are proportional to e, and no random feasible point has a higher objective.
        var cases =
            from c in Gen.Choose(1, 7)
            from counts in Gen.Frequency((2, Gen.Constant(0.0)), (1, Gen.Choose(1, 1000).Select(v => v / 1e9)), (4, Gen.Choose(1, 1000).Select(v => v / 10.0))).ArrayOf(c)
            from exponent in Gen.Choose(2, 12)
            from seed in Generators.Seed
            select (counts, Floor: Math.Pow(10, -exponent) * (c > 1 ? 1.0 / c : 0.5), seed);
        return Prop.ForAll(Arb.From(cases), testCase =>
        {
            var (counts, floor, seed) = testCase;
            var p = new double[counts.Length];
            DiscreteSupport.MaximizeOnSimplex(counts, floor, p);
            TestSupport.AssertClose(1, p.Sum(), 1e-14, "Σ p");
            Assert.All(p, v => Assert.True(v >= floor, $"p = {v:R} below the floor {floor:R}"));
            if (counts.Sum() == 0)
            {
                Assert.All(p, v => Assert.Equal(1.0 / counts.Length, v, 15));
                return;
            }
            // The largest entry is always free (C·floor < 1), so it fixes λ = e_c / p_c.
            var largest = System.Array.IndexOf(p, p.Max());
            var lambda = counts[largest] / p[largest];
            for (var c = 0; c < p.Length; c++)
            {
                if (p[c] > floor) TestSupport.AssertClose(counts[c] / lambda, p[c], 1e-12, $"free p[{c}]");
                else Assert.True(counts[c] <= floor * lambda * (1 + 1e-12), $"clamped p[{c}] has count {counts[c]:R} above floor·λ = {floor * lambda:R}");
            }
            double Objective(double[] q) => counts.Select((e, c) => e == 0 ? 0 : e * Math.Log(q[c])).Sum();
            var random = new Random(seed);
            for (var trial = 0; trial < 20; trial++)
            {
                var raw = counts.Select(_ => random.NextDouble()).ToArray();
                var q = raw.Select(v => floor + (1 - counts.Length * floor) * v / raw.Sum()).ToArray();
                Assert.True(Objective(q) <= Objective(p) + 1e-12 * Math.Max(1, Math.Abs(Objective(p))), "a feasible point beat the maximizer");
            }
        });
    }

    [Fact]
    public void MapEstimateAddsAlphaMinusOnePseudoCountsAndLogPriorIsTheDirichletDensity()
    {
        var family = new CategoricalFamily(Prelude.Array(3, 2).ToArr(), new DirichletPrior(2.5));
        var data = Generators.ToDataset([0, 1, 2, 1, 2, 1, 0, 0], 4, 2);
        double[] weights = [1, 0.5, 2, 3];
        var statistics = family.Summarize(data.Values, 2, weights);
        Assert.Equal([4.0, 0, 2.5, 3, 3.5], statistics.AllCounts.ToArray());
        var component = family.Estimate(Prelude.Array(statistics).ToArr()).Expect()[0];
        // (n_jc + 1.5) / (N + C_j·1.5) with N = 6.5.
        TestSupport.AssertClose([5.5 / 11, 1.5 / 11, 4 / 11.0], component.Probabilities(0).ToArray(), 1e-15, "column 0");
        TestSupport.AssertClose([4.5 / 9.5, 5 / 9.5], component.Probabilities(1).ToArray(), 1e-15, "column 1");

        var expected = new MathNet.Numerics.Distributions.Dirichlet([2.5, 2.5, 2.5]).DensityLn(component.Probabilities(0).ToArray())
                     + new MathNet.Numerics.Distributions.Dirichlet([2.5, 2.5]).DensityLn(component.Probabilities(1).ToArray());
        TestSupport.AssertClose(expected, family.LogPrior(Prelude.Array(component).ToArr()), 1e-12, "log-prior");
        Assert.Equal(0, Family(3, 2).LogPrior(Prelude.Array(component).ToArr()));
    }

    [Fact]
    public void ForDataInfersTheCategoriesAndNamesEveryBadValue()
    {
        var family = CategoricalFamily.ForData(Generators.ToDataset([0, 2, 1, 0, 3, 0], 3, 2)).Match(Succ: f => f, Fail: _ => throw new Xunit.Sdk.XunitException("rejected"));
        Assert.Equal([4, 3], family.Categories.ToArray());
        Assert.Equal(2 * (3 + 2), family.FreeParameters(2, 2));

        var errors = Failures(CategoricalFamily.ForData(Generators.ToDataset([0, 1.5, -1, 0, 2, 3e9], 3, 2)));
        Assert.Equal(3, errors.Length);
        Assert.StartsWith("row 0, column 1 is 1.5: not a non-negative integer code", errors[0].Message);
        Assert.StartsWith("row 1, column 0 is -1: not a non-negative integer code", errors[1].Message);
        Assert.StartsWith("row 2, column 1 is 3000000000: above the column's largest code", errors[2].Message);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidInput, e.Code));
    }

    [Fact]
    public void CheckRejectsCodesOutsideTheFamilysRangeAndWrongColumnCounts()
    {
        var family = Family(2, 3);
        Assert.True(family.Check(Generators.ToDataset([1, 2, 0, 0], 2, 2)).IsSuccess);
        var errors = Failures(family.Check(Generators.ToDataset([2, 2, 0, 3], 2, 2)));
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("row 0, column 0 is 2: above the column's largest code 1", errors[0].Message);
        Assert.StartsWith("row 1, column 1 is 3: above the column's largest code 2", errors[1].Message);
        Assert.Contains("3 columns", Failures(family.Check(Generators.ToDataset([0, 0, 0], 1, 3)))[0].Message);
    }

    [Fact]
    public void InvalidFamiliesComponentsAndPriorsAreRejected()
    {
        Assert.Equal(3, Failures(CategoricalFamily.Create([0, 2, -1], probabilityFloor: -1)).Length);
        Assert.Contains("below 1/C", Failures(CategoricalFamily.Create([2, 4], probabilityFloor: 0.25))[0].Message);
        Assert.Throws<ArgumentException>(() => new CategoricalFamily(Arr<int>.Empty));
        Assert.True(DirichletPrior.Create(0.9).IsFail);
        Assert.True(new DirichletPrior(double.PositiveInfinity).Validate().IsFail);
        Assert.Equal(new DirichletPrior(2), DirichletPrior.Laplace);
        Assert.True(CategoricalComponent.Create([[0.5, 0.6]]).IsLeft);
        Assert.True(CategoricalComponent.Create([[]]).IsLeft);
        Assert.True(CategoricalComponent.Create([[1.2, -0.2]]).IsLeft);
        Assert.Equal(Family(2, 3), new CategoricalFamily(new[] { 2, 3 }.ToArr()));
    }

    [Fact]
    public void CenteredAtIsTheJeffreysPosteriorMeanOfOneObservation()
    {
        var family = Family(2, 3, 1);
        var component = family.CenteredAt([1, 0, 0]);
        Assert.Equal([0.25, 0.75], component.Probabilities(0).ToArray());
        TestSupport.AssertClose([0.6, 0.2, 0.2], component.Probabilities(1).ToArray(), 1e-15, "column 1");
        Assert.Equal([1.0], component.Probabilities(2).ToArray());
        // Not a code: the uniform vector.
        TestSupport.AssertClose([1 / 3.0, 1 / 3.0, 1 / 3.0], family.CenteredAt([0, 7, 0]).Probabilities(1).ToArray(), 1e-15, "uniform");
    }

    [Fact]
    public void EmptyComponentIsReported()
    {
        var family = Family(2);
        var error = family.Estimate(Prelude.Array(family.Empty(1), family.Summarize(new double[] { 1 }, 1, [1.0])).ToArr()).ExpectLeft();
        Assert.Equal(ErrorCodes.EmptyComponent, error.Code);
        Assert.Contains("component 0", error.Message);
    }

    [Fact]
    public void SampledCodesHaveTheComponentsFrequencies()
    {
        // 20 000 draws: each frequency within 6 binomial standard errors.
        var component = Component([0.1, 0.6, 0.3], [0.97, 0.03]);
        var mixture = new Mixture<CategoricalComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(component).ToArr());
        var (rows, _) = Inference.Sample(Family(3, 2), mixture, 2, 20_000, 5);
        Assert.True(Family(3, 2).Check(Generators.ToDataset(rows, 20_000, 2)).IsSuccess);
        for (var j = 0; j < 2; j++)
            for (var c = 0; c < component.CategoryCount(j); c++)
            {
                var frequency = Enumerable.Range(0, 20_000).Count(i => rows[i * 2 + j] == c) / 20_000.0;
                FamilyTestSupport.AssertProportion(component.Probability(j, c), frequency, 20_000, 6, $"column {j}, code {c}");
            }
    }
}
