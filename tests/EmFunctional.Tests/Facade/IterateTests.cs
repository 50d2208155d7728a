namespace EmFunctional.Tests.Facade;

/// <summary><c>GaussianMixture.Iterate</c>: lazy, repeatable, unbounded, and the same steps as <c>Fit</c>.</summary>
public sealed class IterateTests
{
    [Fact]
    public void The_call_does_no_work_until_enumerated()
    {
        // This start makes the first M-step fail (see FailureTests); creating the sequence must not.
        var (rows, options) = FailureTests.CollapsingStart();
        var sequence = GaussianMixture.Iterate(rows, 2, options);
        var exception = Assert.Throws<EmFitException>(() => sequence.First());
        Assert.Contains("component 0", exception.Message);
    }

    [Fact]
    public void Invalid_input_throws_at_the_call_not_at_enumeration()
    {
        var rows = FacadeData.Faithful;
        // No enumeration below: each call itself must throw.
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = GaussianMixture.Iterate(rows, 0); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = GaussianMixture.Iterate(FacadeData.ToMatrix(rows), -2); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = GaussianMixture.Iterate(rows, 2, new GaussianMixtureOptions { Regularization = double.NaN }); });
        Assert.Throws<ArgumentException>(() => { _ = GaussianMixture.Iterate(rows, 2, sampleWeights: [1.0, 2.0]); });
        rows[10][1] = double.PositiveInfinity;
        Assert.Throws<DataValueException>(() => { _ = GaussianMixture.Iterate(rows, 2); });
        rows[10][1] = double.NaN;
        Assert.Throws<DataValueException>(() => { _ = GaussianMixture.Iterate(rows, 2, new GaussianMixtureOptions { MissingCells = MissingCellPolicy.Refuse }); });
    }

    [Fact]
    public void Malformed_initial_parameters_throw_at_the_call_not_at_enumeration()
    {
        // The XML doc of Iterate says "Input is checked now"; initial parameters are input.
        var start = new GaussianMixtureParameters([0.5, 0.6], [[2.0, 55.0], [4.3, 80.0]], [[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 1.0]]]);
        var exception = Record.Exception(() => { _ = GaussianMixture.Iterate(FacadeData.Faithful, 2, new GaussianMixtureOptions { InitialParameters = start }); });
        Assert.IsType<ArgumentException>(exception);
        Assert.Contains("sum to", exception.Message);
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_iterations()
    {
        var sequence = GaussianMixture.Iterate(FacadeData.Faithful, 3, new GaussianMixtureOptions { Seed = 5 }).Take(25);
        var first = sequence.ToList();
        var second = sequence.ToList();
        Assert.Equal(25, first.Count);
        Assert.Equal(first.Select(i => i.MeanLogLikelihood), second.Select(i => i.MeanLogLikelihood));
        for (var t = 0; t < 25; t++)
        {
            Assert.Equal(first[t], second[t]); // record equality: number, likelihood, changes and bit-equal parameters
            Assert.Equal(first[t].Parameters, second[t].Parameters);
        }
        // A fresh call with the same arguments gives the same sequence too.
        var third = GaussianMixture.Iterate(FacadeData.Faithful, 3, new GaussianMixtureOptions { Seed = 5 }).Take(25).ToList();
        Assert.Equal(first, third);
    }

    [Fact]
    public void Iterations_are_numbered_and_their_changes_are_the_differences()
    {
        var iterations = GaussianMixture.Iterate(FacadeData.Faithful, 2).Take(30).ToList();
        Assert.Equal(Enumerable.Range(1, 30), iterations.Select(i => i.Number));
        Assert.Null(iterations[0].Change);
        for (var t = 1; t < 30; t++)
        {
            Assert.NotNull(iterations[t].Change);
            Assert.Equal(iterations[t].MeanLogLikelihood - iterations[t - 1].MeanLogLikelihood, iterations[t].Change!.Value, 15);
        }
        Assert.All(iterations, i => Assert.Null(i.ResponsibilityChange)); // not tracked unless asked for
        Assert.All(iterations, i => Assert.Equal(1.0, i.Parameters.Weights.Sum(), 12));
    }

    [Theory]
    [InlineData(CovarianceType.Full, 0.0)]
    [InlineData(CovarianceType.Diagonal, 0.0)]
    [InlineData(CovarianceType.Spherical, 0.0)]
    [InlineData(CovarianceType.Tied, 0.0)]
    [InlineData(CovarianceType.Full, 1e-6)]
    [InlineData(CovarianceType.Tied, 1e-6)]
    public void The_mean_log_likelihood_never_decreases_over_thirty_iterations(CovarianceType type, double regularization)
    {
        var options = new GaussianMixtureOptions { Covariance = type, Regularization = regularization, Initialization = InitializationMethod.RandomFromData, Seed = 1 };
        var likelihoods = GaussianMixture.Iterate(FacadeData.Faithful, 2, options).Take(30).Select(i => i.MeanLogLikelihood).ToArray();
        // EM's ascent property is exact for the unregularized likelihood; the slack only absorbs the
        // last-bit rounding of a sum of 272 terms once the likelihood has stopped moving.
        for (var t = 1; t < likelihoods.Length; t++)
            Assert.True(likelihoods[t] >= likelihoods[t - 1] - 1e-13, $"iteration {t + 1}: {likelihoods[t]:R} < {likelihoods[t - 1]:R}");
        Assert.True(likelihoods[^1] > likelihoods[0] + 0.1, "the likelihood should rise substantially from a random start");
    }

    public static TheoryData<InitializationMethod, int> StartsAndLengths => new()
    {
        { InitializationMethod.KMeansPlusPlus, 1 },
        { InitializationMethod.KMeansPlusPlus, 7 },
        { InitializationMethod.KMeans, 12 },
        { InitializationMethod.RandomFromData, 25 },
        { InitializationMethod.RandomResponsibilities, 4 },
    };

    [Theory]
    [MemberData(nameof(StartsAndLengths))]
    public void Taking_k_iterations_equals_fit_with_k_iterations(InitializationMethod initialization, int k)
    {
        var rows = FacadeData.Faithful;
        var options = new GaussianMixtureOptions { Initialization = initialization, Seed = 42, Tolerance = 0, MaxIterations = k };
        var fit = GaussianMixture.Fit(rows, 2, options);
        var iterations = GaussianMixture.Iterate(rows, 2, options).Take(k + 1).ToList();

        Assert.Equal(k, fit.Iterations);
        Assert.Equal(fit.Parameters, iterations[k - 1].Parameters); // bit-equal
        Assert.Equal(GaussianMixture.Iterate(rows, 2, options).Take(k).Last().Parameters, fit.Parameters);
        // The fit's log-likelihood is that of its final parameters: what the next iteration evaluates.
        Assert.Equal(iterations[k].MeanLogLikelihood, fit.MeanLogLikelihood, 12);
        // And the fit's trace is the iteration sequence.
        var trace = fit.Restarts[0].Trace;
        Assert.Equal(iterations.Take(k).Select(i => i.MeanLogLikelihood), trace.Select(p => p.MeanLogLikelihood));
        Assert.Equal(iterations.Take(k).Select(i => i.Change), trace.Select(p => p.Change));
    }

    [Fact]
    public void Iterate_from_initial_parameters_with_weights_matches_fit()
    {
        var rows = FacadeData.Faithful;
        var weights = Enumerable.Range(0, rows.Length).Select(i => 0.5 + i % 3).ToArray();
        var options = new GaussianMixtureOptions { Covariance = CovarianceType.Diagonal, Tolerance = 0, MaxIterations = 9, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Diagonal) };
        var fit = GaussianMixture.Fit(rows, 2, options, weights);
        Assert.Equal(fit.Parameters, GaussianMixture.Iterate(rows, 2, options, weights).Take(9).Last().Parameters);
        Assert.Equal(fit.Parameters, GaussianMixture.Iterate(FacadeData.ToMatrix(rows), 2, options, weights).Take(9).Last().Parameters);
    }

    [Fact]
    public void Iterate_ignores_every_stopping_rule()
    {
        // MaxIterations, Tolerance and ResponsibilityTolerance are Fit's business: Iterate is unbounded.
        var options = new GaussianMixtureOptions { MaxIterations = 3, Tolerance = 1.0, ResponsibilityTolerance = 10.0 };
        Assert.Equal(150, GaussianMixture.Iterate(FacadeData.Faithful, 2, options).Take(150).Count());
    }

    [Fact]
    public void Iterate_starts_where_fits_first_restart_starts()
    {
        var options = new GaussianMixtureOptions { Restarts = 4, Seed = 9, Tolerance = 0, MaxIterations = 6 };
        var fit = GaussianMixture.Fit(FacadeData.Faithful, 3, options);
        var iterations = GaussianMixture.Iterate(FacadeData.Faithful, 3, options).Take(6).ToList();
        Assert.Equal(iterations.Select(i => i.MeanLogLikelihood), fit.Restarts[0].Trace.Select(p => p.MeanLogLikelihood));
    }
}
