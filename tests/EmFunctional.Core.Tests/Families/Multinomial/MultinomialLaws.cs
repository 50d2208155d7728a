using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Multinomial;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Multinomial;

/// <summary>
/// A generated multinomial case: rows of counts over 2–5 categories with 0–12 trials each (rows of no
/// trials included), from <see cref="Classes"/> latent classes with random probability vectors, optional
/// sample weights. With <see cref="Degenerate"/> the last category is never observed — the ML estimate
/// that would be exactly 0. Rebuild a failing case with <c>new MultinomialSpec(...).Build()</c>.
/// </summary>
public sealed record MultinomialSpec(
    int DataSeed, int Rows, int Categories, int Classes, WeightMode Weights, bool Degenerate,
    int Components, int Strategy, ulong InitializationSeed, int Policy, bool Prior)
{
    /// <summary>The prior of a case with <see cref="Prior"/>.</summary>
    public static readonly DirichletPrior CasePrior = new(1.3);

    /// <summary>The family: maximum likelihood, or MAP under Dirichlet(1.3).</summary>
    public MultinomialFamily Family => new(Prior ? CasePrior : null);

    /// <summary>The row-major counts and the weights (null when unweighted).</summary>
    public (double[] Values, double[]? Weights) Arrays()
    {
        var random = new Random(DataSeed);
        var used = Degenerate ? Categories - 1 : Categories;
        var probabilities = Enumerable.Range(0, Classes).Select(_ =>
        {
            var raw = Enumerable.Range(0, used).Select(_ => 0.05 + random.NextDouble()).ToArray();
            return raw.Select(v => v / raw.Sum()).ToArray();
        }).ToArray();
        var values = new double[Rows * Categories];
        for (var i = 0; i < Rows; i++)
        {
            var trials = random.Next(0, 13);
            for (var t = 0; t < trials; t++)
            {
                var p = probabilities[i % Classes];
                var u = random.NextDouble();
                var category = 0;
                for (var cumulative = p[0]; category < used - 1 && u >= cumulative; cumulative += p[++category]) { }
                values[i * Categories + category]++;
            }
        }
        return (values, DiscreteLaws.MakeWeights(random, Rows, Weights));
    }

    /// <summary>The case for the generic laws.</summary>
    public DiscreteCase<MultinomialComponent, MultinomialStatistics> Build()
    {
        var (values, weights) = Arrays();
        var policy = new MixtureWeights[] { new MixtureWeights.MaximumLikelihood(), new MixtureWeights.Dirichlet(1.5), new MixtureWeights.Fixed() }[Policy];
        return new(Family, Generators.ToDataset(values, Rows, Categories, weights), Components, Generators.Strategies[Strategy], InitializationSeed, policy, ToString());
    }
}

