using EmFunctional.Core.Convergence;
using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Degeneracy;

/// <summary>
/// The degenerate-component policy (<see cref="DegeneracyPolicy"/>): each kind of degeneracy is found,
/// handled as the action says and recorded; with a repairing action EM keeps going on hostile data with
/// finite parameters, and convergence is not declared while a repair is in play.
/// </summary>
public class DegeneracyLaws
{
    /// <summary>200 rows around the origin plus 6 copies of one far point: a component there collapses.</summary>
    private static Dataset ClusterWithDuplicates(int seed)
    {
        var random = new Random(seed);
        var values = new List<double>();
        for (var i = 0; i < 200; i++) values.AddRange([Generators.Gaussian(random), Generators.Gaussian(random)]);
        for (var i = 0; i < 6; i++) values.AddRange([20.0, 20.0]);
        return Generators.ToDataset([.. values], 206, 2);
    }

    private static GaussianComponent Component(CovarianceKind kind, double[] mean, double variance)
    {
        var covariance = kind switch
        {
            CovarianceKind.Full or CovarianceKind.Tied => new double[] { variance, 0, 0, variance },
            CovarianceKind.Diagonal => [variance, variance],
            _ => [variance],
        };
        return GaussianComponent.Create(kind, mean, covariance).Match(c => c, e => throw new InvalidOperationException(e.Message));
    }

