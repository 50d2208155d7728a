using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using static EmFunctional.Core.Tests.Families.FamilyTestSupport;

namespace EmFunctional.Core.Tests.Families.Product;

/// <summary>
/// The laws of the product family: groups must partition the columns; a single group is its family
/// alone, bit for bit; the log-density is the sum of the groups'; responsibilities are distributions;
/// EM never decreases the log-likelihood (log-posterior with priors); statistics are a monoid; integer
/// weights are duplicated rows; one component gives every group's closed form; sampling puts each
/// group's draws into its own columns.
/// </summary>
public class ProductLaws
{
    private readonly PropertyRun run = new();
    private int fullRuns;

    private static readonly ProductFamily Mixed = ProductTestData.Create(
        PartFamily.Of(new GaussianFamily(CovarianceKind.Full), [3, 0]),
        PartFamily.Of(new BernoulliFamily(), [4, 1]),
        PartFamily.Of(new PoissonFamily(), [2]));

    [Fact]
    public void GroupsMustCoverEveryColumnExactlyOnce()
    {
        string[] Problems(params IPartFamily[] parts) =>
            ProductFamily.Create(parts).Match(Succ: _ => [], Fail: errors => errors.Map(e => e.Message).ToArray());
        var gaussian = new GaussianFamily(CovarianceKind.Diagonal);
        var poisson = new PoissonFamily();

        Assert.Empty(Problems(PartFamily.Of(gaussian, [1, 2]), PartFamily.Of(poisson, [0])));
        Assert.Contains(Problems(), p => p.Contains("at least one column group"));
        var overlap = Problems(PartFamily.Of(gaussian, [0, 1]), PartFamily.Of(poisson, [1, 2]));
        Assert.Equal(["column 1 is in column groups 0 and 1; each column belongs to exactly one group"], overlap);
        Assert.Contains(Problems(PartFamily.Of(gaussian, [0, 0]), PartFamily.Of(poisson, [1])), p => p.Contains("names column 0 twice"));
        Assert.Contains(Problems(PartFamily.Of(gaussian, [0, 3]), PartFamily.Of(poisson, [4])), p => p.Contains("columns 1, 2 are in no column group"));
        Assert.Contains(Problems(PartFamily.Of(gaussian, [0, -1])), p => p.Contains("names column -1"));
        Assert.Contains(Problems(PartFamily.Of(gaussian, []), PartFamily.Of(poisson, [0])), p => p.Contains("column group 0 has no columns"));
        // Every problem at once.
        Assert.Equal(2, Problems(PartFamily.Of(gaussian, [0, 2]), PartFamily.Of(poisson, [2, 4])).Length);
        Assert.Equal(5, Mixed.Dimensions);
    }

