using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 11: initialization is a deterministic function of its seed; different seeds explore different
/// starts; asking for more components than distinct rows is invalid input; and Fit with R restarts
/// reports R restarts and keeps the one with the highest final log-likelihood.
/// </summary>
public class InitializationLaws
{
    private static InitializationStrategy Strategy(string name) => Generators.Strategies.Single(s => s.GetType().Name == name);

    [SeededProperty(150)]
    public Property EveryStrategyIsDeterministicForASeed()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var first = scenario.Initialize(data).Expect("initialization");
            var second = scenario.Initialize(data).Expect("initialization again");
            TestSupport.AssertIdentical(first, second, $"{scenario.Initialization} start");
            Assert.Equal(scenario.Components, first.Count);
        });
    }

    [SeededProperty(100)]
    public Property RandomFromDataStartsAtDistinctDataRowsWithEqualWeightsAndIdentityCovariance()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(strategies: [new InitializationStrategy.RandomFromData()])), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var k = start.Count;
            var identity = scenario.Family.CenteredAt(new double[data.Columns]).CovarianceParameters.ToArray();
            var chosen = new List<int>();
            for (var c = 0; c < k; c++)
            {
                Assert.Equal(1.0 / k, start.Weights[c]);
                Assert.Equal(identity, start.Components[c].CovarianceParameters.ToArray());
                var mean = start.Components[c].Mean.ToArray();
                var row = Enumerable.Range(0, data.Rows).Where(i => data.Weight(i) > 0 && data.Row(i).SequenceEqual(mean)).ToArray();
                Assert.True(row.Length > 0, $"centre {c} is not a row with positive weight");
                chosen.Add(row[0]);
            }
            Assert.Equal(k, chosen.Distinct().Count());
        });
    }

    [SeededProperty(50)]
    public Property DifferentSeedsGiveDifferentRandomFromDataStarts()
    {
        // 200 distinct rows and K ≥ 3: two seeds pick the same ordered centres with probability
        // 1/(200·199·198) ≈ 1.3e-7 per case, so a failure here means the seed is ignored.
        var gen =
            from dataSeed in Generators.Seed
            from k in Gen.Choose(3, 4)
            from seeds in Generators.Seed64.Two().Where(pair => pair.Item1 != pair.Item2)
            select (dataSeed, k, seeds);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (dataSeed, k, (seedA, seedB)) = testCase;
            var (values, _) = Generators.ClusteredArrays(dataSeed, 200, 2, 3, WeightMode.None);
            var data = Generators.ToDataset(values, 200, 2);
            var family = new GaussianFamily(CovarianceKind.Full);
            var a = Initializer.Initialize(family, data, k, new InitializationStrategy.RandomFromData(), seedA).Expect("seed A");
            var b = Initializer.Initialize(family, data, k, new InitializationStrategy.RandomFromData(), seedB).Expect("seed B");
            var same = Enumerable.Range(0, k).All(c => a.Components[c].Mean.SequenceEqual(b.Components[c].Mean));
            Assert.False(same, $"seeds {seedA} and {seedB} gave the same start");
        });
    }

    [Fact]
    public void DifferentSeedsGiveDifferentStartsForEveryRandomizedStrategy()
    {
        // Seed-dependence of every strategy, on data where the choice matters (K = 4 in one blob of 200
        // rows): over 20 seeds, at least two distinct starts must appear.
        var (values, _) = Generators.ClusteredArrays(11, 200, 2, 1, WeightMode.None);
        var data = Generators.ToDataset(values, 200, 2);
        var family = new GaussianFamily(CovarianceKind.Diagonal);
        foreach (var strategy in Generators.Strategies)
        {
            var means = Enumerable.Range(0, 20)
                .Select(seed => Initializer.Initialize(family, data, 4, strategy, (ulong)seed).Expect($"{strategy} seed {seed}"))
                .Select(m => string.Join(";", m.Components.Map(c => string.Join(",", c.Mean.ToArray().Select(v => v.ToString("R"))))))
                .Distinct()
                .Count();
            Assert.True(means > 1, $"{strategy}: every seed gave the same start");
        }
    }

    /// <summary>
    /// Data with exactly <c>distinct</c> distinct rows among positive-weight rows, each repeated, plus
    /// distinct rows of weight 0 (which must not count).
    /// </summary>
    /// <summary>A generated dataset with few distinct rows, printable for replay.</summary>
    public sealed record FewRowsCase(double[][] Rows, double[] Weights, int Distinct, int Components)
    {
        public Dataset Data => Dataset.FromRows(Rows, Weights).Match(Succ: d => d, Fail: _ => throw new InvalidOperationException("invalid generated data"));

        public override string ToString() =>
            $"K = {Components}, {Distinct} distinct rows; rows = [{string.Join("; ", Rows.Select(r => string.Join(", ", r.Select(v => v.ToString("R")))))}]; weights = [{string.Join(", ", Weights)}]";
    }

    private static Gen<FewRowsCase> FewDistinctRows =>
        from distinct in Gen.Choose(1, 4)
        from extra in Gen.Choose(1, 3)
        from copies in Gen.Choose(1, 5).ArrayOf(distinct)
        from zeroRows in Gen.Choose(0, 3)
        from columns in Gen.Choose(1, 3)
        from seed in Generators.Seed
        select Build(distinct, distinct + extra, copies, zeroRows, columns, seed);

    private static FewRowsCase Build(int distinct, int components, int[] copies, int zeroRows, int columns, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, distinct + zeroRows).Select(_ => Enumerable.Range(0, columns).Select(_ => 10 * random.NextDouble()).ToArray()).ToArray();
        var rows = new List<double[]>();
        var weights = new List<double>();
        for (var p = 0; p < distinct; p++)
            for (var c = 0; c < copies[p]; c++) { rows.Add(points[p]); weights.Add(1 + random.Next(3)); }
        for (var z = 0; z < zeroRows; z++) { rows.Add(points[distinct + z]); weights.Add(0); }
        var order = TestSupport.Permutation(random, rows.Count);
        return new FewRowsCase(order.Select(i => rows[i]).ToArray(), order.Select(i => weights[i]).ToArray(), distinct, components);
    }

    [SeededProperty(100)]
    public Property MoreComponentsThanDistinctRowsIsInvalidInput_KMeansPlusPlus() => MoreComponentsThanDistinctRowsIsInvalidInput(nameof(InitializationStrategy.KMeansPlusPlus));

    [SeededProperty(100)]
    public Property MoreComponentsThanDistinctRowsIsInvalidInput_KMeans() => MoreComponentsThanDistinctRowsIsInvalidInput(nameof(InitializationStrategy.KMeans));

    [SeededProperty(100)]
    public Property MoreComponentsThanDistinctRowsIsInvalidInput_RandomFromData() => MoreComponentsThanDistinctRowsIsInvalidInput(nameof(InitializationStrategy.RandomFromData));

    [SeededProperty(100)]
    public Property MoreComponentsThanDistinctRowsIsInvalidInput_RandomResponsibilities() => MoreComponentsThanDistinctRowsIsInvalidInput(nameof(InitializationStrategy.RandomResponsibilities));

    /// <summary>The law for one strategy, by its type's name (one property test per strategy).</summary>
    private static Property MoreComponentsThanDistinctRowsIsInvalidInput(string strategyName)
    {
        var strategy = Strategy(strategyName);
        return Prop.ForAll(Arb.From(FewDistinctRows), testCase =>
        {
            var (data, distinct, components) = (testCase.Data, testCase.Distinct, testCase.Components);
            Assert.Equal(distinct, data.CountDistinctRows(int.MaxValue));
            var family = new GaussianFamily(CovarianceKind.Full);
            var error = Initializer.Initialize(family, data, components, strategy, 1).ExpectLeft($"{strategyName} with K = {components} > {distinct} distinct rows");
            Assert.Equal(ErrorCodes.InvalidInput, error.Code);
            var fit = Fitting.Fit(family, data, components, new EmOptions(StoppingRule.Default(), strategy, 2, 5)).ExpectLeft($"Fit ({strategyName})");
            Assert.Equal(ErrorCodes.InvalidInput, fit.Code);
            // Exactly as many components as distinct rows is fine.
            Initializer.Initialize(family, data, distinct, strategy, 1).Expect($"{strategyName} with K = distinct rows");
        });
    }

    [Fact]
    public void FewerThanOneComponentIsInvalidInput()
    {
        var data = Generators.ToDataset([1.0, 2.0, 3.0], 3, 1);
        foreach (var strategy in Generators.Strategies)
            foreach (var k in new[] { 0, -1 })
                Assert.Equal(ErrorCodes.InvalidInput, Initializer.Initialize(new GaussianFamily(CovarianceKind.Full), data, k, strategy, 0).ExpectLeft($"{strategy} K = {k}").Code);
        Assert.Equal(ErrorCodes.InvalidInput, Fitting.Fit(new GaussianFamily(CovarianceKind.Full), data, 1, EmOptions.Default with { Restarts = 0 }).ExpectLeft("0 restarts").Code);
    }

    [SeededProperty(60)]
    public Property RestartsAreAllReportedAndTheBestFinalLogLikelihoodWins()
    {
        var gen =
            from scenario in Generators.Scenarios(maxRows: 40)
            from restarts in Gen.Choose(1, 5)
            select (scenario, restarts);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, restarts) = testCase;
            var data = scenario.CreateData();
            var stopping = StoppingRule.Default(1e-4, 50);
            var options = new EmOptions(stopping, scenario.Initialization, restarts, scenario.InitializationSeed);
            var fit = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("Fit");
            Assert.Equal(restarts, fit.Restarts.Count);
            var best = double.NegativeInfinity;
            var bestIndex = -1;
            for (var r = 0; r < restarts; r++)
            {
                var restart = fit.Restarts[r];
                Assert.Equal(r, restart.Index);
                Assert.Equal(Numerics.RandomSource.DeriveSeed(scenario.InitializationSeed, r), restart.Seed);
                // Each restart is a FitFrom its own seeded start.
                var start = Initializer.Initialize(scenario.Family, data, scenario.Components, scenario.Initialization, restart.Seed).Expect("restart start");
                var alone = Fitting.FitFrom(scenario.Family, data, start, stopping);
                Assert.Equal(alone.IsRight, restart.Outcome.IsRight);
                if (restart.Outcome.IsLeft) continue;
                var (state, logLikelihood) = restart.Outcome.Expect();
                TestSupport.AssertIdentical(alone.Expect().LogLikelihood, logLikelihood, $"restart {r} log-likelihood");
                TestSupport.AssertIdentical(alone.Expect().Mixture, state.Mixture, $"restart {r} mixture");
                if (logLikelihood > best) (best, bestIndex) = (logLikelihood, r);
            }
            Assert.Equal(bestIndex, fit.BestRestart);
            TestSupport.AssertIdentical(best, fit.LogLikelihood, "best log-likelihood");
            TestSupport.AssertIdentical(fit.Restarts[bestIndex].Outcome.Expect().State.Mixture, fit.Mixture, "best mixture");
        });
    }
}
