using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Bernoulli;

/// <summary>
/// A generated Bernoulli case: random feature probabilities in [0.05, 0.95] per class; with
/// <see cref="DiscreteSpec{TComponent, TStatistics}.Degenerate"/>, column 0 is all zeros and the last
/// column all ones (the ML estimates that would be exactly 0 and 1).
/// </summary>
public sealed record BernoulliSpec : DiscreteSpec<BernoulliComponent, WeightedSumStatistics>
{
    /// <inheritdoc />
    public override (double[] Values, double[]? Weights) Arrays()
    {
        var random = new Random(DataSeed);
        var probabilities = Enumerable.Range(0, Classes).Select(_ => Enumerable.Range(0, Columns).Select(_ => 0.05 + 0.9 * random.NextDouble()).ToArray()).ToArray();
        var values = new double[Rows * Columns];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
            {
                var x = random.NextDouble() < probabilities[i % Classes][j] ? 1.0 : 0.0;
                if (Degenerate && j == 0) x = 0;
                if (Degenerate && j == Columns - 1 && Columns > 1) x = 1;
                values[i * Columns + j] = x;
            }
        return (values, FamilyTestSupport.MakeWeights(random, Rows, Weights));
    }

    /// <summary>Maximum likelihood, or MAP under Beta(1.5, 2.5).</summary>
    public override IComponentFamily<BernoulliComponent, WeightedSumStatistics> Family(Dataset data) =>
        Prior ? new BernoulliFamily(new BetaPrior(1.5, 2.5)) : new BernoulliFamily();
}

/// <summary>
/// The laws of the Bernoulli family: the discrete-family laws of <see cref="DiscreteFamilyLaws{TSpec, TComponent, TStatistics}"/>
/// on 1–7 columns; all-zero or all-one columns never bring NaN or −∞ into a maximum-likelihood fit; and
/// without a floor, estimates of exactly 0 and 1 give −∞ densities but never NaN.
/// </summary>
public class BernoulliLaws(ITestOutputHelper output) : DiscreteFamilyLaws<BernoulliSpec, BernoulliComponent, WeightedSumStatistics>(output)
{
    protected override (int Least, int Most) ColumnRange => (1, 7);

    protected override double[] Parameters(BernoulliComponent component) => component.Probabilities.ToArray();

    protected override Gen<MonoidColumns> MonoidColumnsGenerator =>
        Gen.Choose(1, 5).Select(d => new MonoidColumns($"d = {d}", d, new BernoulliFamily(), (random, _) => random.Next(2)));

    protected override double[] Flatten(WeightedSumStatistics statistics) => [statistics.Weight, .. statistics.Sums.ToArray()];

    /// <summary>Naive weighted sums, then p_j = clamp((s_j + a − 1)/(N + a + b − 2), floor, 1 − floor).</summary>
    protected override double[] ClosedForm(BernoulliSpec spec, DiscreteCase<BernoulliComponent, WeightedSumStatistics> testCase)
    {
        var data = testCase.Data;
        var (a, b) = spec.Prior ? (1.5, 2.5) : (1.0, 1.0);
        var n = 0.0;
        var sums = new double[data.Columns];
        for (var i = 0; i < data.Rows; i++)
        {
            n += data.Weight(i);
            for (var j = 0; j < data.Columns; j++) sums[j] += data.Weight(i) * data.Row(i)[j];
        }
        return sums.Select(s => Math.Clamp((s + a - 1) / (n + a + b - 2), 1e-10, 1 - 1e-10)).ToArray();
    }

    [SeededProperty(60)]
    public Property DegenerateColumnsNeverGiveNaNOrInfinityInMaximumLikelihoodFits() =>
        CheckMaximumLikelihoodFitsOfDegenerateCases((testCase, component) =>
        {
            var floor = ((BernoulliFamily)testCase.Family).ProbabilityFloor;
            foreach (var p in component.Probabilities)
                Assert.True(p >= floor && p <= 1 - floor, $"{testCase}: p = {p:R}");
        });

    [Fact]
    public void WithoutAFloorProbabilitiesOfZeroAndOneGiveMinusInfinityButNeverNaN()
    {
        var component = BernoulliComponent.Create([0.0, 1.0, 0.5]).Expect();
        var family = new BernoulliFamily(probabilityFloor: 0);
        double[] block = [0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1];
        var output = new double[4];
        family.LogDensities(component, block, 3, output);
        // Rows [0, 1, 0] and [0, 1, 1] agree with the certain features; [1, 1, 0] and [1, 0, 1] contradict p_0 = 0.
        Assert.Equal(Math.Log(0.5), output[0], 14);
        Assert.Equal(Math.Log(0.5), output[1], 14);
        Assert.Equal(double.NegativeInfinity, output[2]);
        Assert.Equal(double.NegativeInfinity, output[3]);
    }

    [Fact]
    public void FloorZeroFitsStayFreeOfNaN()
    {
        // Pure maximum likelihood: estimates may be exactly 0 or 1; the densities must skip 0·log 0.
        var family = new BernoulliFamily(probabilityFloor: 0);
        var data = Generators.ToDataset([0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 1], 6, 3);
        var start = Initializer.Initialize(family, data, 2, new InitializationStrategy.KMeansPlusPlus(), 3).Expect();
        var (states, error) = FamilyTestSupport.Run(family, data, start, 20);
        Assert.Null(error);
        foreach (var state in states) Assert.False(double.IsNaN(state.MeanLogLikelihood));
        DiscreteLaws.AssertNeverDecreases(states, "floor 0");
    }
}
