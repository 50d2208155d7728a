using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Numerics;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using static EmFunctional.Core.Tests.Families.FamilyTestSupport;

namespace EmFunctional.Core.Tests.Families.Poisson;

/// <summary>
/// The laws of the Poisson family: the density is the textbook one, responsibilities are
/// distributions, EM never decreases the log-likelihood (log-posterior with a Gamma prior), the
/// statistics are a monoid, integer weights are duplicated rows, one component lands on the closed
/// form in one step, and an all-zero column never produces NaN or −∞.
/// </summary>
public class PoissonLaws
{
    private readonly PropertyRun run = new();
    private int fullRuns;

    private static PoissonComponent Component(params double[] rates) => PoissonComponent.Create(rates).Expect("component");

    [SeededProperty(300)]
    public Property LogDensityIsTheSumOfPoissonLogProbabilities()
    {
        var gen =
            from d in Gen.Choose(1, 5)
            from rates in Gen.Choose(1, 100_000).Select(v => v / 1000.0).ArrayOf(d)
            from counts in Gen.Frequency((3, Gen.Choose(0, 20)), (1, Gen.Choose(0, 3000))).ArrayOf(3 * d)
            select (d, rates, counts);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (d, rates, counts) = testCase;
            var component = Component(rates);
            var block = counts.Select(c => (double)c).ToArray();
            var output = new double[3];
            new PoissonFamily().LogDensities(component, block, d, output);
            for (var r = 0; r < 3; r++)
                TestSupport.AssertClose(PoissonTestData.ReferenceLogDensity(rates, block.AsSpan(r * d, d)), output[r], 1e-12, $"row {r}");
        });
    }

    [Fact]
    public void LogFactorialAgreesAcrossTheTableBoundary()
    {
        for (var n = 0; n < 1100; n++)
            TestSupport.AssertClose(MathNet.Numerics.SpecialFunctions.FactorialLn(n), PoissonComponent.LogFactorial(n), 1e-13, $"log {n}!");
    }

    [SeededProperty(100)]
    public Property ResponsibilitiesAreDistributions()
    {
        return Prop.ForAll(Arb.From(PoissonTestData.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data);
            if (start.IsLeft) return; // fewer distinct rows than components
            var (states, error) = Run(scenario.Family, data, start.Expect(), 5);
            Assert.Null(error);
            AssertResponsibilitiesAreDistributions(scenario.Family, data, states[^1].Mixture);
        });
    }

    [SeededProperty(150)]
    public Property LogLikelihoodNeverDecreases_MaximumLikelihood()
    {
        return run.ForAll(this, PoissonTestData.Scenarios(withPrior: false), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data);
            if (start.IsLeft) return;
            var (states, error) = Run(scenario.Family, data, start.Expect(), 40);
            Assert.True(error is null, error?.Message);
            AssertMonotone(states);
            Assert.All(states, s => Assert.Equal(0, s.MeanLogPrior));
            fullRuns++;
        }, atEnd: () => Assert.True(fullRuns >= 120, $"only {fullRuns} of 150 cases ran"));
    }

    [SeededProperty(150)]
    public Property LogPosteriorNeverDecreases_WithGammaPrior()
    {
        return run.ForAll(this, PoissonTestData.Scenarios(withPrior: true), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data);
            if (start.IsLeft) return;
            var (states, error) = Run(scenario.Family, data, start.Expect(), 40);
            // A component the prior pulls away from every row (towards λ = (a − 1)/b) can lose its weight
            // geometrically until N_k underflows to 0: an honest collapse, never a wrong number.
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states);
            Assert.All(states.Skip(1), s => Assert.NotEqual(0, s.MeanLogPrior));
            if (error is null) fullRuns++;
        }, atEnd: () => Assert.True(fullRuns >= 120, $"only {fullRuns} of 150 cases ran"));
    }

    [SeededProperty(300)]
    public Property StatisticsAreAMonoid()
    {
        var gen =
            from d in Gen.Choose(1, 4)
            from sizes in Gen.Choose(0, 12).ArrayOf(3)
            from counts in Gen.Choose(0, 50).ArrayOf(sizes.Sum() * d)
            from weights in Gen.Frequency((1, Gen.Constant(0.0)), (2, Gen.Constant(1.0)), (3, Gen.Choose(1, 1000).Select(w => w / 300.0))).ArrayOf(sizes.Sum())
            select (d, sizes, counts.Select(c => (double)c).ToArray(), weights);
        var family = new PoissonFamily();
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (d, sizes, values, weights) = testCase;
            WeightedSumStatistics Part(int start, int count) => family.Summarize(values.AsSpan(start * d, count * d), d, weights.AsSpan(start, count));
            var a = Part(0, sizes[0]);
            var b = Part(sizes[0], sizes[1]);
            var c = Part(sizes[0] + sizes[1], sizes[2]);
            var whole = Part(0, sizes.Sum());
            var left = family.Combine(family.Combine(a, b), c);
            var right = family.Combine(a, family.Combine(b, c));
            foreach (var (name, merged) in new[] { ("(a·b)·c", left), ("a·(b·c)", right) })
            {
                TestSupport.AssertClose(whole.Weight, merged.Weight, 1e-14, $"{name} N");
                TestSupport.AssertClose(whole.Sums, merged.Sums, 1e-14, $"{name} sums");
            }
            Assert.Equal(a, family.Combine(a, family.Empty(d)));
            Assert.Equal(a, family.Combine(family.Empty(d), a));
        });
    }

    [SeededProperty(100)]
    public Property IntegerWeightsEqualDuplicatedRows()
    {
        var gen =
            from scenario in PoissonTestData.Scenarios(weightModes: [WeightMode.Integer], minRows: 10, maxRows: 40)
            from iterations in Gen.Choose(1, 12)
            select (scenario, iterations);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, iterations) = testCase;
            var weighted = scenario.CreateData();
            var expanded = Expand(weighted);
            var start = scenario.Initialize(expanded);
            if (start.IsLeft) return;
            var stopping = Core.Convergence.StoppingRule.Default(0, iterations);
            var a = Fitting.FitFrom(scenario.Family, weighted, start.Expect(), stopping).Expect("weighted fit");
            var b = Fitting.FitFrom(scenario.Family, expanded, start.Expect(), stopping).Expect("expanded fit");
            TestSupport.AssertClose(b.LogLikelihood, a.LogLikelihood, 1e-10, "log-likelihood");
            TestSupport.AssertClose(b.LogPrior, a.LogPrior, 1e-10, "log-prior");
            for (var k = 0; k < a.Mixture.Count; k++)
            {
                TestSupport.AssertClose(b.Mixture.Weights[k], a.Mixture.Weights[k], 1e-10, $"weight {k}");
                TestSupport.AssertClose(b.Mixture.Components[k].Rates, a.Mixture.Components[k].Rates, 1e-10, $"rates {k}");
            }
        });
    }

    [SeededProperty(200)]
    public Property OneComponentGivesTheClosedFormInOneStep()
    {
        // Maximum likelihood: λ_j = max(floor, Σ w x_j / Σ w). With Gamma(a, b): (s_j + a − 1) / (N + b).
        var gen =
            from scenario in PoissonTestData.Scenarios(maxComponents: 1)
            from startSeed in Generators.Seed
            select (scenario, startSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, startSeed) = testCase;
            var data = scenario.CreateData();
            var d = data.Columns;
            var random = new Random(startSeed);
            var start = new Mixture<PoissonComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(Component(Enumerable.Range(0, d).Select(_ => 0.01 + 50 * random.NextDouble()).ToArray())).ToArr());
            var family = scenario.Family;
            var state = Em.Step(family, data, EmState<PoissonComponent>.Initial(start)).Expect("step");
            var n = Enumerable.Range(0, data.Rows).Sum(data.Weight);
            var rates = state.Mixture.Components[0].Rates;
            for (var j = 0; j < d; j++)
            {
                var s = Enumerable.Range(0, data.Rows).Sum(i => data.Weight(i) * data.Row(i)[j]);
                var expected = family.Prior is { } prior ? (s + prior.Shape - 1) / (n + prior.Rate) : s / n;
                TestSupport.AssertClose(Math.Max(expected, PoissonFamily.DefaultFloor), rates[j], 1e-12, $"rate {j}");
            }
            Assert.Equal(1.0, state.Mixture.Weights[0]);
            var second = Em.Step(family, data, state).Expect("second step");
            TestSupport.AssertClose(rates, second.Mixture.Components[0].Rates, 1e-13, "fixed point");
        });
    }

    [Fact]
    public void AllZeroColumnNeverGivesNaNOrMinusInfinity()
    {
        // Column 1 is all zeros: its ML rate is 0 in every component, floored to 1e-10. Everything stays
        // finite, and a new row with a positive count there is unlikely but explainable.
        var random = new Random(7);
        var rows = 300;
        var values = new double[rows * 3];
        for (var i = 0; i < rows; i++)
        {
            values[i * 3] = PoissonTestData.Draw(random, i % 2 == 0 ? 2 : 12);
            values[i * 3 + 1] = 0;
            values[i * 3 + 2] = PoissonTestData.Draw(random, 5);
        }
        var data = Generators.ToDataset(values, rows, 3);
        var family = new PoissonFamily();
        foreach (var strategy in Generators.Strategies)
        {
            var fit = Fitting.Fit(family, data, 2, EmEnvironmentOptions(strategy)).Expect($"fit with {strategy}");
            Assert.True(double.IsFinite(fit.LogLikelihood), $"{strategy}: log-likelihood {fit.LogLikelihood}");
            foreach (var point in fit.Restarts[0].Trace) Assert.True(double.IsFinite(point.MeanLogLikelihood));
            foreach (var component in fit.Mixture.Components)
            {
                Assert.Equal(PoissonFamily.DefaultFloor, component.Rates[1]);
                Assert.All(component.Rates.ToArray(), rate => Assert.True(rate > 0 && double.IsFinite(rate)));
            }
            var surprise = Generators.ToDataset([3, 4, 5], 1, 3);
            var logDensity = Inference.LogDensities(family, surprise, fit.Mixture).Expect("surprising row")[0];
            Assert.True(double.IsFinite(logDensity) && logDensity < -80, $"log-density of a count of 4 in the zero column: {logDensity}");
        }
    }

    private static EmOptions EmEnvironmentOptions(Core.Initialization.InitializationStrategy strategy) =>
        new(Core.Convergence.StoppingRule.Default(1e-10, 200), strategy, Restarts: 2, Seed: 11);

    [Fact]
    public void ZeroColumnWithTheFloorAtZeroCountRowsStaysExact()
    {
        // A row of zeros under rates λ has log p = −Σ λ_j exactly: the floor costs 1e-10 per column.
        var component = Component(PoissonFamily.DefaultFloor, 2.5);
        var output = new double[1];
        component.LogDensities([0, 0], output);
        Assert.Equal(-(PoissonFamily.DefaultFloor + 2.5), output[0]);
    }

    [Fact]
    public void CheckNamesEveryNegativeOrFractionalCountByRowAndColumn()
    {
        var data = Generators.ToDataset([0, 1, 2, -1, 3, 2.5, 4, 5, 1e6], 3, 3);
        var errors = new PoissonFamily().Check(data).Match(Succ: _ => throw new Xunit.Sdk.XunitException("check passed"), Fail: e => e.ToArray());
        Assert.Equal(2, errors.Length);
        Assert.Contains("row 1, column 0 is -1", errors[0].Message);
        Assert.Contains("row 1, column 2 is 2.5", errors[1].Message);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.InvalidInput, e.Code));
        Assert.True(new PoissonFamily().Check(Generators.ToDataset([0, 7, 1e6, 3], 2, 2)).IsSuccess);
    }

    [Fact]
    public void InvalidHyperParametersAndEmptyComponentsAreErrors()
    {
        var statistics = Prelude.Array(WeightedSumStatistics.Of(3, [1, 2])).ToArr();
        Assert.Equal(ErrorCodes.InvalidInput, new PoissonFamily(new GammaPrior(0.5, 1)).Estimate(statistics).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, new PoissonFamily(new GammaPrior(2, 0)).Estimate(statistics).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, new PoissonFamily(Floor: 0).Estimate(statistics).ExpectLeft().Code);
        Assert.Equal(2, new PoissonFamily(new GammaPrior(0.5, -1)).Validate().Match(Succ: _ => 0, Fail: e => e.Count));
        var empty = Prelude.Array(WeightedSumStatistics.Of(3, [1, 2]), WeightedSumStatistics.Empty(2)).ToArr();
        Assert.Equal(ErrorCodes.EmptyComponent, new PoissonFamily().Estimate(empty).ExpectLeft().Code);
        Assert.True(PoissonComponent.Create([1, 0]).IsLeft);
        Assert.True(PoissonComponent.Create([1, double.NaN]).IsLeft);
        Assert.True(PoissonComponent.Create([]).IsLeft);
    }

    [Fact]
    public void LogPriorIsTheGammaLogDensityWithItsConstant()
    {
        var prior = new GammaPrior(3.5, 0.25);
        var components = Prelude.Array(Component(0.5, 7), Component(2, 1e-3)).ToArr();
        var expected = components.Sum(c => c.Rates.ToArray().Sum(rate => new MathNet.Numerics.Distributions.Gamma(3.5, 0.25).DensityLn(rate)));
        TestSupport.AssertClose(expected, new PoissonFamily(prior).LogPrior(components), 1e-13, "log-prior");
        Assert.Equal(0, new PoissonFamily().LogPrior(components));
        // Shape 1 is the exponential prior: log b − b λ.
        TestSupport.AssertClose(Math.Log(2) - 2 * 0.5, new GammaPrior(1, 2).LogDensity(0.5), 1e-15, "exponential");
    }

    [SeededProperty(200)]
    public Property TheMapRateIsThePosteriorMode()
    {
        // (s + a − 1)/(N + b) maximizes s log λ − N λ + (a − 1) log λ − b λ: the derivative vanishes there.
        var gen =
            from n in Gen.Choose(1, 1000)
            from s in Gen.Choose(0, 5000)
            from a in Gen.Choose(100, 1000)
            from b in Gen.Choose(1, 1000)
            select (n / 10.0, s / 10.0, a / 100.0, b / 100.0);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (n, s, a, b) = testCase;
            var rate = new PoissonFamily(new GammaPrior(a, b)).Estimate(Prelude.Array(WeightedSumStatistics.Of(n, [s])).ToArr()).Expect("estimate")[0].Rates[0];
            double Objective(double l) => (s + a - 1) * Math.Log(l) - (n + b) * l;
            Assert.True(Objective(rate) >= Objective(rate * 1.001) && Objective(rate) >= Objective(rate * 0.999), $"λ = {rate} is not the mode");
        });
    }

    [Fact]
    public void ParameterCountCenteringAndEquality()
    {
        var family = new PoissonFamily();
        Assert.Equal(12, family.FreeParameters(3, 4));
        var centered = family.CenteredAt([0, 3, 10]);
        Assert.Equal([0.5, 3.5, 10.5], centered.Rates.ToArray());
        Assert.Equal(Component(0.5, 3.5, 10.5), centered);
        Assert.NotEqual(Component(0.5, 3.5, 10.4), centered);
        Assert.Equal(new PoissonFamily(new GammaPrior(2, 1)), new PoissonFamily(new GammaPrior(2, 1)));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(1.3)]
    [InlineData(9.99)]
    [InlineData(10)]
    [InlineData(47)]
    [InlineData(2500)]
    public void SamplesHaveThePoissonDistribution(double rate)
    {
        // 40 000 draws: the mean and variance within 5 standard errors (SE of the mean √(λ/n), of the
        // variance √((λ + 2λ²)/n) for a Poisson), and each of the five most likely values' frequency
        // within 5 SE of its probability.
        const int n = 40_000;
        var component = Component(rate);
        var random = RandomSource.Create(1234);
        var draws = new double[n];
        var one = new double[1];
        for (var i = 0; i < n; i++)
        {
            component.Sample(ref random, one);
            draws[i] = one[0];
        }
        Assert.All(draws, x => Assert.True(x >= 0 && x == Math.Floor(x)));
        var mean = draws.Average();
        var variance = draws.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        Assert.True(Math.Abs(mean - rate) <= 5 * Math.Sqrt(rate / n), $"mean {mean} vs {rate}");
        Assert.True(Math.Abs(variance - rate) <= 5 * Math.Sqrt((rate + 2 * rate * rate) / n), $"variance {variance} vs {rate}");
        var mode = Math.Floor(rate);
        for (var k = Math.Max(0, mode - 2); k <= mode + 2; k++)
        {
            var p = Math.Exp(MathNet.Numerics.Distributions.Poisson.PMFLn(rate, (int)k));
            var frequency = draws.Count(x => x == k) / (double)n;
            Assert.True(Math.Abs(frequency - p) <= 5 * Math.Sqrt(p * (1 - p) / n) + 1e-12, $"P(X = {k}): {frequency} vs {p}");
        }
    }
}
