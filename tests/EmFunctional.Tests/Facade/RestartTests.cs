namespace EmFunctional.Tests.Facade;

/// <summary>Restarts: each is recorded with its trace, the best wins, and a seed fixes everything.</summary>
public sealed class RestartTests
{
    private static readonly GaussianMixtureOptions Defaults = new();

    private static GaussianMixtureModel FitFaithful(long seed, int restarts = 5, int components = 3) =>
        GaussianMixture.Fit(FacadeData.Faithful, components, new GaussianMixtureOptions
        {
            Restarts = restarts, Seed = seed, Initialization = InitializationMethod.RandomFromData,
        });

    [Fact]
    public void Five_restarts_are_all_recorded_with_their_traces()
    {
        var model = FitFaithful(seed: 3);
        Assert.Equal(5, model.Restarts.Length);
        for (var r = 0; r < 5; r++)
        {
            var restart = model.Restarts[r];
            Assert.Equal(r, restart.Index);
            Assert.True(restart.Succeeded, restart.Error);
            Assert.Null(restart.Error);
            Assert.NotNull(restart.LogLikelihood);
            Assert.NotNull(restart.StopReason);
            Assert.InRange(restart.Iterations, 1, Defaults.MaxIterations);
            Assert.Equal(restart.Iterations, restart.Trace.Length);
            Assert.Equal(Enumerable.Range(1, restart.Iterations), restart.Trace.Select(p => p.Number));
            Assert.Null(restart.Trace[0].Change);
            Assert.All(restart.Trace.Skip(1), p => Assert.NotNull(p.Change));
            if (restart.Converged) Assert.True(Math.Abs(restart.Trace[^1].Change ?? double.PositiveInfinity) < Defaults.Tolerance);
        }
        Assert.Equal(5, model.Restarts.Select(r => r.Seed).Distinct().Count());
    }

    [Fact]
    public void The_best_restart_has_the_highest_log_likelihood_and_is_the_model()
    {
        var model = FitFaithful(seed: 3);
        var likelihoods = model.Restarts.Select(r => r.LogLikelihood!.Value).ToArray();
        Assert.Equal(likelihoods.Max(), likelihoods[model.BestRestart]);
        Assert.Equal(Array.IndexOf(likelihoods, likelihoods.Max()), model.BestRestart); // the first on ties
        var best = model.Restarts[model.BestRestart];
        Assert.Equal(best.LogLikelihood, model.LogLikelihood);
        Assert.Equal(best.Iterations, model.Iterations);
        Assert.Equal(best.StopReason, model.StopReason);
        // The restarts are genuinely different runs (otherwise "best" is untested).
        Assert.True(likelihoods.Distinct().Count() > 1, string.Join(", ", likelihoods));
    }

    [Fact]
    public void The_same_seed_gives_a_bit_identical_model()
    {
        var first = FitFaithful(seed: 77);
        var second = FitFaithful(seed: 77);
        Assert.Equal(first.Parameters, second.Parameters);
        Assert.Equal(first.LogLikelihood, second.LogLikelihood);
        Assert.Equal(first.BestRestart, second.BestRestart);
        Assert.Equal(first.Restarts.Length, second.Restarts.Length);
        for (var r = 0; r < first.Restarts.Length; r++)
        {
            Assert.Equal(first.Restarts[r].Seed, second.Restarts[r].Seed);
            Assert.Equal(first.Restarts[r].LogLikelihood, second.Restarts[r].LogLikelihood);
            Assert.Equal(first.Restarts[r].Trace.ToArray(), second.Restarts[r].Trace.ToArray());
        }
    }

    [Fact]
    public void Another_seed_gives_other_restarts()
    {
        var first = FitFaithful(seed: 77);
        var other = FitFaithful(seed: 78);
        Assert.NotEqual(first.Restarts[0].Seed, other.Restarts[0].Seed);
        Assert.NotEqual(first.Restarts.Select(r => r.LogLikelihood), other.Restarts.Select(r => r.LogLikelihood));
    }

    [Fact]
    public void Restart_r_does_not_depend_on_how_many_restarts_follow()
    {
        var one = FitFaithful(seed: 4, restarts: 1);
        var five = FitFaithful(seed: 4, restarts: 5);
        Assert.Equal(one.Restarts[0].Seed, five.Restarts[0].Seed);
        Assert.Equal(one.Restarts[0].LogLikelihood, five.Restarts[0].LogLikelihood);
        // Hence more restarts never fit worse.
        Assert.True(five.LogLikelihood >= one.LogLikelihood);
    }

    [Fact]
    public void Initial_parameters_mean_exactly_one_run()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions
        {
            Restarts = 5, Seed = 12, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Full),
        });
        var restart = Assert.Single(model.Restarts);
        Assert.Equal(0, model.BestRestart);
        Assert.Equal(restart.Iterations, model.Iterations);
        Assert.Equal(restart.Iterations, restart.Trace.Length);
        Assert.True(model.Converged);
        // The seed plays no part then.
        var other = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions
        {
            Restarts = 2, Seed = 99, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Full),
        });
        Assert.Equal(model.Parameters, other.Parameters);
    }

    [Fact]
    public void With_restarts_the_faithful_optimum_is_found_from_random_starts()
    {
        var model = FitFaithful(seed: 0, restarts: 5, components: 2);
        Assert.InRange(model.LogLikelihood, -1130.26396 - 1e-3, -1130.26396 + 1e-3);
    }
}
