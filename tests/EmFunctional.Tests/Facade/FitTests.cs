namespace EmFunctional.Tests.Facade;

/// <summary>The three-line usage, information criteria, the iteration cap and the covariance shapes.</summary>
public sealed class FitTests
{
    // Best known total log-likelihood of a K = 2 full-covariance fit of Old Faithful
    // (tests/data/reference/faithful.json, "best_loglik"; scikit-learn and mclust agree on it).
    private const double FaithfulFullK2LogLikelihood = -1130.26396;

    [Fact]
    public void Three_line_usage_fits_old_faithful_to_the_reference_likelihood()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, components: 2);

        // The default tolerance (1e-3 on the mean log-likelihood) stops close to the optimum; at the
        // reference optimum EM moves the total by far less than 1e-3 per step.
        Assert.InRange(model.LogLikelihood, FaithfulFullK2LogLikelihood - 1e-3, FaithfulFullK2LogLikelihood + 1e-3);
        Assert.True(model.Converged, $"stop reason {model.StopReason} after {model.Iterations} iterations");
        Assert.Equal(StopReason.LogLikelihoodConverged, model.StopReason);
        Assert.InRange(model.Iterations, 1, 100);
        Assert.Equal(2, model.Components);
        Assert.Equal(2, model.Dimensions);
        Assert.Equal(CovarianceType.Full, model.Covariance);
        Assert.Equal(272.0, model.SampleSize);
        Assert.Equal(model.LogLikelihood / 272, model.MeanLogLikelihood, 12);
        Assert.Equal(1.0, model.Weights.Sum(), 12);
        Assert.All(model.Weights, w => Assert.InRange(w, 0.0, 1.0));
        // Known solution: about 35.6 % short eruptions near (2.04, 54.5), 64.4 % long ones near (4.29, 80.0).
        var shortFirst = model.Means[0][0] < model.Means[1][0] ? 0 : 1;
        Assert.Equal(0.356, model.Weights[shortFirst], 2);
        Assert.Equal(2.04, model.Means[shortFirst][0], 1);
        Assert.Equal(54.5, model.Means[shortFirst][1], 0);
        Assert.Equal(80.0, model.Means[1 - shortFirst][1], 0);

        var labels = model.Predict(rows);
        Assert.Equal(rows.Length, labels.Length);
        Assert.InRange(labels.Count(label => label == shortFirst), 94, 100);
    }

    [Fact]
    public void Bic_and_aic_follow_their_formulas_with_eleven_free_parameters()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        Assert.Equal(11, model.FreeParameters);
        Assert.Equal(-2 * model.LogLikelihood + 11 * Math.Log(272), model.Bic(), 9);
        Assert.Equal(-2 * model.LogLikelihood + 22, model.Aic(), 9);
        // Reference: scikit-learn's bic for this fit is 2322.2. BIC penalizes more than AIC once ln n > 2.
        Assert.Equal(2322.2, model.Bic(), 0);
        Assert.True(model.Bic() > model.Aic());
    }

    [Fact]
    public void Bic_and_aic_on_other_rows_use_those_rows_likelihood_and_count()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 2);
        var half = rows.Take(100).ToArray();
        var logLikelihood = model.ScoreSamples(half).Sum();
        Assert.Equal(-2 * logLikelihood + 11 * Math.Log(100), model.Bic(half), 9);
        Assert.Equal(-2 * logLikelihood + 22, model.Aic(half), 9);
        // On the training rows themselves they agree with the training-data criteria.
        Assert.Equal(model.Bic(), model.Bic(rows), 8);
        Assert.Equal(model.Aic(), model.Aic(rows), 8);
    }

    [Theory]
    // (K − 1) + K·D + covariance parameters: full K·D(D+1)/2, diag K·D, spherical K, tied D(D+1)/2.
    [InlineData(CovarianceType.Full, 2, 11)]      // 1 + 4 + 6
    [InlineData(CovarianceType.Diagonal, 2, 9)]   // 1 + 4 + 4
    [InlineData(CovarianceType.Spherical, 2, 7)]  // 1 + 4 + 2
    [InlineData(CovarianceType.Tied, 2, 8)]       // 1 + 4 + 3
    [InlineData(CovarianceType.Full, 3, 17)]      // 2 + 6 + 9
    [InlineData(CovarianceType.Diagonal, 3, 14)]  // 2 + 6 + 6
    [InlineData(CovarianceType.Spherical, 3, 11)] // 2 + 6 + 3
    [InlineData(CovarianceType.Tied, 3, 11)]      // 2 + 6 + 3
    public void Free_parameters_per_covariance_type_in_two_dimensions(CovarianceType type, int components, int expected)
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, components, new GaussianMixtureOptions { Covariance = type });
        Assert.Equal(expected, model.FreeParameters);
        Assert.Equal(-2 * model.LogLikelihood + expected * Math.Log(272), model.Bic(), 9);
        Assert.Equal(-2 * model.LogLikelihood + 2 * expected, model.Aic(), 9);
    }

    [Theory]
    [InlineData(CovarianceType.Full, 44)]      // 2 + 12 + 3·10
    [InlineData(CovarianceType.Diagonal, 26)]  // 2 + 12 + 12
    [InlineData(CovarianceType.Spherical, 17)] // 2 + 12 + 3
    [InlineData(CovarianceType.Tied, 24)]      // 2 + 12 + 10
    public void Free_parameters_per_covariance_type_in_four_dimensions(CovarianceType type, int expected)
    {
        var model = GaussianMixture.Fit(FacadeData.Iris, 3, new GaussianMixtureOptions { Covariance = type });
        Assert.Equal(expected, model.FreeParameters);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void Rectangular_and_jagged_input_give_identical_models(CovarianceType type)
    {
        var rows = FacadeData.Faithful;
        var weights = Enumerable.Range(0, rows.Length).Select(i => 0.5 + i % 4).ToArray();
        var options = new GaussianMixtureOptions { Covariance = type, Restarts = 2, Seed = 7 };

        var jagged = GaussianMixture.Fit(rows, 2, options, weights);
        var rectangular = GaussianMixture.Fit(FacadeData.ToMatrix(rows), 2, options, weights);

        Assert.Equal(jagged.Parameters, rectangular.Parameters); // bit-equal
        Assert.Equal(jagged.LogLikelihood, rectangular.LogLikelihood);
        Assert.Equal(jagged.SampleSize, rectangular.SampleSize);
        Assert.Equal(jagged.Iterations, rectangular.Iterations);
        Assert.Equal(jagged.StopReason, rectangular.StopReason);
        Assert.Equal(jagged.BestRestart, rectangular.BestRestart);
        Assert.Equal(jagged.Restarts.Select(r => r.LogLikelihood), rectangular.Restarts.Select(r => r.LogLikelihood));
    }

    [Fact]
    public void Iteration_cap_is_not_an_error_and_reports_not_converged()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { Tolerance = 0, MaxIterations = 5 });
        Assert.Equal(5, model.Iterations);
        Assert.False(model.Converged);
        Assert.Equal(StopReason.MaximumIterations, model.StopReason);
        var restart = Assert.Single(model.Restarts);
        Assert.Equal(5, restart.Iterations);
        Assert.Equal(5, restart.Trace.Length);
        Assert.False(restart.Converged);
        Assert.True(restart.Succeeded);
        Assert.Equal(StopReason.MaximumIterations, restart.StopReason);
    }

    [Fact]
    public void Tolerance_zero_never_converges_even_after_the_likelihood_stops_moving()
    {
        // 300 steps from a good start: the likelihood changes by far less than 1e-12 long before the end.
        var options = new GaussianMixtureOptions { Tolerance = 0, MaxIterations = 300, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Full) };
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, options);
        Assert.Equal(300, model.Iterations);
        Assert.Equal(StopReason.MaximumIterations, model.StopReason);
    }

    [Fact]
    public void A_fit_that_converges_on_its_last_allowed_iteration_reports_convergence()
    {
        var free = GaussianMixture.Fit(FacadeData.Faithful, 2);
        Assert.True(free.Converged);
        var capped = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { MaxIterations = free.Iterations });
        Assert.Equal(free.Iterations, capped.Iterations);
        Assert.Equal(StopReason.LogLikelihoodConverged, capped.StopReason);
        Assert.Equal(free.Parameters, capped.Parameters);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void Fitted_covariances_are_symmetric_positive_definite_and_of_the_types_shape(CovarianceType type)
    {
        foreach (var (rows, components) in new[] { (FacadeData.Faithful, 2), (FacadeData.Iris, 3) })
        {
            var model = GaussianMixture.Fit(rows, components, new GaussianMixtureOptions { Covariance = type });
            var d = rows[0].Length;
            Assert.Equal(type, model.Covariance);
            Assert.Equal(components, model.Covariances.Length);
            for (var k = 0; k < components; k++)
            {
                var sigma = model.Covariances[k];
                Assert.Equal(d, sigma.Length);
                Assert.All(sigma, row => Assert.Equal(d, row.Length));
                Assert.True(FacadeMath.IsPositiveDefinite(sigma), $"covariance {k} is not positive definite");
                var matrix = model.Parameters.CovarianceMatrix(k);
                for (var i = 0; i < d; i++)
                {
                    Assert.True(sigma[i][i] > 0);
                    for (var j = 0; j < d; j++)
                    {
                        Assert.Equal(sigma[i][j], matrix[i, j]);
                        Assert.True(Math.Abs(sigma[i][j] - sigma[j][i]) <= 1e-12 * Math.Sqrt(sigma[i][i] * sigma[j][j]),
                            $"covariance {k} is not symmetric at ({i}, {j}): {sigma[i][j]:R} vs {sigma[j][i]:R}");
                        if (i != j && type is CovarianceType.Diagonal or CovarianceType.Spherical) Assert.Equal(0.0, sigma[i][j]);
                    }
                    if (type == CovarianceType.Spherical) Assert.Equal(sigma[0][0], sigma[i][i]);
                }
                if (type == CovarianceType.Tied)
                    for (var i = 0; i < d; i++) Assert.Equal(model.Covariances[0][i].ToArray(), sigma[i].ToArray());
            }
            if (type is CovarianceType.Full or CovarianceType.Tied)
            {
                // Both data sets are strongly correlated within clusters: a "full" fit with zero
                // off-diagonals would be a diagonal fit in disguise.
                Assert.Contains(model.Covariances, sigma => Math.Abs(sigma[0][1]) > 0.01 * Math.Sqrt(sigma[0][0] * sigma[1][1]));
            }
            if (type is CovarianceType.Full or CovarianceType.Diagonal)
                Assert.NotEqual(model.Covariances[0][0][0], model.Covariances[1][0][0]); // not secretly shared
        }
    }

    [Fact]
    public void A_richer_covariance_type_never_fits_worse_from_the_same_start()
    {
        // Spherical ⊂ diagonal ⊂ full: from the same start after many steps, the likelihood is ordered.
        double Fit(CovarianceType type) => GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions
        {
            Covariance = type, Tolerance = 0, MaxIterations = 200, InitialParameters = FacadeMath.FaithfulStart(CovarianceType.Spherical),
        }).LogLikelihood;
        var full = Fit(CovarianceType.Full);
        var diagonal = Fit(CovarianceType.Diagonal);
        var spherical = Fit(CovarianceType.Spherical);
        Assert.True(full > diagonal, $"full {full} vs diagonal {diagonal}");
        Assert.True(diagonal > spherical, $"diagonal {diagonal} vs spherical {spherical}");
    }

    [Fact]
    public void The_model_does_not_change_when_the_callers_arrays_do()
    {
        var rows = FacadeData.Faithful;
        var weights = Enumerable.Repeat(1.0, rows.Length).ToArray();
        var start = new double[] { 0.4, 0.6 };
        var means = new[] { new[] { 2.0, 55.0 }, new[] { 4.3, 80.0 } };
        var covariances = new[] { new[] { new[] { 0.3, 0.0 }, new[] { 0.0, 36.0 } }, new[] { new[] { 0.2, 0.0 }, new[] { 0.0, 30.0 } } };
        var initial = new GaussianMixtureParameters(start, means, covariances);
        var reference = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { InitialParameters = initial }, weights);

        var parameters = reference.Parameters;
        var logLikelihood = reference.LogLikelihood;
        start[0] = 0.9; means[0][0] = 100; covariances[0][0][0] = -5; rows[0][0] = 1e6; weights[0] = 1000;
        Assert.Equal(parameters, reference.Parameters);
        Assert.Equal(logLikelihood, reference.LogLikelihood);
        Assert.Equal(0.4, initial.Weights[0]);
        Assert.Equal(2.0, initial.Means[0][0]);
        Assert.Equal(0.3, initial.Covariances[0][0][0]);
    }

    [Fact]
    public void A_cancelled_token_returns_the_parameters_reached_so_far()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { Restarts = 3 }, cancellation: source.Token);
        Assert.Equal(StopReason.Cancelled, model.StopReason);
        Assert.False(model.Converged);
        Assert.Equal(1, model.Iterations);
        Assert.Single(model.Restarts);
        Assert.True(double.IsFinite(model.LogLikelihood));
    }
}