    /// <summary>Bit-for-bit equality of a product run with one group and the run of that family alone.</summary>
    private static void AssertSameRun<TComponent, TStatistics>(
        Core.Families.IComponentFamily<TComponent, TStatistics> alone, Dataset data, Mixture<TComponent> start, int steps, int[] columns)
        where TComponent : notnull
        where TStatistics : Core.Families.IComponentStatistics
    {
        var product = ProductTestData.Create(PartFamily.Of(alone, columns));
        var productStart = new Mixture<ProductComponent>(start.Weights, start.Components.Map(c => product.Compose(c).Expect("compose")));
        var (expected, expectedError) = Run(alone, data, start, steps);
        var (actual, actualError) = Run(product, data, productStart, steps);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expectedError?.Code, actualError?.Code);
        for (var t = 0; t < expected.Count; t++)
        {
            TestSupport.AssertIdentical(expected[t].MeanLogLikelihood, actual[t].MeanLogLikelihood, $"state {t} log-likelihood");
            TestSupport.AssertIdentical(expected[t].Change, actual[t].Change, $"state {t} change");
            TestSupport.AssertIdentical(expected[t].MeanLogPrior, actual[t].MeanLogPrior, $"state {t} log-prior");
            for (var k = 0; k < start.Count; k++)
            {
                TestSupport.AssertIdentical(expected[t].Mixture.Weights[k], actual[t].Mixture.Weights[k], $"state {t} weight {k}");
                Assert.Equal(expected[t].Mixture.Components[k], actual[t].Mixture.Components[k].Part<TComponent>(0));
                TestSupport.AssertIdentical(expected[t].Diagnostics[k].EffectiveCount, actual[t].Diagnostics[k].EffectiveCount, $"state {t} N_{k}");
            }
        }
    }

    [SeededProperty(60)]
    public Property OneGroupIsItsFamilyAlone_Gaussian()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxRows: 50)), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family with { Prior = scenario.Components > 1 ? null : GaussianPrior.Default(data, 1, scenario.Kind).Match<GaussianPrior?>(Succ: p => p, Fail: _ => null) };
            var start = Core.Initialization.Initializer.Initialize(family, data, scenario.Components, scenario.Initialization, scenario.InitializationSeed);
            if (start.IsLeft) return;
            AssertSameRun(family, data, start.Expect(), 8, Enumerable.Range(0, data.Columns).ToArray());
        });
    }

    [SeededProperty(60)]
    public Property OneGroupIsItsFamilyAlone_Poisson()
    {
        return Prop.ForAll(Arb.From(Poisson.PoissonTestData.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data);
            if (start.IsLeft) return;
            AssertSameRun(scenario.Family, data, start.Expect(), 8, Enumerable.Range(0, data.Columns).ToArray());
        });
    }

    [SeededProperty(40)]
    public Property OneReorderedGroupIsItsFamilyOnTheReorderedColumns()
    {
        // Gathering columns (2, 0, 1) of the table gives exactly the values of the reordered table, so the
        // runs agree bit for bit even though the product now goes through its scratch blocks.
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxRows: 50, maxColumns: 3)), scenario =>
        {
            var data = scenario.CreateData();
            if (data.Columns < 2) return;
            var order = Enumerable.Range(1, data.Columns - 1).Append(0).ToArray();
            var reordered = ProductTestData.Columns(data, order);
            var start = scenario.Initialize(reordered);
            if (start.IsLeft) return;
            var product = ProductTestData.Create(PartFamily.Of(scenario.Family, order));
            var (expected, _) = Run(scenario.Family, reordered, start.Expect(), 6);
            var (actual, _) = Run(product, data, new Mixture<ProductComponent>(start.Expect().Weights, start.Expect().Components.Map(c => product.Compose(c).Expect())), 6);
            Assert.Equal(expected.Count, actual.Count);
            for (var t = 0; t < expected.Count; t++)
            {
                TestSupport.AssertIdentical(expected[t].MeanLogLikelihood, actual[t].MeanLogLikelihood, $"state {t}");
                for (var k = 0; k < expected[t].Mixture.Count; k++)
                    Assert.Equal(expected[t].Mixture.Components[k], actual[t].Mixture.Components[k].Part<GaussianComponent>(0));
            }
        });
    }

    [SeededProperty(60)]
    public Property LogDensityIsTheSumOverGroups()
    {
        return Prop.ForAll(Arb.From(ProductTestData.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var start = scenario.Initialize(family, data);
            if (start.IsLeft) return;
            var component = start.Expect().Components[0];
            var output = new double[data.Rows];
            family.LogDensities(component, data.Values, data.Columns, output);
            var expected = new double[data.Rows];
            var partial = new double[data.Rows];
            var layout = scenario.Layout;
            new GaussianFamily(CovarianceKind.Full).LogDensities(component.Part<GaussianComponent>(0), ProductTestData.Columns(data, layout.Gaussian).Values, 2, expected);
            new BernoulliFamily().LogDensities(component.Part<BernoulliComponent>(1), ProductTestData.Columns(data, layout.Binary).Values, 2, partial);
            for (var i = 0; i < data.Rows; i++) expected[i] += partial[i];
            new PoissonFamily().LogDensities(component.Part<PoissonComponent>(2), ProductTestData.Columns(data, layout.Counts).Values, 1, partial);
            for (var i = 0; i < data.Rows; i++) expected[i] += partial[i];
            for (var i = 0; i < data.Rows; i++) TestSupport.AssertIdentical(expected[i], output[i], $"row {i}");
        });
    }

    [SeededProperty(60)]
    public Property ResponsibilitiesAreDistributions()
    {
        return Prop.ForAll(Arb.From(ProductTestData.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var start = scenario.Initialize(family, data);
            if (start.IsLeft) return;
            var (states, _) = Run(family, data, start.Expect(), 5);
            AssertResponsibilitiesAreDistributions(family, data, states.Count > 0 ? states[^1].Mixture : start.Expect());
        });
    }

    /// <summary>The condition number of the Gaussian group's covariance, worst over the components.</summary>
    private static double WorstCondition(EmState<ProductComponent> state) =>
        state.Mixture.Components.Max(c =>
        {
            var gaussian = c.Part<GaussianComponent>(0);
            var eigenvalues = TestSupport.Matrix(gaussian.FullCovariance(), gaussian.Dimensions).Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
            return eigenvalues.Max() / eigenvalues.Min();
        });

    /// <summary>The Gaussian group's view of a product state, for <see cref="MonotonicityLaws.RegularizationLoss"/>.</summary>
    private static EmState<GaussianComponent> GaussianPart(EmState<ProductComponent> state) => new(
        state.Iteration,
        new Mixture<GaussianComponent>(state.Mixture.Weights, state.Mixture.Components.Map(c => c.Part<GaussianComponent>(0))),
        Option<Mixture<GaussianComponent>>.None, state.MeanLogLikelihood, state.Change, Option<double>.None, state.Diagnostics, Option<Core.Convergence.StopReason>.None);

    [SeededProperty(120)]
    public Property LogLikelihoodNeverDecreases_WithoutRegularizationOrPriors()
    {
        // λ = 0 is exact EM, so the law is exact up to rounding, but only while the Gaussian covariances are
        // well conditioned: the binary and count columns can isolate D or fewer rows in one component,
        // whose covariance then tends to singular and whose "likelihood" becomes rounding noise of size
        // ε·cond(Σ). The check stops at the first state whose mixture has cond(Σ) > 10⁶ (its successor
        // evaluates that mixture); the next test covers those runs with λ > 0.
        return run.ForAll(this, ProductTestData.Scenarios(regularization: 0, withPriors: false, minRows: 60, maxRows: 150), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var start = scenario.Initialize(family, data);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 40);
            if (error is { } failure)
            {
                Assert.True(failure.Code is ErrorCodes.IllDefinedCovariance or ErrorCodes.EmptyComponent, failure.Message);
                Assert.StartsWith("column group ", failure.Message);
            }
            var illConditioned = states.FindIndex(s => WorstCondition(s) > 1e6);
            var usable = illConditioned < 0 ? states : states.Take(illConditioned + 1).ToList();
            AssertMonotone(usable);
            if (usable.Count >= 10) fullRuns++;
        }, atEnd: () => Assert.True(fullRuns >= 80, $"only {fullRuns} of 120 cases ran 10 well-conditioned steps"));
    }

    [SeededProperty(120)]
    public Property LogLikelihoodDecreasesAtMostByTheGaussianRegularizationLoss()
    {
        // With λ > 0 the Gaussian group's M-step is Σ̂ + λI, which may lower Q by the bound Δ of
        // MonotonicityLaws; the Bernoulli and Poisson groups' floored M-steps are exact. Every run counts.
        var gen =
            from lambda in Gen.Elements(1e-6, 1e-3)
            from scenario in ProductTestData.Scenarios(withPriors: false)
            select scenario with { Regularization = lambda };
        return Prop.ForAll(Arb.From(gen), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var gaussian = (GaussianFamily)family.Parts[0].Family;
            var start = scenario.Initialize(family, data);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 40);
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states, previous => MonotonicityLaws.RegularizationLoss(GaussianPart(previous), gaussian));
        });
    }

    [SeededProperty(120)]
    public Property LogPosteriorNeverDecreases_WithEveryGroupsPrior()
    {
        return run.ForAll(this, ProductTestData.Scenarios(regularization: 0, withPriors: true), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var start = scenario.Initialize(family, data);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 40);
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states);
            if (states.Count >= 10) fullRuns++;
        }, atEnd: () => Assert.True(fullRuns >= 80, $"only {fullRuns} of 120 cases ran 10 steps"));
    }

    [SeededProperty(100)]
    public Property StatisticsAreAMonoid()
    {
        var gen =
            from scenario in ProductTestData.Scenarios(weightModes: [WeightMode.Real])
            from cut1 in Gen.Choose(0, 30)
            from cut2 in Gen.Choose(0, 30)
            select (scenario, Math.Min(cut1, cut2), Math.Max(cut1, cut2));
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, first, second) = testCase;
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var d = data.Columns;
            var weights = TestSupport.WeightsOf(data);
            ProductStatistics Part(int start, int count) => family.Summarize(data.Block(start, count), d, weights.AsSpan(start, count));
            var a = Part(0, first);
            var b = Part(first, second - first);
            var c = Part(second, data.Rows - second);
            var whole = Part(0, data.Rows);
            foreach (var merged in new[] { family.Combine(family.Combine(a, b), c), family.Combine(a, family.Combine(b, c)) })
            {
                TestSupport.AssertClose(whole.Weight, merged.Weight, 1e-13, "N");
                var (wg, mg) = (whole.Part<GaussianStatistics>(0), merged.Part<GaussianStatistics>(0));
                TestSupport.AssertClose(wg.Mean, mg.Mean, 1e-12, "Gaussian mean");
                TestSupport.AssertClose(wg.Scatter, mg.Scatter, 1e-11, "Gaussian scatter");
                TestSupport.AssertClose(whole.Part<WeightedSumStatistics>(1).Weight, mg.Weight, 1e-13, "Bernoulli N");
                TestSupport.AssertClose(whole.Part<WeightedSumStatistics>(2).Sums, merged.Part<WeightedSumStatistics>(2).Sums, 1e-13, "Poisson sums");
            }
            Assert.Equal(a, family.Combine(a, family.Empty(d)));
            Assert.Equal(a, family.Combine(family.Empty(d), a));
        });
    }

    [SeededProperty(60)]
    public Property IntegerWeightsEqualDuplicatedRows()
    {
        var gen =
            from scenario in ProductTestData.Scenarios(weightModes: [WeightMode.Integer], maxRows: 50)
            from iterations in Gen.Choose(1, 10)
            select (scenario, iterations);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, iterations) = testCase;
            var weighted = scenario.CreateData();
            var expanded = Expand(weighted);
            var family = scenario.Family(expanded);
            var start = scenario.Initialize(family, expanded);
            if (start.IsLeft) return;
            var stopping = Core.Convergence.StoppingRule.Default(0, iterations);
            var a = Fitting.FitFrom(family, weighted, start.Expect(), stopping);
            var b = Fitting.FitFrom(family, expanded, start.Expect(), stopping);
            Assert.Equal(b.IsRight, a.IsRight);
            if (a.IsLeft) return;
            var (fa, fb) = (a.Expect(), b.Expect());
            TestSupport.AssertClose(fb.LogLikelihood, fa.LogLikelihood, 1e-9, "log-likelihood");
            TestSupport.AssertClose(fb.LogPrior, fa.LogPrior, 1e-9, "log-prior");
            for (var k = 0; k < fa.Mixture.Count; k++)
            {
                TestSupport.AssertClose(fb.Mixture.Weights[k], fa.Mixture.Weights[k], 1e-9, $"weight {k}");
                TestSupport.AssertClose(fb.Mixture.Components[k].Part<GaussianComponent>(0).FullCovariance(), fa.Mixture.Components[k].Part<GaussianComponent>(0).FullCovariance(), 1e-8, $"covariance {k}");
                TestSupport.AssertClose(fb.Mixture.Components[k].Part<BernoulliComponent>(1).Probabilities, fa.Mixture.Components[k].Part<BernoulliComponent>(1).Probabilities, 1e-9, $"probabilities {k}");
                TestSupport.AssertClose(fb.Mixture.Components[k].Part<PoissonComponent>(2).Rates, fa.Mixture.Components[k].Part<PoissonComponent>(2).Rates, 1e-9, $"rates {k}");
            }
        });
    }

    [SeededProperty(80)]
    public Property OneComponentGivesEveryGroupsClosedFormInOneStep()
    {
        // Each group's estimate equals its family's estimate on its own columns: the weighted mean and
        // biased covariance (+λ), the mean of the binary columns, the mean count.
        return Prop.ForAll(Arb.From(ProductTestData.Scenarios(maxComponents: 1)), scenario =>
        {
            var data = scenario.CreateData();
            var family = scenario.Family(data);
            var start = new Mixture<ProductComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var state = Em.Step(family, data, EmState<ProductComponent>.Initial(start)).Expect("step");
            var component = state.Mixture.Components[0];
            var layout = scenario.Layout;
            var n = data.TotalWeight;
            var weights = TestSupport.WeightsOf(data);
            var (_, mean, scatter) = TestSupport.TwoPass(ProductTestData.Columns(data, layout.Gaussian).Values, 2, weights);
            var gaussian = component.Part<GaussianComponent>(0);
            if (!scenario.WithPriors)
            {
                TestSupport.AssertClose(mean, gaussian.Mean, 1e-12, "Gaussian mean");
                TestSupport.AssertClose(scatter.Select((s, i) => s / n + (i % 3 == 0 ? scenario.Regularization : 0)).ToArray(), gaussian.FullCovariance(), 1e-11, "Gaussian covariance");
            }
            for (var j = 0; j < 2; j++)
            {
                var s = Enumerable.Range(0, data.Rows).Sum(i => weights[i] * data.Row(i)[layout.Binary[j]]);
                var expected = scenario.WithPriors ? (s + 1) / (n + 2) : Math.Clamp(s / n, 1e-10, 1 - 1e-10);
                TestSupport.AssertClose(expected, component.Part<BernoulliComponent>(1).Probabilities[j], 1e-12, $"p_{j}");
            }
            var counts = Enumerable.Range(0, data.Rows).Sum(i => weights[i] * data.Row(i)[layout.Counts[0]]);
            var rate = scenario.WithPriors ? (counts + 1) / (n + 0.5) : Math.Max(counts / n, 1e-10);
            TestSupport.AssertClose(rate, component.Part<PoissonComponent>(2).Rates[0], 1e-12, "λ");
        });
    }

    [Fact]
    public void ParameterCountAndLogPriorAreSumsOverGroups()
    {
        Assert.Equal(3 * (2 + 3) + 3 * 2 + 3 * 1, Mixed.FreeParameters(3, 5));
        var scenario = new ProductScenario(3, 60, 2, Layout.Interleaved, WeightMode.None, 2, 1e-6, true, new Core.Initialization.InitializationStrategy.KMeansPlusPlus(), 9);
        var data = scenario.CreateData();
        var family = scenario.Family(data);
        var mixture = scenario.Initialize(family, data).Expect("initialization");
        var expected =
            ((GaussianFamily)family.Parts[0].Family).LogPrior(mixture.Components.Map(c => c.Part<GaussianComponent>(0)))
            + ((BernoulliFamily)family.Parts[1].Family).LogPrior(mixture.Components.Map(c => c.Part<BernoulliComponent>(1)))
            + ((PoissonFamily)family.Parts[2].Family).LogPrior(mixture.Components.Map(c => c.Part<PoissonComponent>(2)));
        Assert.NotEqual(0, expected);
        TestSupport.AssertIdentical(expected, family.LogPrior(mixture.Components), "log-prior");
    }

    [Fact]
    public void CenteredAtGathersEachGroupsColumns()
    {
        var component = Mixed.CenteredAt([10, 1, 7, 20, 0]);
        Assert.Equal([20.0, 10.0], component.Part<GaussianComponent>(0).Mean.ToArray());
        Assert.Equal(new PoissonFamily().CenteredAt([7]), component.Part<PoissonComponent>(2));
        Assert.Equal(new BernoulliFamily().CenteredAt([0, 1]), component.Part<BernoulliComponent>(1));
    }

    [Fact]
    public void SamplingWritesEachGroupIntoItsOwnColumns()
    {
        var gaussian = GaussianComponent.Create(CovarianceKind.Full, [100, -50], [1, 0.3, 0.3, 2]).Expect();
        var binary = BernoulliComponent.Create([0.2, 0.9]).Expect();
        var counts = PoissonComponent.Create([4]).Expect();
        var mixture = new Mixture<ProductComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(Mixed.Compose(gaussian, binary, counts).Expect()).ToArr());
        var (rows, labels) = Inference.Sample(Mixed, mixture, 5, 20_000, seed: 42);
        Assert.All(labels, l => Assert.Equal(0, l));
        double Mean(int column) => Enumerable.Range(0, 20_000).Average(i => rows[i * 5 + column]);
        // Gaussian column order is (3, 0): the first mean goes to column 3. SEs: 0.01, 0.003, 0.014.
        Assert.InRange(Mean(3), 99.95, 100.05);
        Assert.InRange(Mean(0), -50.05, -49.95);
        Assert.InRange(Mean(4), 0.17, 0.23);
        Assert.InRange(Mean(1), 0.87, 0.93);
        Assert.InRange(Mean(2), 3.9, 4.1);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.True(rows[i * 5 + 4] is 0 or 1 && rows[i * 5 + 1] is 0 or 1, $"row {i} binary columns");
            Assert.True(rows[i * 5 + 2] >= 0 && rows[i * 5 + 2] == Math.Floor(rows[i * 5 + 2]), $"row {i} count");
        }
        Assert.True(Mixed.Check(Generators.ToDataset(rows, 20_000, 5)).IsSuccess);
    }

    [Fact]
    public void SamplingWithOneGroupIsTheFamilysSampling()
    {
        var family = new GaussianFamily(CovarianceKind.Full);
        var mixture = Generators.RandomMixture(new Random(5), CovarianceKind.Full, 3, 2);
        var product = ProductTestData.Create(PartFamily.Of(family, [0, 1, 2]));
        var productMixture = new Mixture<ProductComponent>(mixture.Weights, mixture.Components.Map(c => product.Compose(c).Expect()));
        var (expected, expectedLabels) = Inference.Sample(family, mixture, 3, 500, 77);
        var (actual, actualLabels) = Inference.Sample(product, productMixture, 3, 500, 77);
        Assert.Equal(expectedLabels, actualLabels);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void CheckRunsEachGroupsCheckAndNamesTheDataColumns()
    {
        var family = ProductTestData.CheckedInterleaved();
        var good = Generators.ToDataset([0.5, 1, 3, -2.5, 0, 1.5, 0, 0, 7, 1], 2, 5);
        Assert.True(family.Check(good).IsSuccess);
        var bad = Generators.ToDataset([0.5, 1, 3.5, -2.5, 0, 1.5, 2, 0, 7, 1], 2, 5);
        var errors = family.Check(bad).Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToArray());
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("column group 1 (data columns 4, 1, numbered 0 to 1 below): ", errors[0]);
        Assert.Contains("row 1, column 1", errors[0]);
        Assert.StartsWith("column group 2 (data column 2): row 0, column 0 is 3.5", errors[1]);
        var narrow = Generators.ToDataset([1, 2, 3, 4], 1, 4);
        Assert.Contains("has 4 columns but the product family's column groups cover 5", family.Check(narrow).Match(Succ: _ => "", Fail: e => e.Head.Message));
    }

    [Fact]
    public void ComposeAndPartCheckTypes()
    {
        var gaussian = GaussianComponent.Create(CovarianceKind.Full, [0, 0], [1, 0, 0, 1]).Expect();
        var binary = BernoulliComponent.Create([0.2, 0.9]).Expect();
        var counts = PoissonComponent.Create([4]).Expect();
        var component = Mixed.Compose(gaussian, binary, counts).Expect();
        Assert.Same(counts, component.Part<PoissonComponent>(2));
        Assert.Equal(3, component.Count);
        Assert.Equal(component, Mixed.Compose(gaussian, binary, PoissonComponent.Create([4]).Expect()).Expect());
        Assert.Contains("column group 2 needs a PoissonComponent", Mixed.Compose(gaussian, binary, gaussian).ExpectLeft().Message);
        Assert.Contains("3 column groups but 2", Mixed.Compose(gaussian, binary).ExpectLeft().Message);
        var cast = Assert.Throws<InvalidCastException>(() => component.Part<GaussianComponent>(1));
        Assert.Contains("column group 1 holds a BernoulliComponent, not a GaussianComponent", cast.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => component.Part<PoissonComponent>(3));
    }

    [Fact]
    public void EstimateErrorsNameTheGroup()
    {
        // Two identical Gaussian points with λ = 0: the Gaussian group's covariance is singular.
        var family = ProductTestData.Create(PartFamily.Of(new PoissonFamily(), [0]), PartFamily.Of(new GaussianFamily(CovarianceKind.Full, 0), [1, 2]));
        var data = Generators.ToDataset([1, 2, 3, 4, 2, 3, 0, 2, 3], 3, 3);
        var statistics = family.Summarize(data.Values, 3, [1, 1, 1]);
        var error = family.Estimate(Prelude.Array(statistics).ToArr()).ExpectLeft();
        Assert.Equal(ErrorCodes.IllDefinedCovariance, error.Code);
        Assert.StartsWith("column group 1: component 0 has an ill-defined covariance", error.Message);
    }
}
