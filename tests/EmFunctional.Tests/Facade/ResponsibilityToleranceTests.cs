namespace EmFunctional.Tests.Facade;

/// <summary>The responsibility-change stopping rule: ‖R_t − R_{t−1}‖_F below a tolerance.</summary>
public sealed class ResponsibilityToleranceTests
{
    [Fact]
    public void The_fit_stops_when_the_responsibilities_settle()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { Tolerance = 0, ResponsibilityTolerance = 1e-3, MaxIterations = 1000 });
        Assert.Equal(StopReason.ResponsibilitiesConverged, model.StopReason);
        Assert.True(model.Converged);
        Assert.InRange(model.Iterations, 2, 999);
        var trace = model.Restarts[0].Trace;
        Assert.Equal(model.Iterations, trace.Length);
        Assert.NotNull(trace[^1].ResponsibilityChange);
        Assert.True(trace[^1].ResponsibilityChange < 1e-3, $"last change {trace[^1].ResponsibilityChange}");
        // It stopped at the first iteration below the tolerance.
        for (var t = 1; t < trace.Length - 1; t++)
        {
            Assert.NotNull(trace[t].ResponsibilityChange);
            Assert.True(trace[t].ResponsibilityChange >= 1e-3, $"iteration {t + 1}: {trace[t].ResponsibilityChange} is already below the tolerance");
        }
    }

    [Fact]
    public void A_looser_tolerance_stops_no_later()
    {
        // A single k-means++ start, not the default search, whose start is already close to the optimum.
        int Iterations(double tolerance) => GaussianMixture.Fit(FacadeData.Faithful, 2,
            new GaussianMixtureOptions { Tolerance = 0, ResponsibilityTolerance = tolerance, MaxIterations = 1000, Initialization = InitializationMethod.KMeansPlusPlus }).Iterations;
        var loose = Iterations(1e-1);
        var tight = Iterations(1e-6);
        Assert.True(loose < tight, $"{loose} vs {tight}");
        Assert.True(Iterations(1e-3) <= tight);
    }

    [Fact]
    public void The_log_likelihood_rule_takes_precedence_when_both_hold()
    {
        // With the default tolerance the log-likelihood rule fires long before the responsibilities
        // change by less than 1e-12.
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { ResponsibilityTolerance = 1e-12 });
        Assert.Equal(StopReason.LogLikelihoodConverged, model.StopReason);
        Assert.All(model.Restarts[0].Trace.Skip(1), p => Assert.NotNull(p.ResponsibilityChange));
    }

    [Fact]
    public void Without_the_option_no_responsibility_change_is_reported()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        Assert.All(model.Restarts[0].Trace, p => Assert.Null(p.ResponsibilityChange));
    }

    [Fact]
    public void The_reported_change_is_the_frobenius_norm_of_the_responsibility_difference()
    {
        // Iteration t evaluates the parameters produced by iteration t − 1 (the start for t = 1), so its
        // change is ‖R(θ_{t−1}) − R(θ_{t−2})‖_F, computed here with the naive densities.
        var rows = FacadeData.Faithful;
        var start = FacadeMath.FaithfulStart(CovarianceType.Full);
        var iterations = GaussianMixture.Iterate(rows, 2, new GaussianMixtureOptions { InitialParameters = start, ResponsibilityTolerance = 1e-3 }).Take(6).ToList();
        var entering = new[] { start }.Concat(iterations.Select(i => i.Parameters)).ToList(); // entering[t − 1] enters iteration t
        for (var t = 2; t <= 6; t++)
        {
            var current = Responsibilities(rows, entering[t - 1]);
            var previous = Responsibilities(rows, entering[t - 2]);
            var norm = Math.Sqrt(current.Zip(previous, (a, b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum()).Sum());
            var reported = iterations[t - 1].ResponsibilityChange;
            Assert.NotNull(reported);
            Assert.True(Math.Abs(norm - reported!.Value) <= 1e-9 * Math.Max(norm, 1e-3), $"iteration {t}: {reported:R} vs {norm:R}");
        }
        Assert.True(iterations[1].ResponsibilityChange > 1e-3); // the start is rough, so this is no 0 = 0 check
    }

    private static double[][] Responsibilities(double[][] rows, GaussianMixtureParameters parameters) =>
        [.. rows.Select(row =>
        {
            var joint = Enumerable.Range(0, parameters.Components)
                .Select(k => parameters.Weights[k] * FacadeMath.Density2(row, parameters.Means[k], parameters.Covariances[k])).ToArray();
            var total = joint.Sum();
            return joint.Select(j => j / total).ToArray();
        })];
}
