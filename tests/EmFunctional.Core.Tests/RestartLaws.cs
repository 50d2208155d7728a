using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// <c>Fit</c> is <see cref="Fitting.Start{TComponent,TStatistics}"/> and <see cref="Fitting.Restart{TComponent,TStatistics}"/>
/// per restart plus the choice of the best: restart r's states, up to the first that carries a stop reason, are
/// the trace <c>Fit</c> recorded for r, and <see cref="Fitting.Conclude{TComponent,TStatistics}"/> at the best
/// restart's stop is <c>Fit</c>'s result.
/// </summary>
public sealed class RestartLaws
{
    public static TheoryData<CovarianceKind, int, ulong> Cases => new()
    {
        { CovarianceKind.Full, 3, 1 },
        { CovarianceKind.Diagonal, 2, 7 },
        { CovarianceKind.Spherical, 4, 12 },
        { CovarianceKind.Tied, 3, 30 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_is_its_restarts_states_up_to_their_stop_and_the_best_of_them(CovarianceKind kind, int components, ulong seed)
    {
        var (values, _) = Generators.ClusteredArrays((int)seed, 120, 2, components, WeightMode.None);
        var data = Generators.ToDataset(values, 120, 2);
        var family = new GaussianFamily(kind);
        var options = new EmOptions(StoppingRule.Default(1e-6, 60), new InitializationStrategy.RandomFromData(), Restarts: 3, Seed: seed);
        var fit = Fitting.Fit(family, data, components, options).Expect("Fit");

        for (var r = 0; r < options.Restarts; r++)
        {
            var start = Fitting.Start(family, data, components, options, r).Expect($"start of restart {r}");
            var states = new List<EmState<GaussianComponent>>();
            foreach (var state in Fitting.Restart(family, data, start, options))
            {
                states.Add(state.Expect($"restart {r}"));
                if (state.StopReason.IsSome) break;
            }
            var recorded = fit.Restarts[r];
            Assert.Equal(Fitting.RestartSeed(options, r), recorded.Seed);
            Assert.Equal(recorded.Trace.Map(point => point.MeanLogLikelihood), states.Select(state => state.MeanLogLikelihood));
            Assert.All(states[..^1], state => Assert.True(state.StopReason.IsNone, "only the last state Fit ran carries a stop reason"));
            var (final, logLikelihood) = recorded.Outcome.Expect($"restart {r} outcome");
            Assert.Equal(final.StopReason, states[^1].StopReason);
            TestSupport.AssertIdentical(final.Mixture, states[^1].Mixture, $"restart {r} final mixture");

            if (r == fit.BestRestart)
            {
                var concluded = Fitting.Conclude(family, data, options, r, recorded.Seed, recorded.Trace, states[^1]).Expect("Conclude");
                Assert.Equal(fit.LogLikelihood, concluded.LogLikelihood);
                Assert.Equal(fit.FreeParameters, concluded.FreeParameters);
                Assert.Equal(fit.StopReason, concluded.StopReason);
                TestSupport.AssertIdentical(fit.Mixture, concluded.Mixture, "concluded mixture");
            }
        }
    }

    [Fact]
    public void The_states_go_on_past_the_stop_and_every_later_state_still_says_Fit_would_stop()
    {
        var (values, _) = Generators.ClusteredArrays(3, 100, 2, 2, WeightMode.None);
        var data = Generators.ToDataset(values, 100, 2);
        var family = new GaussianFamily(CovarianceKind.Full);
        var options = new EmOptions(StoppingRule.Default(1e-3, 5), new InitializationStrategy.KMeansPlusPlus());
        var start = Fitting.Start(family, data, 2, options, 0).Expect("start");
        var states = Fitting.Restart(family, data, start, options).Take(9).ToList();
        Assert.Equal(9, states.Count);
        Assert.All(states.Skip(5), state => Assert.True(state.StopReason.IsSome, $"state {state.Iteration} is past the cap"));
    }

    [Fact]
    public void A_restart_outside_the_options_is_an_error_not_an_exception()
    {
        var (values, _) = Generators.ClusteredArrays(3, 50, 2, 2, WeightMode.None);
        var data = Generators.ToDataset(values, 50, 2);
        var options = EmOptions.Default with { Restarts = 2 };
        Assert.Equal(ErrorCodes.InvalidInput, Fitting.Start(new GaussianFamily(CovarianceKind.Full), data, 2, options, 2).ExpectLeft().Code);
        Assert.Equal(ErrorCodes.InvalidInput, Fitting.Start(new GaussianFamily(CovarianceKind.Full), data, 2, options, -1).ExpectLeft().Code);
    }

    [Fact]
    public void Cancellation_stops_the_states_before_the_next_step_and_Fit_ends_on_the_state_reached()
    {
        var (values, _) = Generators.ClusteredArrays(5, 80, 2, 2, WeightMode.None);
        var data = Generators.ToDataset(values, 80, 2);
        var family = new GaussianFamily(CovarianceKind.Full);
        var options = new EmOptions(StoppingRule.Default(0, 100), new InitializationStrategy.KMeansPlusPlus());
        var start = Fitting.Start(family, data, 2, options, 0).Expect("start");
        using var cancellation = new CancellationTokenSource();
        var seen = 0;
        foreach (var _ in Fitting.Restart(family, data, start, options, cancellation.Token))
            if (++seen == 3) cancellation.Cancel();
        Assert.Equal(3, seen);

        using var during = new CancellationTokenSource();
        var events = Fitting.Run(family, data, 2, options, during.Token).Select(fitEvent =>
        {
            if (fitEvent is FitEvent<GaussianComponent>.Stepped { State.Iteration: 4 }) during.Cancel();
            return fitEvent;
        });
        var result = Fitting.Outcome(events).Expect("a cancelled fit");
        Assert.Equal(4, result.Iterations);
        Assert.Equal(StopReason.Cancelled, result.StopReason);
    }
}

/// <summary>Invalid values reach the caller as errors from the core, never as exceptions.</summary>
public sealed class InvalidValueLaws
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_Dirichlet_weight_prior_below_one_fails_the_step_with_InvalidInput(double concentration)
    {
        var (values, _) = Generators.ClusteredArrays(2, 60, 2, 2, WeightMode.None);
        var data = Generators.ToDataset(values, 60, 2);
        var weights = new MixtureWeights.Dirichlet(concentration);
        Assert.True(weights.Problem.IsSome);
        var fit = Fitting.Fit(new GaussianFamily(CovarianceKind.Full), data, 2, EmOptions.Default with { Weights = weights });
        var error = fit.ExpectLeft("a fit with an invalid weight prior");
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Contains("concentration", error.Message);
        Assert.True(new MixtureWeights.Dirichlet(1).Problem.IsNone);
    }
}
