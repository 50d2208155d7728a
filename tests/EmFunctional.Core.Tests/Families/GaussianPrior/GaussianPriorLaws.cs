using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using static EmFunctional.Core.Tests.Families.FamilyTestSupport;

namespace EmFunctional.Core.Tests.Families.GaussianPriorTests;

/// <summary>
/// The laws of the Gaussian MAP prior: mclust's default hyper-parameters, validation, the log-prior
/// against independent densities, one component ⇒ the closed-form posterior mode (which maximizes the
/// log-posterior), and EM never decreasing the log-posterior for every covariance kind.
/// </summary>
public class GaussianPriorLaws
{
    private readonly PropertyRun run = new();
    private int fullRuns;

    /// <summary>The scenario's family with mclust's default prior; null when the data has no default scale (D + 1 or fewer distinct rows).</summary>
    private static GaussianFamily? WithDefaultPrior(Scenario scenario, Dataset data) =>
        GaussianPrior.Default(data, scenario.Components, scenario.Kind).Match<GaussianFamily?>(Succ: prior => scenario.Family with { Prior = prior }, Fail: _ => null);

    [Fact]
    public void DefaultPriorIsMclusts()
    {
        // R 4 / mclust 6.0.0, X <- as.matrix(read.csv("faithful.csv")):
        //   defaultPrior(X, G = 2, "VVV")  shrinkage 0.01, mean 3.487783088235294 70.897058823529406, dof 4,
        //                                  scale 0.65136416642473416 6.9889039233774692 / 6.9889039233774692 92.411656175385289
        //   defaultPrior(X, G = 2, "VVI"), (X, 2, "VII"): scale 46.531510170905008;  "EEE" as "VVV"
        //   defaultPrior(X, G = 3, "VVV")  scale 0.43424277761648944 4.6592692822516462 / … 61.60777078359019
        var data = PriorTestData.Faithful;
        double[] mean = [3.487783088235294, 70.897058823529406];
        double[] full = [0.65136416642473416, 6.9889039233774692, 6.9889039233774692, 92.411656175385289];
        foreach (var (kind, scale) in new[]
        {
            (CovarianceKind.Full, full), (CovarianceKind.Tied, full),
            (CovarianceKind.Diagonal, [46.531510170905008, 46.531510170905008]), (CovarianceKind.Spherical, [46.531510170905008]),
        })
        {
            var prior = PriorTestData.DefaultPrior(data, 2, kind);
            Assert.Equal(kind, prior.Kind);
            Assert.Equal(0.01, prior.Shrinkage);
            Assert.Equal(4, prior.DegreesOfFreedom);
            TestSupport.AssertClose(mean, prior.Mean, 1e-14, $"{kind} mean");
            TestSupport.AssertClose(scale, prior.Scale, 1e-13, $"{kind} scale");
        }
        TestSupport.AssertClose([0.43424277761648944, 4.6592692822516462, 4.6592692822516462, 61.60777078359019],
            PriorTestData.DefaultPrior(data, 3, CovarianceKind.Full).Scale, 1e-13, "K = 3 scale");
    }