    /// <summary>log Σ_k π_k N(x | μ_k, Σ_k) by the textbook formula.</summary>
    private static double MixtureLogDensity(Mixture<GaussianComponent> mixture, double[] x)
    {
        var terms = mixture.Components.Map((k, c) => Math.Log(mixture.Weights[k]) + TestSupport.NaiveLogDensity(c, x)).ToArray();
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    private static Mixture<GaussianComponent> Start(CovarianceKind kind, params (double[] Mean, double Variance)[] parts) =>
        new(Enumerable.Repeat(1.0 / parts.Length, parts.Length).ToArr(), parts.Select(p => Component(kind, p.Mean, p.Variance)).ToArr());

    private static List<EmState<GaussianComponent>> Run(GaussianFamily family, Dataset data, Mixture<GaussianComponent> start, DegeneracyPolicy? policy, int steps = 15) =>
        Em.Iterate(family, data, start, degeneracy: policy).Take(steps).ToList();

    private static EmState<GaussianComponent> Last(List<EmState<GaussianComponent>> states)
    {
        Assert.True(states.All(s => !s.Failed), string.Join("; ", states.SelectMany(s => s.Failure).Select(e => e.Message)));
        return states[^1];
    }

    [Theory]
    [InlineData(CovarianceKind.Full)]
    [InlineData(CovarianceKind.Diagonal)]
    [InlineData(CovarianceKind.Spherical)]
    public void A_component_on_duplicate_rows_is_reported_as_collapsed_and_kept_alive_under_Regularize(CovarianceKind kind)
    {
        var data = ClusterWithDuplicates(1);
        var start = Start(kind, ([0, 0], 1), ([20, 20], 0.01));
        var states = Run(new GaussianFamily(kind), data, start, DegeneracyPolicy.Regularize);

        var last = Last(states);
        var repair = Assert.Single(last.Repairs);
        Assert.Equal((1, DegeneracyReason.Collapsed, DegeneracyAction.Regularize), (repair.Component, repair.Reason, repair.Action));
        Assert.Equal(6, repair.EffectiveCount, 6);
        Assert.Contains("collapsed onto a point or subspace", repair.Describe());
        // Kept as it is: nothing changed, so the run may converge.
        Assert.False(repair.ChangedParameters);
        Assert.True(last.Settled);
    }

    /// <summary>200 rows around the origin and two far rows: a full component there rests on about 2 rows, fewer than D + 1 = 3.</summary>
    private static Dataset ClusterWithAFarPair(int seed)
    {
        var random = new Random(seed);
        var values = new List<double>();
        for (var i = 0; i < 200; i++) values.AddRange([Generators.Gaussian(random), Generators.Gaussian(random)]);
        values.AddRange([3.5, 3.5, 4.1, 2.9]);
        return Generators.ToDataset([.. values], 202, 2);
    }

    [Fact]
    public void A_full_component_on_fewer_than_D_plus_1_effective_rows_is_reported_as_under_determined()
    {
        var data = ClusterWithAFarPair(4);
        var start = Start(CovarianceKind.Full, ([0, 0], 1), ([3.8, 3.2], 0.2));
        var last = Last(Run(new GaussianFamily(CovarianceKind.Full), data, start, DegeneracyPolicy.Regularize, steps: 1));

        var repair = Assert.Single(last.Repairs);
        Assert.Equal((1, DegeneracyReason.UnderDetermined, DegeneracyAction.Regularize), (repair.Component, repair.Reason, repair.Action));
        Assert.InRange(repair.EffectiveCount, 0.5, 3);
        Assert.Contains("fewer than its covariance needs", repair.Describe());
        Assert.False(repair.ChangedParameters);

        var error = Run(new GaussianFamily(CovarianceKind.Full), data, start, DegeneracyPolicy.Fail, steps: 1)[^1].ExpectFailure();
        Assert.Contains("fewer than the 3 its full covariance needs", error.Message);
        // Diagonal and tied components need no more rows than the policy's minimum.
        foreach (var kind in new[] { CovarianceKind.Diagonal, CovarianceKind.Tied })
            Assert.DoesNotContain(Last(Run(new GaussianFamily(kind), data, Start(kind, ([0, 0], 1), ([3.8, 3.2], 0.2)), DegeneracyPolicy.Regularize, steps: 1)).Repairs,
                r => r.Reason == DegeneracyReason.UnderDetermined);
    }

    [Fact]
    public void The_same_collapse_is_an_error_under_Fail_and_no_event_without_a_policy()
    {
        var data = ClusterWithDuplicates(2);
        var start = Start(CovarianceKind.Full, ([0, 0], 1), ([20, 20], 0.01));

        var failed = Run(new GaussianFamily(CovarianceKind.Full), data, start, DegeneracyPolicy.Fail);
        var error = failed[^1].ExpectFailure();
        Assert.Equal(ErrorCodes.IllDefinedCovariance, error.Code);
        Assert.Contains("component 1 has collapsed onto a point or subspace", error.Message);

        var unmanaged = Last(Run(new GaussianFamily(CovarianceKind.Full), data, start, null));
        Assert.Empty(unmanaged.Repairs);
    }

    [Fact]
    public void Under_Reinitialize_a_collapsed_component_restarts_at_the_worst_explained_row()
    {
        var data = ClusterWithDuplicates(3);
        var start = Start(CovarianceKind.Full, ([0, 0], 1), ([20, 20], 0.01), ([0.5, 0.5], 1));
        var states = Run(new GaussianFamily(CovarianceKind.Full), data, start, DegeneracyPolicy.Reinitialize, steps: 1);

        var first = Last(states);
        var repair = Assert.Single(first.Repairs);
        Assert.Equal((1, DegeneracyReason.Collapsed, DegeneracyAction.Reinitialize), (repair.Component, repair.Reason, repair.Action));
        // The worst-explained row of the starting mixture: the lowest log p(x_i) of all rows.
        var logDensities = Enumerable.Range(0, data.Rows).Select(i => MixtureLogDensity(start, data.Row(i).ToArray())).ToArray();
        Assert.Equal(Array.IndexOf(logDensities, logDensities.Min()), repair.Row);
        Assert.Equal(data.Row(repair.Row).ToArray(), first.Mixture.Components[1].Mean.ToArray());
        Assert.True(repair.ChangedParameters);
        Assert.False(first.Settled);
    }

    [Fact]
    public void A_component_that_explains_no_rows_is_an_error_under_Fail_and_restarted_otherwise()
    {
        var data = ClusterWithDuplicates(4);
        // Component 1 sits where there is no data, with a variance too small to reach any row.
        var start = Start(CovarianceKind.Diagonal, ([0, 0], 1), ([-500, 500], 1e-3));

        var failed = Run(new GaussianFamily(CovarianceKind.Diagonal), data, start, DegeneracyPolicy.Fail, steps: 1);
        Assert.Equal(ErrorCodes.EmptyComponent, failed[^1].ExpectFailure().Code);

        foreach (var policy in new[] { DegeneracyPolicy.Regularize, DegeneracyPolicy.Reinitialize })
        {
            var first = Last(Run(new GaussianFamily(CovarianceKind.Diagonal), data, start, policy, steps: 1));
            var repair = Assert.Single(first.Repairs);
            Assert.Equal((1, DegeneracyReason.TooFewRows, DegeneracyAction.Reinitialize), (repair.Component, repair.Reason, repair.Action));
            Assert.True(first.Mixture.Weights[1] >= 1.0 / (data.Rows + 1) - 1e-15, "a restarted component gets the weight of at least one average row");
            Assert.Equal(1.0, first.Mixture.Weights.Sum(), 12);
        }
    }

    [Fact]
    public void Without_regularization_an_ill_defined_covariance_gets_its_own_regularization_raised()
    {
        // Exactly collinear rows (y = 2x) in one cluster: with λ = 0 its covariance is singular.
        var values = new List<double>();
        for (var i = 0; i < 50; i++) values.AddRange([i / 10.0, i / 5.0]);
        var random = new Random(5);
        for (var i = 0; i < 50; i++) values.AddRange([30 + Generators.Gaussian(random), Generators.Gaussian(random)]);
        var data = Generators.ToDataset([.. values], 100, 2);
        var start = Start(CovarianceKind.Full, ([2.5, 5], 1), ([30, 0], 1));
        var family = new GaussianFamily(CovarianceKind.Full, Regularization: 0);

        var unmanaged = Run(family, data, start, null, steps: 3);
        Assert.Contains(unmanaged, s => s.Failed);

        var states = Run(family, data, start, DegeneracyPolicy.Regularize, steps: 3);
        var first = states[0].Expect();
        var repair = Assert.Single(first.Repairs);
        Assert.Equal((0, DegeneracyReason.IllDefined, DegeneracyAction.Regularize), (repair.Component, repair.Reason, repair.Action));
        Assert.True(repair.Regularization > 0);
        Assert.Contains("regularization raised to", repair.Describe());
        Last(states);
    }

    [Fact]
    public void Convergence_is_not_declared_on_a_repaired_state_or_the_state_that_evaluates_it()
    {
        var data = ClusterWithDuplicates(6);
        var start = Start(CovarianceKind.Full, ([0, 0], 1), ([20, 20], 0.01), ([0.5, 0.5], 1));
        var states = Run(new GaussianFamily(CovarianceKind.Full), data, start, DegeneracyPolicy.Reinitialize, steps: 2).Select(s => s.Expect()).ToList();
        // A tolerance no change can be below: only the settledness can stop the rule from firing.
        var rule = new StoppingRule.LogLikelihoodChange(double.PositiveInfinity);
        Assert.True(states[0].Repairs.Exists(r => r.ChangedParameters));
        Assert.True(rule.Check(states[0]).IsNone);
        Assert.True(states[1].EvaluatedRepaired);
        Assert.True(rule.Check(states[1]).IsNone);
    }

    [Fact]
    public void A_restart_that_ends_degenerate_wins_only_when_every_restart_does()
    {
        // Two clusters and, between them, 8 copies of one row: a third component either splits a cluster
        // or sits on the copies and collapses, which scores higher by likelihood.
        var random = new Random(7);
        var values = new List<double>();
        for (var i = 0; i < 200; i++) values.AddRange([(i % 2 == 0 ? -4 : 4) + Generators.Gaussian(random), Generators.Gaussian(random)]);
        for (var i = 0; i < 8; i++) values.AddRange([0.25, 0.5]);
        var data = Generators.ToDataset([.. values], 208, 2);
        var options = new EmOptions(StoppingRule.Default(1e-6, 200), new Initialization.InitializationStrategy.RandomFromData(), Restarts: 30, Seed: 3)
        {
            Degeneracy = DegeneracyPolicy.Regularize,
        };
        var fit = Fitting.Fit(new GaussianFamily(CovarianceKind.Full), data, 3, options).Match(f => f, e => throw new InvalidOperationException(e.Message));
        var finished = fit.Restarts.Bind(r => r.Outcome.RightToSeq().Map(o => (r.Index, o.State, o.LogLikelihood))).ToList();
        var clean = finished.Where(r => r.State.Repairs.IsEmpty).ToList();
        var degenerate = finished.Where(r => !r.State.Repairs.IsEmpty).ToList();
        // The scenario must have both kinds, and the degenerate ones must look better by likelihood alone.
        Assert.NotEmpty(clean);
        Assert.NotEmpty(degenerate);
        Assert.True(degenerate.Max(r => r.LogLikelihood) > clean.Max(r => r.LogLikelihood));

        Assert.Equal(clean.MaxBy(r => r.LogLikelihood).Index, fit.BestRestart);
    }

    private static Gen<(int Seed, CovarianceKind Kind, int Components, DegeneracyAction Action, int Shape)> HostileCases =>
        from seed in Generators.Seed
        from kind in Gen.Elements(Generators.Kinds)
        from components in Gen.Choose(1, 6)
        from action in Gen.Elements(DegeneracyAction.Regularize, DegeneracyAction.Reinitialize)
        from shape in Gen.Choose(0, 3)
        select (seed, kind, components, action, shape);

    /// <summary>
    /// Duplicates only, few distinct rows, a constant column, collinear columns: with a repairing action EM
    /// never fails, every parameter stays finite, the weights stay a distribution, and on settled states
    /// the log-likelihood does not fall (beyond the regularization's provable loss and rounding).
    /// </summary>
    [SeededProperty(60)]
    public Property With_a_repairing_action_EM_keeps_going_on_hostile_data_with_finite_parameters()
    {
        return Prop.ForAll(Arb.From(HostileCases), testCase =>
        {
            var (seed, kind, k, action, shape) = testCase;
            var random = new Random(seed);
            var rows = random.Next(k + 2, 60);
            var values = new double[rows * 2];
            for (var i = 0; i < rows; i++)
            {
                var x = shape switch
                {
                    0 => 3.0,                                   // one row, repeated
                    1 => random.Next(Math.Max(2, k - 1)),       // fewer distinct values than components, often
                    _ => 100 * Generators.Gaussian(random),
                };
                values[2 * i] = x;
                values[2 * i + 1] = shape switch { 2 => 7.0, 3 => 2 * x - 1, _ => x };   // constant or collinear column
            }
            var data = Generators.ToDataset(values, rows, 2);
            var family = new GaussianFamily(kind);
            var start = Initialization.Initializer.Initialize(family, data, k, new Initialization.InitializationStrategy.RandomResponsibilities(), (ulong)seed);
            // Asking for more components than distinct rows is refused up front, with a documented error.
            start.IfLeft(error => Assert.Contains("distinct row", error.Message));
            start.IfRight(mixture =>
            {
                var states = Run(family, data, mixture, new DegeneracyPolicy(action), steps: 25);
                var previous = double.NegativeInfinity;
                var allowance = 0.0;
                foreach (var step in states)
                {
                    var state = step.Expect($"{kind}, K={k}, shape {shape}, {action}");
                    Assert.True(double.IsFinite(state.MeanLogLikelihood), "the log-likelihood is finite");
                    Assert.Equal(1.0, state.Mixture.Weights.Sum(), 9);
                    foreach (var component in state.Mixture.Components)
                    {
                        Assert.All(component.Mean.ToArray(), v => Assert.True(double.IsFinite(v)));
                        Assert.All(component.CovarianceParameters.ToArray(), v => Assert.True(double.IsFinite(v)));
                    }
                    // The mixture evaluated here came from the previous state's M-step, whose regularization may
                    // have cost up to its provable loss (large on singular data: see MonotonicityLaws).
                    if (state.Settled && state.Iteration > 1)
                        Assert.True(state.MeanLogLikelihood >= previous - allowance - 1e-9 * (1 + Math.Abs(previous)),
                            $"{kind}, K={k}, shape {shape}: fell from {previous:R} to {state.MeanLogLikelihood:R} at {state.Iteration} (allowance {allowance:g3})");
                    previous = state.MeanLogLikelihood;
                    allowance = MonotonicityLaws.RegularizationLoss(state, family);
                }
            });
        });
    }
}