/// <summary>
/// The laws of the multinomial family on generated cases (as for the Bernoulli family): responsibilities
/// are distributions, the log-posterior never decreases, the statistics are a monoid, integer weights
/// are duplicated rows, one component gives the closed form in one step, and a category no row uses
/// never brings NaN or −∞ into an ML fit.
/// </summary>
public class MultinomialLaws(ITestOutputHelper output)
{
    private static Gen<MultinomialSpec> Specs(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        from dataSeed in Generators.Seed
        from rows in Gen.Choose(8, 80)
        from categories in Gen.Choose(2, 5)
        from classes in Gen.Choose(1, 3)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from isDegenerate in degenerate is { } d ? Gen.Constant(d) : Gen.Elements(false, false, true)
        from components in Gen.Choose(1, 4)
        from strategy in Gen.Choose(0, Generators.Strategies.Length - 1)
        from initializationSeed in Generators.Seed64
        from policy in Gen.Choose(0, 2)
        from hasPrior in prior is { } p ? Gen.Constant(p) : Gen.Elements(false, true)
        select new MultinomialSpec(dataSeed, rows, categories, classes, weights, isDegenerate, components, strategy, initializationSeed, policy, hasPrior);

    private static Gen<DiscreteCase<MultinomialComponent, MultinomialStatistics>> Cases(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        Specs(weightModes, prior, degenerate).Select(spec => spec.Build());

    private static double[] Parameters(MultinomialComponent component) => component.Probabilities.ToArray();

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
            from c in Gen.Choose(1, 5)
            from integer in Gen.Elements(true, false)
            from seeds in Generators.Seed.ArrayOf(3)
            select (c, integer, seeds);
        Generators.Check(parts, 100, testCase =>
        {
            var (c, integer, seeds) = testCase;
            (double[], double[]) Part(int seed)
            {
                var random = new Random(seed);
                var rows = random.Next(0, 12);
                var values = Enumerable.Range(0, rows * c).Select(_ => (double)random.Next(0, 30)).ToArray();
                var weights = Enumerable.Range(0, rows).Select(_ => integer ? random.Next(0, 4) : random.Next(5) == 0 ? 0 : 3 * random.NextDouble()).ToArray();
                return (values, weights);
            }
            DiscreteLaws.AssertMonoid(new MultinomialFamily(), c, Part(seeds[0]), Part(seeds[1]), Part(seeds[2]),
                s => [s.Weight, .. s.Counts.ToArray()], exact: integer);
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
            var start = new Mixture<MultinomialComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var state = Em.Step(family, data, EmState<MultinomialComponent>.Initial(start)).Expect(spec.ToString());
            Assert.Equal(1.0, state.Mixture.Weights[0]);
            // e_j = Σ_i w_i c_ij + α − 1; p = e / Σ e, with never-seen categories on the floor (uniform when no trials at all).
            var alpha = spec.Prior ? MultinomialSpec.CasePrior.Concentration : 1;
            var effective = new double[data.Columns];
            for (var i = 0; i < data.Rows; i++)
                for (var j = 0; j < data.Columns; j++) effective[j] += data.Weight(i) * data.Row(i)[j];
            for (var j = 0; j < data.Columns; j++) effective[j] += alpha - 1;
            var zero = effective.Count(e => e == 0);
            var scale = (1 - zero * family.ProbabilityFloor) / effective.Sum();
            var expected = effective.Sum() == 0
                ? Enumerable.Repeat(1.0 / data.Columns, data.Columns).ToArray()
                : effective.Select(e => e == 0 ? family.ProbabilityFloor : e * scale).ToArray();
            DiscreteLaws.AssertClose(expected, Parameters(state.Mixture.Components[0]), 1e-13, $"{spec}: p");
            var next = Em.Step(family, data, state).Expect(spec.ToString());
            DiscreteLaws.AssertClose(expected, Parameters(next.Mixture.Components[0]), 1e-13, $"{spec}: p after a second step");
        });
    }

    [Fact]
    public void UnusedCategoriesNeverGiveNaNOrInfinityInMaximumLikelihoodFits()
    {
        var fits = 0;
        DiscreteLaws.CheckCases(Cases(prior: false, degenerate: true), 60, (testCase, start) =>
        {
            var family = (MultinomialFamily)testCase.Family;
            var (states, error) = DiscreteLaws.Run(family, testCase.Data, start, 30, testCase.Weights);
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            foreach (var state in states)
            {
                Assert.True(double.IsFinite(state.MeanLogLikelihood), $"{testCase}: mean log-likelihood {state.MeanLogLikelihood}");
                foreach (var component in state.Mixture.Components)
                {
                    Assert.All(Parameters(component), v => Assert.True(v >= family.ProbabilityFloor, $"{testCase}: p = {v:R}"));
                    TestSupport.AssertClose(1, Parameters(component).Sum(), 1e-14, $"{testCase}: Σ p");
                }
            }
            var fit = Fitting.Fit(family, testCase.Data, testCase.Components, new EmOptions(Convergence.StoppingRule.Default(1e-6, 60), testCase.Initialization, 2, testCase.InitializationSeed));
            fit.IfRight(result =>
            {
                fits++;
                Assert.True(double.IsFinite(result.LogLikelihood), $"{testCase}: fitted log-likelihood {result.LogLikelihood}");
                foreach (var component in result.Mixture.Components) DiscreteLaws.AssertFinite(Parameters(component).Select(p => Math.Log(p)), $"{testCase}: log p");
            });
        });
        Assert.True(fits >= 20, $"only {fits} fits succeeded");
    }
}
