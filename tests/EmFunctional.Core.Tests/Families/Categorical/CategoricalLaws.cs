using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Categorical;

/// <summary>
/// A generated categorical case: columns with 1–4 codes, <see cref="Classes"/> latent classes with random
/// probability vectors, rows dealt round-robin, optional sample weights. With <see cref="Degenerate"/>
/// the family also allows a code that never occurs in column 0 and column 1 is constant — the ML
/// estimates that would be exactly 0 and 1. Rebuild a failing case with <c>new CategoricalSpec(...).Build()</c>.
/// </summary>
public sealed record CategoricalSpec(
    int DataSeed, int Rows, int Columns, int Classes, WeightMode Weights, bool Degenerate,
    int Components, int Strategy, ulong InitializationSeed, int Policy, bool Prior)
{
    /// <summary>The prior of a case with <see cref="Prior"/>.</summary>
    public static readonly DirichletPrior CasePrior = new(1.7);

    /// <summary>The row-major codes and the weights (null when unweighted).</summary>
    public (double[] Values, double[]? Weights) Arrays()
    {
        var random = new Random(DataSeed);
        var categories = Enumerable.Range(0, Columns).Select(_ => random.Next(1, 5)).ToArray();
        var probabilities = Enumerable.Range(0, Classes).Select(_ => categories.Select(c =>
        {
            var raw = Enumerable.Range(0, c).Select(_ => 0.05 + random.NextDouble()).ToArray();
            return raw.Select(v => v / raw.Sum()).ToArray();
        }).ToArray()).ToArray();
        var values = new double[Rows * Columns];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
            {
                var p = probabilities[i % Classes][j];
                var u = random.NextDouble();
                var code = 0;
                for (var cumulative = p[0]; code < p.Length - 1 && u >= cumulative; cumulative += p[++code]) { }
                if (Degenerate && j == 1) code = 0;
                values[i * Columns + j] = code;
            }
        return (values, DiscreteLaws.MakeWeights(random, Rows, Weights));
    }

    /// <summary>The family: C_j from the data, plus one unused code in columns 0 and 1 when degenerate.</summary>
    public CategoricalFamily Family(Dataset data)
    {
        var observed = CategoricalFamily.ForData(data).Match(Succ: f => f, Fail: e => throw new InvalidOperationException(e.Head.Message));
        var categories = observed.Categories.ToArray();
        if (Degenerate)
        {
            categories[0]++; // a code column 0 never shows
            categories[1]++; // column 1 is constant at 0, so its code 1 is never seen either
        }
        return new CategoricalFamily(categories.ToArr(), Prior ? CasePrior : null);
    }

    /// <summary>The case for the generic laws.</summary>
    public DiscreteCase<CategoricalComponent, CategoricalStatistics> Build()
    {
        var (values, weights) = Arrays();
        var data = Generators.ToDataset(values, Rows, Columns, weights);
        var policy = new MixtureWeights[] { new MixtureWeights.MaximumLikelihood(), new MixtureWeights.Dirichlet(1.5), new MixtureWeights.Fixed() }[Policy];
        return new(Family(data), data, Components, Generators.Strategies[Strategy], InitializationSeed, policy, ToString());
    }
}

