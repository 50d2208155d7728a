namespace EmFunctional.Tests.Facade;

/// <summary>
/// The default policy for degenerate components keeps the fit alive and says what it did (see
/// <see cref="DegenerateComponentPolicy"/>); <see cref="FailureTests"/> covers the error policy.
/// </summary>
public sealed class DegenerateComponentTests
{
    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void By_default_a_component_collapsing_without_regularization_gets_its_own_and_the_fit_goes_on(CovarianceType type)
    {
        var (rows, options) = FailureTests.CollapsingStart();
        var model = GaussianMixture.Fit(rows, 2, options with { Covariance = type, DegenerateComponents = DegenerateComponentPolicy.Regularize });

        Assert.True(double.IsFinite(model.LogLikelihood));
        Assert.All(model.Covariances.SelectMany(c => c).SelectMany(r => r), v => Assert.True(double.IsFinite(v)));
        // Recorded at every iteration, since the component stays on the identical rows; the fit still converges.
        Assert.True(model.Converged);
        Assert.Equal(model.Iterations, model.Events.Length);
        var raised = model.Events[^1];
        Assert.Equal((0, DegeneracyCause.IllDefinedCovariance, DegenerateComponentPolicy.Regularize), (raised.Component, raised.Cause, raised.Action));
        Assert.True(raised.Regularization > 0);
        Assert.Contains("component 0", raised.Message);
        Assert.Equal(4, raised.EffectiveCount, 9);
    }

    [Fact]
    public void Reinitialize_moves_a_component_that_explains_no_row_to_the_worst_explained_row()
    {
        double[][] rows = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5], [2, 1], [1, 2], [9, 9]];
        var start = new GaussianMixtureParameters([0.5, 0.5], [[0.5, 0.5], [1e6, 1e6]], [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]]);
        var model = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { InitialParameters = start, DegenerateComponents = DegenerateComponentPolicy.Reinitialize });

        var restart = model.Events[0];
        Assert.Equal((1, 1, DegeneracyCause.TooFewRows, DegenerateComponentPolicy.Reinitialize, 7), (restart.Iteration, restart.Component, restart.Cause, restart.Action, restart.Row));
        Assert.Null(restart.Regularization);
        Assert.True(double.IsFinite(model.LogLikelihood));
    }

    [Fact]
    public void Iterate_reports_the_events_of_each_iteration()
    {
        var (rows, options) = FailureTests.CollapsingStart();
        // Component 0 sits on identical rows throughout, so every iteration raises its regularization, and says so.
        var iterations = GaussianMixture.Iterate(rows, 2, options with { DegenerateComponents = DegenerateComponentPolicy.Regularize }).Take(5).ToList();
        Assert.All(iterations, iteration =>
        {
            var raised = Assert.Single(iteration.Events);
            Assert.Equal((iteration.Number, 0, DegeneracyCause.IllDefinedCovariance), (raised.Iteration, raised.Component, raised.Cause));
        });
    }

    [Fact]
    public void Family_mixtures_and_model_selection_take_the_policy_too()
    {
        var (rows, _) = FailureTests.CollapsingStart();
        var family = new FamilyMixtureOptions { Family = FamilyChoice.Gaussian, Regularization = 0, DegenerateComponents = DegenerateComponentPolicy.Error };
        Assert.Throws<EmFitException>(() => FamilyMixture.Fit(rows, 2, family with { Restarts = 5 }));
        var kept = FamilyMixture.Fit(rows, 2, family with { Restarts = 5, DegenerateComponents = DegenerateComponentPolicy.Regularize });
        Assert.True(double.IsFinite(kept.LogLikelihood));

        var grid = ModelSelection.Run(rows, new ModelSelectionOptions { Components = [1, 2, 3], Regularization = 0, DegenerateComponents = DegenerateComponentPolicy.Regularize });
        Assert.All(grid.Cells, cell => Assert.True(cell.Succeeded, cell.Error));
    }

    [Fact]
    public void A_spent_time_budget_returns_the_state_reached_and_says_so()
    {
        var rows = Enumerable.Range(0, 4000).Select(i => new[] { i % 7 + 0.001 * i, (i * 37 % 11) + 0.002 * i }).ToArray();
        var model = GaussianMixture.Fit(rows, 3, new GaussianMixtureOptions { Restarts = 50, Tolerance = 0, MaxIterations = 100_000, TimeBudget = TimeSpan.FromMilliseconds(200) });

        Assert.Equal(StopReason.TimeBudgetExhausted, model.StopReason);
        Assert.False(model.Converged);
        Assert.True(model.Restarts.Length < 50, "no restart starts once the budget is spent");
        Assert.True(double.IsFinite(model.LogLikelihood));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(rows, 3, new GaussianMixtureOptions { TimeBudget = TimeSpan.Zero }));
    }
}
