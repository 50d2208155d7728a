using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Bernoulli;

/// <summary>
/// A generated Bernoulli case: <see cref="Classes"/> latent classes with random feature probabilities in
/// [0.05, 0.95], rows dealt round-robin, optional sample weights; with <see cref="Degenerate"/>, column 0
/// is all zeros and the last column all ones (the ML estimates that would be exactly 0 and 1). The
/// record prints every field, so a failing case can be rebuilt with <c>new BernoulliSpec(...).Build()</c>.
/// </summary>
public sealed record BernoulliSpec(
    int DataSeed, int Rows, int Columns, int Classes, WeightMode Weights, bool Degenerate,
    int Components, int Strategy, ulong InitializationSeed, int Policy, bool Prior)
{
    /// <summary>The family: maximum likelihood, or MAP under Beta(1.5, 2.5).</summary>
    public BernoulliFamily Family => Prior ? new BernoulliFamily(new BetaPrior(1.5, 2.5)) : new BernoulliFamily();

    /// <summary>The row-major 0/1 values and the weights (null when unweighted).</summary>
    public (double[] Values, double[]? Weights) Arrays()
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
        return (values, DiscreteLaws.MakeWeights(random, Rows, Weights));
    }

    /// <summary>The case for the generic laws.</summary>
    public DiscreteCase<BernoulliComponent, BernoulliStatistics> Build()
    {
        var (values, weights) = Arrays();
        var policy = new MixtureWeights[] { new MixtureWeights.MaximumLikelihood(), new MixtureWeights.Dirichlet(1.5), new MixtureWeights.Fixed() }[Policy];
        return new(Family, Generators.ToDataset(values, Rows, Columns, weights), Components, Generators.Strategies[Strategy], InitializationSeed, policy, ToString());
    }
}

/// <summary>
/// The laws of the Bernoulli family on generated cases: responsibilities are distributions; the
/// log-likelihood (log-posterior under a prior) never decreases along <see cref="Em.Iterate"/>, for every
/// initialization and weight policy; the statistics are a monoid; integer weights are duplicated rows;
/// one component gives the closed-form estimate in one step; and all-zero or all-one columns never bring
/// NaN or −∞ into a maximum-likelihood fit.
/// </summary>
public class BernoulliLaws(ITestOutputHelper output)
{
    private static Gen<BernoulliSpec> Specs(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null, int maxComponents = 4) =>
        from dataSeed in Generators.Seed
        from rows in Gen.Choose(8, 80)
        from columns in Gen.Choose(1, 7)
        from classes in Gen.Choose(1, 3)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from isDegenerate in degenerate is { } d ? Gen.Constant(d) : Gen.Elements(false, false, true)
        from components in Gen.Choose(1, maxComponents)
        from strategy in Gen.Choose(0, Generators.Strategies.Length - 1)
        from initializationSeed in Generators.Seed64
        from policy in Gen.Choose(0, 2)
        from hasPrior in prior is { } p ? Gen.Constant(p) : Gen.Elements(false, true)
        select new BernoulliSpec(dataSeed, rows, columns, classes, weights, isDegenerate, components, strategy, initializationSeed, policy, hasPrior);

