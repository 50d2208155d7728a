namespace EmFunctional.Tests.Facade;

/// <summary>
/// Numerical failures become <see cref="EmFitException"/> with a message that says what to do, under
/// <see cref="DegenerateComponentPolicy.Error"/> (scikit-learn's behaviour). The default policy keeps such
/// fits alive: see DegenerateComponentTests.
/// </summary>
public sealed class FailureTests
{
    /// <summary>
    /// Four identical rows at the origin and ten rows around (50, 50); component 0 starts on the identical
    /// rows with a small covariance. Every other row is so far from it (squared distance ≥ 4000 over
    /// variance 0.01) that its responsibility underflows to exactly 0, so component 0's new covariance is
    /// exactly zero: not positive definite without regularization.
    /// </summary>
    internal static (double[][] Rows, GaussianMixtureOptions Options) CollapsingStart()
    {
        double[][] rows =
        [
            [0, 0], [0, 0], [0, 0], [0, 0],
            [49, 50], [51, 50], [50, 49], [50, 51], [48, 52], [52, 48], [47, 49], [53, 51], [50, 50], [51, 53],
        ];
        var start = new GaussianMixtureParameters(
            [0.3, 0.7],
            [[0.0, 0.0], [50.0, 50.0]],
            [[[0.01, 0.0], [0.0, 0.01]], [[4.0, 0.0], [0.0, 4.0]]]);
        return (rows, new GaussianMixtureOptions { Regularization = 0, InitialParameters = start, DegenerateComponents = DegenerateComponentPolicy.Error });
    }

    [Fact]
    public void A_component_collapsing_onto_identical_rows_fails_without_regularization()
    {
        var (rows, options) = CollapsingStart();
        var exception = Assert.Throws<EmFitException>(() => GaussianMixture.Fit(rows, 2, options));
        Assert.Equal(FitFailure.IllDefinedCovariance, exception.Failure);
        Assert.Contains("component 0", exception.Message);
        Assert.Contains("regularization", exception.Message);   // the remedy
        Assert.IsAssignableFrom<InvalidOperationException>(exception);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void The_collapse_is_reported_for_every_per_component_covariance_type(CovarianceType type)
    {
        var (rows, options) = CollapsingStart();
        var exception = Assert.Throws<EmFitException>(() => GaussianMixture.Fit(rows, 2, options with { Covariance = type }));
        Assert.Equal(FitFailure.IllDefinedCovariance, exception.Failure);
        Assert.Contains("component 0", exception.Message);
    }

    [Fact]
    public void The_suggested_remedy_works()
    {
        // With regularization the spike is positive definite; it is still degenerate, so EM must be allowed to
        // keep it (the default policy), which says so in the model's events.
        var (rows, options) = CollapsingStart();
        var model = GaussianMixture.Fit(rows, 2, options with { Regularization = 1e-6, DegenerateComponents = DegenerateComponentPolicy.Regularize });
        Assert.Contains(model.Events, e => e.Component == 0 && e.Cause == DegeneracyCause.Collapsed);
        Assert.True(double.IsFinite(model.LogLikelihood));
        // Component 0 is now a spike of variance exactly the regularization on the identical rows.
        Assert.Equal(1e-6, model.Covariances[0][0][0], 12);
        Assert.Equal(4.0 / 14, model.Weights[0], 9);
    }

    [Fact]
    public void Iterate_reports_the_same_failure_when_enumerated()
    {
        var (rows, options) = CollapsingStart();
        var exception = Assert.Throws<EmFitException>(() => GaussianMixture.Iterate(rows, 2, options).ToList());
        Assert.Equal(FitFailure.IllDefinedCovariance, exception.Failure);
        Assert.Contains("component 0", exception.Message);
    }

    [Fact]
    public void A_component_that_no_row_belongs_to_is_reported_as_empty()
    {
        // Component 1 starts a million units from every row with a small covariance: every responsibility
        // for it underflows to exactly 0, so it has no points at all.
        double[][] rows = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.5], [2, 1], [1, 2]];
        var start = new GaussianMixtureParameters([0.5, 0.5], [[0.5, 0.5], [1e6, 1e6]], [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]]);
        var exception = Assert.Throws<EmFitException>(() => GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { InitialParameters = start, DegenerateComponents = DegenerateComponentPolicy.Error }));
        Assert.Equal(FitFailure.EmptyComponent, exception.Failure);
        Assert.Contains("component 1", exception.Message);
        Assert.Contains("fewer components", exception.Message);
    }

    [Fact]
    public void When_every_restart_fails_the_fit_fails_and_names_the_component()
    {
        // Three distinct points, each repeated: with three components, every start puts each component
        // on a set of identical rows, which has no covariance without regularization.
        var rows = Enumerable.Range(0, 30).Select(i => new[] { (double)(i % 3), (double)(i % 3 * i % 3) }).ToArray();
        var options = new GaussianMixtureOptions { Regularization = 0, Restarts = 3, DegenerateComponents = DegenerateComponentPolicy.Error };
        var exception = Assert.Throws<EmFitException>(() => GaussianMixture.Fit(rows, 3, options));
        Assert.Equal(FitFailure.IllDefinedCovariance, exception.Failure);
        Assert.Matches("component [0-2]", exception.Message);
        Assert.Contains("raise the regularization", exception.Message);
        // With the default regularization and policy the same data fit, and the collapsed components are reported.
        var model = GaussianMixture.Fit(rows, 3, options with { Regularization = 1e-6, DegenerateComponents = DegenerateComponentPolicy.Regularize });
        Assert.Equal(3, model.Components);
        Assert.Contains(model.Events, e => e.Cause == DegeneracyCause.Collapsed);
    }
}