    [SeededProperty(60)]
    public Property DefaultPriorOfIntegerWeightsIsThatOfDuplicatedRows()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(weightModes: [WeightMode.Integer], minRows: 10)), scenario =>
        {
            var weighted = scenario.CreateData();
            var expanded = Expand(weighted);
            if (expanded.Rows <= expanded.Columns + 1) return;
            var a = GaussianPrior.Default(weighted, scenario.Components, scenario.Kind);
            var b = GaussianPrior.Default(expanded, scenario.Components, scenario.Kind);
            Assert.Equal(b.IsSuccess, a.IsSuccess);
            if (a.IsFail) return;
            var (pa, pb) = (a.Match(Succ: p => p, Fail: _ => null!), b.Match(Succ: p => p, Fail: _ => null!));
            TestSupport.AssertClose(pb.Mean, pa.Mean, 1e-12, "mean");
            TestSupport.AssertClose(pb.Scale, pa.Scale, 1e-10, "scale");
        });
    }

    [Fact]
    public void InvalidHyperParametersAreAllReported()
    {
        string[] Problems(CovarianceKind kind, double kappa, double[] mean, double nu, double[] scale) =>
            GaussianPrior.Create(kind, kappa, mean, nu, scale).Match(Succ: _ => [], Fail: e => e.Map(x => x.Message).ToArray());
        Assert.Empty(Problems(CovarianceKind.Full, 0.01, [0, 0], 4, [1, 0.5, 0.5, 1]));
        var problems = Problems(CovarianceKind.Full, 0, [0, double.NaN], 1, [1, 2, 2, 1]);
        Assert.Equal(4, problems.Length);
        Assert.Contains(problems, p => p.Contains("shrinkage"));
        Assert.Contains(problems, p => p.Contains("not a finite number at 1"));
        Assert.Contains(problems, p => p.Contains("greater than 1"));
        Assert.Contains(problems, p => p.Contains("not positive definite"));
        Assert.Contains(Problems(CovarianceKind.Full, 1, [0, 0], 4, [1, 0.5, 0.4, 1]), p => p.Contains("not symmetric"));
        Assert.Contains(Problems(CovarianceKind.Diagonal, 1, [0, 0], 4, [1, 0, 1]), p => p.Contains("has 2 values, not 3"));
        Assert.Contains(Problems(CovarianceKind.Diagonal, 1, [0, 0], 4, [1, -1]), p => p.Contains("finite positive"));
        Assert.Contains(Problems(CovarianceKind.Spherical, 1, [0, 0], 0, [1]), p => p.Contains("greater than 0"));
        // A constant column leaves the default scale singular: the message says what to do.
        var constant = Generators.ToDataset([1, 5, 2, 5, 3, 5, 4, 5], 4, 2);
        var error = GaussianPrior.Default(constant, 2, CovarianceKind.Full).Match(Succ: _ => "", Fail: e => e.Head.Message);
        Assert.Contains("give the prior's scale explicitly", error);
        Assert.True(GaussianPrior.Default(Generators.ToDataset([1, 2], 1, 2), 1, CovarianceKind.Full).IsFail);
    }

    [Fact]
    public void MismatchedPriorIsAnInvalidInputError()
    {
        var data = PriorTestData.Faithful;
        var statistics = Prelude.Array(new GaussianFamily(CovarianceKind.Full).Summarize(data.Values, 2, Enumerable.Repeat(1.0, data.Rows).ToArray())).ToArr();
        var wrongKind = new GaussianFamily(CovarianceKind.Full) { Prior = PriorTestData.DefaultPrior(data, 1, CovarianceKind.Tied) };
        Assert.Contains("made for Tied covariances", wrongKind.Estimate(statistics).ExpectLeft().Message);
        var oneColumn = Generators.ToDataset(Enumerable.Range(0, 10).Select(i => (double)i).ToArray(), 10, 1);
        var wrongSize = new GaussianFamily(CovarianceKind.Full) { Prior = PriorTestData.DefaultPrior(oneColumn, 1, CovarianceKind.Full) };
        Assert.Equal(ErrorCodes.InvalidInput, wrongSize.Estimate(statistics).ExpectLeft().Code);
    }

    [SeededProperty(200)]
    public Property LogPriorMatchesIndependentDensities()
    {
        var gen =
            from seed in Generators.Seed
            from d in Gen.Choose(1, 4)
            from k in Gen.Choose(1, 3)
            from kind in Gen.Elements(Generators.Kinds)
            select (seed, d, k, kind);
        Assert.Equal(0, new GaussianFamily(CovarianceKind.Full).LogPrior(Generators.RandomMixture(new Random(1), CovarianceKind.Full, 2, 2).Components));
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (seed, d, k, kind) = testCase;
            var random = new Random(seed);
            var mixture = Generators.RandomMixture(random, kind, d, k, meanScale: 3);
            var scale = kind switch
            {
                CovarianceKind.Full or CovarianceKind.Tied => Generators.PositiveDefinite(random, d),
                CovarianceKind.Diagonal => Enumerable.Range(0, d).Select(_ => 0.2 + random.NextDouble()).ToArray(),
                _ => [0.2 + random.NextDouble()],
            };
            var prior = GaussianPrior.Create(kind, 0.01 + random.NextDouble(), Enumerable.Range(0, d).Select(_ => random.NextDouble()).ToArray(), d + 0.5 + 3 * random.NextDouble(), scale)
                .Match(Succ: p => p, Fail: e => throw new InvalidOperationException(e.Head.Message));
            var family = new GaussianFamily(kind) { Prior = prior };
            var expected = PriorTestData.ReferenceLogPrior(prior, mixture.Components.ToArray());
            TestSupport.AssertClose(expected, family.LogPrior(mixture.Components), 1e-10, $"{kind} log-prior");
        });
    }

    [SeededProperty(200)]
    public Property OneComponentGivesThePosteriorModeInOneStep()
    {
        var gen =
            from scenario in Generators.Scenarios(maxComponents: 1, minRows: 3, weightModes: [WeightMode.None, WeightMode.Integer, WeightMode.Real])
            from lambda in Gen.Elements(0.0, 1e-6, 0.5)
            from startSeed in Generators.Seed
            select (scenario: scenario with { Regularization = lambda }, startSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, startSeed) = testCase;
            var data = scenario.CreateData();
            if (data.TotalWeight <= 1) return; // no default prior without a sample variance
            var prior = GaussianPrior.Default(data, 1, scenario.Kind);
            if (prior.IsFail) return; // e.g. Σ w ≤ D leaves collinear scales: not this law's business
            var family = scenario.Family with { Prior = prior.Match(Succ: p => p, Fail: _ => null!) };
            var start = new Mixture<GaussianComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(Generators.RandomComponent(new Random(startSeed), scenario.Kind, data.Columns, meanScale: 50)).ToArr());
            // Even 3 rows, or collinear rows with λ = 0, give a positive-definite posterior mode.
            var state = Em.Step(family, data, EmState<GaussianComponent>.Initial(start)).Expect("step");
            var (n, mean, scatter) = TestSupport.TwoPass(data.Values, data.Columns, TestSupport.WeightsOf(data));
            var (expectedMean, expectedCovariance) = PriorTestData.PosteriorMode(family.Prior!, n, mean, scatter, scenario.Regularization);
            var component = state.Mixture.Components[0];
            TestSupport.AssertClose(expectedMean, component.Mean, 1e-12, "posterior mean");
            TestSupport.AssertClose(expectedCovariance, component.CovarianceParameters, 1e-11, $"{scenario.Kind} posterior covariance");
            var again = Em.Step(family, data, state).Expect("second step");
            TestSupport.AssertClose(component.CovarianceParameters, again.Mixture.Components[0].CovarianceParameters, 1e-12, "fixed point");
        });
    }

    [SeededProperty(150)]
    public Property ThePosteriorModeMaximizesLogLikelihoodPlusLogPrior()
    {
        // With one component and λ = 0 the MAP step lands on the maximizer of log L + log p(θ): nudging the
        // mean or the covariance in any direction (keeping the kind's shape) can only lower it. This ties
        // the M-step's formulas (denominators included) to LogPrior's densities.
        var gen =
            from scenario in Generators.Scenarios(maxComponents: 1, minRows: 8, regularization: 0)
            from nudgeSeed in Generators.Seed
            select (scenario, nudgeSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, nudgeSeed) = testCase;
            var data = scenario.CreateData();
            var prior = GaussianPrior.Default(data, 1, scenario.Kind);
            if (prior.IsFail) return;
            var family = scenario.Family with { Prior = prior.Match(Succ: p => p, Fail: _ => null!) };
            var start = new Mixture<GaussianComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var mode = Em.Step(family, data, EmState<GaussianComponent>.Initial(start)).Expect("step").Mixture;
            double Objective(Mixture<GaussianComponent> mixture) =>
                Inference.LogLikelihood(family, data, mixture).Expect("log-likelihood") + family.LogPrior(mixture.Components);
            var best = Objective(mode);
            var random = new Random(nudgeSeed);
            var component = mode.Components[0];
            var d = data.Columns;
            for (var trial = 0; trial < 6; trial++)
            {
                var mean = component.Mean.ToArray();
                var covariance = component.CovarianceParameters.ToArray();
                if (trial % 2 == 0)
                {
                    var spread = Math.Sqrt(component.FullCovariance()[0]);
                    for (var j = 0; j < d; j++) mean[j] += 0.05 * spread * (2 * random.NextDouble() - 1);
                }
                else
                {
                    // Σ → A Σ Aᵀ with A = I + 0.05 E keeps Σ positive definite and of the same kind when E is diagonal.
                    var full = scenario.Kind is CovarianceKind.Full or CovarianceKind.Tied;
                    var a = new double[d * d];
                    for (var i = 0; i < d; i++)
                        for (var j = 0; j < d; j++)
                            a[i * d + j] = (i == j ? 1 : 0) + ((full || i == j) ? 0.05 * (2 * random.NextDouble() - 1) : 0);
                    if (scenario.Kind == CovarianceKind.Spherical) covariance[0] *= Math.Pow(a[0], 2);
                    else if (scenario.Kind == CovarianceKind.Diagonal) for (var j = 0; j < d; j++) covariance[j] *= a[j * d + j] * a[j * d + j];
                    else
                    {
                        var sigma = TestSupport.Matrix(covariance, d);
                        var transform = TestSupport.Matrix(a, d);
                        var nudged = transform * sigma * transform.Transpose();
                        covariance = Enumerable.Range(0, d * d).Select(i => 0.5 * (nudged[i / d, i % d] + nudged[i % d, i / d])).ToArray();
                    }
                }
                var other = new Mixture<GaussianComponent>(mode.Weights, Prelude.Array(GaussianComponent.Create(scenario.Kind, mean, covariance).Expect("nudged")).ToArr());
                var value = Objective(other);
                Assert.True(value <= best + 1e-12 * Math.Abs(best), $"trial {trial}: nudged log-posterior {value:R} exceeds the mode's {best:R}");
            }
        });
    }

    [SeededProperty(200)]
    public Property LogPosteriorNeverDecreases_WithoutRegularization()
    {
        // λ = 0 is exact MAP-EM: the log-posterior cannot decrease (up to rounding), for every kind and
        // initialization, and no component can become singular (the prior scale keeps Σ positive definite).
        return run.ForAll(this, Generators.Scenarios(regularization: 0, minRows: 10), scenario =>
        {
            var data = scenario.CreateData();
            var family = WithDefaultPrior(scenario, data);
            if (family is null) return;
            var start = Core.Initialization.Initializer.Initialize(family, data, scenario.Components, scenario.Initialization, scenario.InitializationSeed);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 40);
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states);
            if (states.Count == 40) fullRuns++;
        }, atEnd: () => Assert.True(fullRuns >= 150, $"only {fullRuns} of 200 cases ran 40 steps"));
    }

    [SeededProperty(150)]
    public Property LogPosteriorDecreasesAtMostByTheRegularizationLoss()
    {
        var gen =
            from lambda in Gen.Elements(1e-6, 1e-3, 1e-1)
            from scenario in Generators.Scenarios(minRows: 10)
            select scenario with { Regularization = lambda };
        return Prop.ForAll(Arb.From(gen), scenario =>
        {
            var data = scenario.CreateData();
            var family = WithDefaultPrior(scenario, data);
            if (family is null) return;
            var start = Core.Initialization.Initializer.Initialize(family, data, scenario.Components, scenario.Initialization, scenario.InitializationSeed);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 30);
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states, previous => PriorTestData.RegularizationLoss(previous, family));
        });
    }

    [SeededProperty(80)]
    public Property LogPosteriorNeverDecreases_WithDirichletWeights()
    {
        // The weights' Dirichlet prior and the components' prior add up: MAP for both stays monotone.
        return Prop.ForAll(Arb.From(Generators.Scenarios(regularization: 0, minRows: 10)), scenario =>
        {
            var data = scenario.CreateData();
            var family = WithDefaultPrior(scenario, data);
            if (family is null) return;
            var start = Core.Initialization.Initializer.Initialize(family, data, scenario.Components, scenario.Initialization, scenario.InitializationSeed);
            if (start.IsLeft) return;
            var (states, error) = Run(family, data, start.Expect(), 30, new MixtureWeights.Dirichlet(2));
            if (error is { } failure) Assert.True(failure.Code == ErrorCodes.EmptyComponent, failure.Message);
            AssertMonotone(states);
        });
    }

    [Fact]
    public void ThePriorRescuesAComponentOnDuplicatePoints()
    {
        // A cluster of four copies of one point: maximum likelihood without regularization has a singular
        // covariance; the posterior mode is Λ₀ / (ν + N + D + 2) there, positive definite.
        double[] values = [0, 0, 0.3, 1.1, -0.8, 0.4, 1.2, -0.9, -0.5, -0.6, 10, 10, 10, 10, 10, 10, 10, 10];
        var data = Generators.ToDataset(values, 9, 2);
        var labels = new[] { 0, 0, 0, 0, 0, 1, 1, 1, 1 };
        var ml = new GaussianFamily(CovarianceKind.Full, 0);
        var map = ml with { Prior = PriorTestData.DefaultPrior(data, 2, CovarianceKind.Full) };
        Em.ResponsibilityProvider hard = (start, rows, r) =>
        {
            r.Clear();
            for (var i = 0; i < rows; i++) r[i * 2 + labels[start + i]] = 1;
        };
        Assert.Equal(ErrorCodes.IllDefinedCovariance, Em.EstimateFromResponsibilities(ml, data, 2, hard).ExpectLeft().Code);
        var mixture = Em.EstimateFromResponsibilities(map, data, 2, hard).Expect("MAP");
        var covariance = mixture.Components[1].FullCovariance();
        var expected = map.Prior!.Scale.ToArray().Select(s => s / (4 + 4 + 2 + 2)).ToArray();
        var delta = mixture.Components[1].Mean.ToArray();
        // Plus the shrinkage term κN/(κ + N) δδᵀ / (ν + N + D + 2), with δ = 10 − μ₀.
        var mu0 = map.Prior!.Mean.ToArray();
        var shrink = 0.01 * 4 / 4.01;
        for (var i = 0; i < 2; i++)
            for (var j = 0; j < 2; j++)
                expected[i * 2 + j] += shrink * (10 - mu0[i]) * (10 - mu0[j]) / 12;
        TestSupport.AssertClose(expected, covariance, 1e-12, "posterior mode on duplicate points");
        Assert.True(delta.All(m => m < 10 && m > 9.9), "the mean shrinks slightly towards μ₀");
    }

    [SeededProperty(60)]
    public Property TiedWithOneComponentIsFull()
    {
        // One shared Σ with K = 1: ν + N + D + K + 1 = ν + N + D + 2, the full kind's denominator.
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxComponents: 1, minRows: 6, kinds: [CovarianceKind.Full])), scenario =>
        {
            var data = scenario.CreateData();
            var fullPrior = GaussianPrior.Default(data, 1, CovarianceKind.Full);
            var tiedPrior = GaussianPrior.Default(data, 1, CovarianceKind.Tied);
            Assert.Equal(fullPrior.IsSuccess, tiedPrior.IsSuccess);
            if (fullPrior.IsFail) return; // D + 1 or fewer distinct rows: no default scale
            var full = scenario.Family with { Prior = fullPrior.Match(Succ: p => p, Fail: _ => null!) };
            var tied = new GaussianFamily(CovarianceKind.Tied, scenario.Regularization) { Prior = tiedPrior.Match(Succ: p => p, Fail: _ => null!) };
            Mixture<GaussianComponent> Start(GaussianFamily f) => new(Prelude.Array(1.0).ToArr(), Prelude.Array(f.CenteredAt(data.Row(0))).ToArr());
            var a = Em.Step(full, data, EmState<GaussianComponent>.Initial(Start(full))).Expect("full");
            var b = Em.Step(tied, data, EmState<GaussianComponent>.Initial(Start(tied))).Expect("tied");
            TestSupport.AssertClose(a.Mixture.Components[0].CovarianceParameters, b.Mixture.Components[0].CovarianceParameters, 1e-14, "covariance");
            TestSupport.AssertClose(full.LogPrior(a.Mixture.Components), tied.LogPrior(b.Mixture.Components), 1e-12, "log-prior");
        });
    }
}