/// <summary>
/// The laws of the categorical family on generated cases (as for the Bernoulli family): responsibilities
/// are distributions, the log-posterior never decreases, the statistics are a monoid, integer weights are
/// duplicated rows, one component gives the closed form in one step, unused codes and constant columns
/// never bring NaN or −∞ into an ML fit; and with two codes per column the family is the Bernoulli
/// family.
/// </summary>
public class CategoricalLaws(ITestOutputHelper output)
{
    private static Gen<CategoricalSpec> Specs(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        from dataSeed in Generators.Seed
        from rows in Gen.Choose(8, 80)
        from columns in Gen.Choose(2, 5)
        from classes in Gen.Choose(1, 3)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from isDegenerate in degenerate is { } d ? Gen.Constant(d) : Gen.Elements(false, false, true)
        from components in Gen.Choose(1, 4)
        from strategy in Gen.Choose(0, Generators.Strategies.Length - 1)
        from initializationSeed in Generators.Seed64
        from policy in Gen.Choose(0, 2)
        from hasPrior in prior is { } p ? Gen.Constant(p) : Gen.Elements(false, true)
        select new CategoricalSpec(dataSeed, rows, columns, classes, weights, isDegenerate, components, strategy, initializationSeed, policy, hasPrior);

    private static Gen<DiscreteCase<CategoricalComponent, CategoricalStatistics>> Cases(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        Specs(weightModes, prior, degenerate).Select(spec => spec.Build());

    private static double[] Parameters(CategoricalComponent component) =>
        Enumerable.Range(0, component.Dimensions).SelectMany(j => component.Probabilities(j).ToArray()).ToArray();

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
            from categories in Gen.Choose(1, 4).ArrayOf().Where(a => a.Length is >= 1 and <= 4)
            from integer in Gen.Elements(true, false)
            from seeds in Generators.Seed.ArrayOf(3)
            select (categories, integer, seeds);
        Generators.Check(parts, 100, testCase =>
        {
            var (categories, integer, seeds) = testCase;
            var d = categories.Length;
            (double[], double[]) Part(int seed)
            {
                var random = new Random(seed);
                var rows = random.Next(0, 12);
                var values = Enumerable.Range(0, rows * d).Select(i => (double)random.Next(categories[i % d])).ToArray();
                var weights = Enumerable.Range(0, rows).Select(_ => integer ? random.Next(0, 4) : random.Next(5) == 0 ? 0 : 3 * random.NextDouble()).ToArray();
                return (values, weights);
            }
            DiscreteLaws.AssertMonoid(new CategoricalFamily(categories.ToArr()), d, Part(seeds[0]), Part(seeds[1]), Part(seeds[2]),
                s => [s.Weight, .. s.AllCounts.ToArray()], exact: integer);
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
            var family = (CategoricalFamily)testCase.Family;
            var start = new Mixture<CategoricalComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var state = Em.Step(family, data, EmState<CategoricalComponent>.Initial(start)).Expect(spec.ToString());
            Assert.Equal(1.0, state.Mixture.Weights[0]);
            var alpha = spec.Prior ? CategoricalSpec.CasePrior.Concentration : 1;
            var expected = new List<double>();
            for (var j = 0; j < data.Columns; j++)
            {
                // e_c = n_jc + α − 1; p = e / Σ e, except that codes with e_c = 0 sit on the floor and the
                // others share 1 − m·floor (here only never-seen codes can fall below the floor).
                var c = family.Categories[j];
                var effective = new double[c];
                for (var i = 0; i < data.Rows; i++) effective[(int)data.Row(i)[j]] += data.Weight(i);
                for (var code = 0; code < c; code++) effective[code] += alpha - 1;
                var zero = effective.Count(e => e == 0);
                var scale = (1 - zero * family.ProbabilityFloor) / effective.Sum();
                expected.AddRange(effective.Select(e => e == 0 ? family.ProbabilityFloor : e * scale));
            }
            DiscreteLaws.AssertClose(expected.ToArray(), Parameters(state.Mixture.Components[0]), 1e-13, $"{spec}: p");
            var next = Em.Step(family, data, state).Expect(spec.ToString());
            DiscreteLaws.AssertClose(expected.ToArray(), Parameters(next.Mixture.Components[0]), 1e-13, $"{spec}: p after a second step");
        });
    }

    [Fact]
    public void UnusedCodesAndConstantColumnsNeverGiveNaNOrInfinityInMaximumLikelihoodFits()
    {
        var fits = 0;
        DiscreteLaws.CheckCases(Cases(prior: false, degenerate: true), 60, (testCase, start) =>
        {
            var family = (CategoricalFamily)testCase.Family;
            var (states, error) = DiscreteLaws.Run(family, testCase.Data, start, 30, testCase.Weights);
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            foreach (var state in states)
            {
                Assert.True(double.IsFinite(state.MeanLogLikelihood), $"{testCase}: mean log-likelihood {state.MeanLogLikelihood}");
                foreach (var component in state.Mixture.Components)
                    for (var j = 0; j < component.Dimensions; j++)
                    {
                        var p = component.Probabilities(j).ToArray();
                        Assert.All(p, v => Assert.True(v >= family.ProbabilityFloor, $"{testCase}: p = {v:R}"));
                        TestSupport.AssertClose(1, p.Sum(), 1e-14, $"{testCase}: column {j} sums to");
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

    [Fact]
    public void WithTwoCodesPerColumnTheFamilyIsTheBernoulliFamily()
    {
        // p_j1 of the categorical family is p_j of the Bernoulli family: same starts (k-means labels and the
        // random choices do not depend on the family, and both centre at 0.75/0.25), same EM path, same
        // log-likelihood and the same parameter count.
        Generators.Check(
            from seed in Generators.Seed
            from initialization in Generators.Seed64
            from k in Gen.Choose(1, 3)
            from strategy in Gen.Elements(Generators.Strategies)
            select (seed, initialization, k, strategy),
            30,
            testCase =>
            {
                var (seed, initialization, k, strategy) = testCase;
                var random = new Random(seed);
                var d = random.Next(1, 6);
                var rows = random.Next(10, 60);
                var data = Generators.ToDataset(Enumerable.Range(0, rows * d).Select(_ => (double)random.Next(2)).ToArray(), rows, d);
                var bernoulli = new BernoulliFamily();
                var categorical = new CategoricalFamily(Enumerable.Repeat(2, d).ToArr());
                var startB = Initializer.Initialize(bernoulli, data, k, strategy, initialization);
                var startC = Initializer.Initialize(categorical, data, k, strategy, initialization);
                Assert.Equal(startB.IsLeft, startC.IsLeft);
                if (startB.IsLeft) return;
                var (b, _) = DiscreteLaws.Run(bernoulli, data, startB.Expect(), 10);
                var (c, _) = DiscreteLaws.Run(categorical, data, startC.Expect(), 10);
                Assert.Equal(b.Count, c.Count);
                for (var t = 0; t < b.Count; t++)
                {
                    TestSupport.AssertClose(b[t].MeanLogLikelihood, c[t].MeanLogLikelihood, 1e-11, $"{testCase}: step {t + 1} log-likelihood");
                    for (var component = 0; component < k; component++)
                        for (var j = 0; j < d; j++)
                            TestSupport.AssertClose(b[t].Mixture.Components[component].Probabilities[j], c[t].Mixture.Components[component].Probability(j, 1), 1e-11, $"{testCase}: step {t + 1} p[{component}][{j}]");
                }
                Assert.Equal(bernoulli.FreeParameters(k, d), categorical.FreeParameters(k, d));
            });
    }
}