    private static Gen<DiscreteCase<BernoulliComponent, BernoulliStatistics>> Cases(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        Specs(weightModes, prior, degenerate).Select(spec => spec.Build());

    private static double[] Parameters(BernoulliComponent component) => component.Probabilities.ToArray();

    [Fact]
    public void ResponsibilitiesAreDistributions()
    {
        var started = DiscreteLaws.CheckCases(Cases(), 60, (testCase, start) =>
        {
            DiscreteLaws.AssertResponsibilitiesAreDistributions(testCase.Family, testCase.Data, start, $"{testCase} at the start");
            var (states, _) = DiscreteLaws.Run(testCase.Family, testCase.Data, start, 5, testCase.Weights);
            if (states.Count > 0)
                DiscreteLaws.AssertResponsibilitiesAreDistributions(testCase.Family, testCase.Data, states[^1].Mixture, $"{testCase} after {states.Count} steps");
        });
        Assert.True(started >= 30, $"only {started} of 60 cases could start");
    }

    [Fact]
    public void LogPosteriorNeverDecreases()
    {
        var longRuns = 0;
        var started = DiscreteLaws.CheckCases(Cases(), 80, (testCase, start) =>
        {
            var (states, error) = DiscreteLaws.Run(testCase.Family, testCase.Data, start, 40, testCase.Weights);
            // A component may legitimately collapse (EmptyComponent); nothing else may end a run.
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            DiscreteLaws.AssertNeverDecreases(states, testCase.ToString());
            if (states.Count >= 20) longRuns++;
        });
        output.WriteLine($"{started} cases started, {longRuns} ran at least 20 steps");
        Assert.True(longRuns >= started / 2, $"only {longRuns} of {started} runs reached 20 steps");
    }

    [Fact]
    public void StatisticsAreAMonoid()
    {
        var parts =
            from d in Gen.Choose(1, 5)
            from integer in Gen.Elements(true, false)
            from seeds in Generators.Seed.ArrayOf(3)
            select (d, integer, seeds);
        Generators.Check(parts, 100, testCase =>
        {
            var (d, integer, seeds) = testCase;
            (double[], double[]) Part(int seed)
            {
                var random = new Random(seed);
                var rows = random.Next(0, 12);
                var values = Enumerable.Range(0, rows * d).Select(_ => (double)random.Next(2)).ToArray();
                var weights = Enumerable.Range(0, rows).Select(_ => integer ? random.Next(0, 4) : random.Next(5) == 0 ? 0 : 3 * random.NextDouble()).ToArray();
                return (values, weights);
            }
            DiscreteLaws.AssertMonoid(new BernoulliFamily(), d, Part(seeds[0]), Part(seeds[1]), Part(seeds[2]),
                s => [s.Weight, .. s.Sums.ToArray()], exact: integer);
        });
    }

    [Fact]
    public void IntegerWeightsEqualDuplicatedRows()
    {
        DiscreteLaws.CheckCases(Cases([WeightMode.Integer]), 40, (testCase, start) =>
            DiscreteLaws.AssertIntegerWeightsEqualDuplicatedRows(testCase.Family, testCase.Data, start, Parameters, 6, testCase.ToString()));
    }

    [Fact]
    public void OneComponentGivesTheClosedFormEstimateInOneStep()
    {
        Generators.Check(Specs(), 60, spec =>
        {
            var testCase = (spec with { Components = 1 }).Build();
            var data = testCase.Data;
            var family = spec.Family;
            var start = new Mixture<BernoulliComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var state = Em.Step(family, data, EmState<BernoulliComponent>.Initial(start)).Expect(spec.ToString());
            // Naive weighted sums, then p_j = clamp((s_j + a − 1)/(N + a + b − 2), floor, 1 − floor).
            var (a, b) = spec.Prior ? (1.5, 2.5) : (1.0, 1.0);
            var n = 0.0;
            var sums = new double[data.Columns];
            for (var i = 0; i < data.Rows; i++)
            {
                n += data.Weight(i);
                for (var j = 0; j < data.Columns; j++) sums[j] += data.Weight(i) * data.Row(i)[j];
            }
            var expected = sums.Select(s => Math.Clamp((s + a - 1) / (n + a + b - 2), 1e-10, 1 - 1e-10)).ToArray();
            Assert.Equal(1.0, state.Mixture.Weights[0]);
            DiscreteLaws.AssertClose(expected, Parameters(state.Mixture.Components[0]), 1e-13, $"{spec}: p");
            // A fixed point: the next step returns the same estimate.
            var next = Em.Step(family, data, state).Expect(spec.ToString());
            DiscreteLaws.AssertClose(expected, Parameters(next.Mixture.Components[0]), 1e-13, $"{spec}: p after a second step");
        });
    }

    [Fact]
    public void DegenerateColumnsNeverGiveNaNOrInfinityInMaximumLikelihoodFits()
    {
        var fits = 0;
        DiscreteLaws.CheckCases(Cases(prior: false, degenerate: true), 60, (testCase, start) =>
        {
            var family = (BernoulliFamily)testCase.Family;
            var (states, error) = DiscreteLaws.Run(family, testCase.Data, start, 30, testCase.Weights);
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            foreach (var state in states)
            {
                Assert.True(double.IsFinite(state.MeanLogLikelihood), $"{testCase}: mean log-likelihood {state.MeanLogLikelihood}");
                foreach (var component in state.Mixture.Components)
                    foreach (var p in component.Probabilities)
                        Assert.True(p >= family.ProbabilityFloor && p <= 1 - family.ProbabilityFloor, $"{testCase}: p = {p:R}");
            }
            var fit = Fitting.Fit(family, testCase.Data, testCase.Components, new EmOptions(Convergence.StoppingRule.Default(1e-6, 60), testCase.Initialization, 2, testCase.InitializationSeed));
            fit.IfRight(result =>
            {
                fits++;
                Assert.True(double.IsFinite(result.LogLikelihood), $"{testCase}: fitted log-likelihood {result.LogLikelihood}");
                foreach (var component in result.Mixture.Components) DiscreteLaws.AssertFinite(component.Probabilities.ToArray().Select(p => Math.Log(p)), $"{testCase}: log p");
            });
        });
        Assert.True(fits >= 20, $"only {fits} fits succeeded");
    }

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
        var (states, error) = DiscreteLaws.Run(family, data, start, 20);
        Assert.Null(error);
        foreach (var state in states) Assert.False(double.IsNaN(state.MeanLogLikelihood));
        DiscreteLaws.AssertNeverDecreases(states, "floor 0");
    }
}
