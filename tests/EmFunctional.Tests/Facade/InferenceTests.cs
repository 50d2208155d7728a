namespace EmFunctional.Tests.Facade;

/// <summary>Predict, PredictProba, ScoreSamples and Score against the definitions, computed naively here.</summary>
public sealed class InferenceTests
{
    /// <summary>The training rows plus new rows around and between the clusters (including off-grid points).</summary>
    private static double[][] Probe()
    {
        var rows = FacadeData.Faithful.ToList();
        for (var x = 1.0; x <= 6.0; x += 0.37)
            for (var y = 35.0; y <= 105.0; y += 4.3)
                rows.Add([x, y]);
        return [.. rows];
    }

    public static TheoryData<CovarianceType> Types => new() { CovarianceType.Full, CovarianceType.Diagonal, CovarianceType.Spherical, CovarianceType.Tied };

    [Theory]
    [MemberData(nameof(Types))]
    public void Responsibilities_are_distributions_and_predict_is_their_argmax(CovarianceType type)
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 3, new GaussianMixtureOptions { Covariance = type });
        var rows = Probe();
        var probabilities = model.PredictProba(rows);
        var labels = model.Predict(rows);
        Assert.Equal(rows.Length, probabilities.Length);
        Assert.Equal(rows.Length, labels.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(3, probabilities[i].Length);
            Assert.All(probabilities[i], p => Assert.InRange(p, 0.0, 1.0));
            Assert.Equal(1.0, probabilities[i].Sum(), 12);
            var argmax = Array.IndexOf(probabilities[i], probabilities[i].Max());
            Assert.Equal(argmax, labels[i]);
        }
        // Every component is the most probable for some training row (the clusters are real).
        Assert.Equal(3, model.Predict(FacadeData.Faithful).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Responsibilities_follow_bayes_rule(CovarianceType type)
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { Covariance = type });
        var rows = Probe();
        var probabilities = model.PredictProba(rows);
        var p = model.Parameters;
        for (var i = 0; i < rows.Length; i++)
        {
            var joint = Enumerable.Range(0, 2).Select(k => p.Weights[k] * FacadeMath.Density2(rows[i], p.Means[k], p.Covariances[k])).ToArray();
            if (joint.Sum() < 1e-250) continue; // too far out for the naive formula
            for (var k = 0; k < 2; k++) Assert.Equal(joint[k] / joint.Sum(), probabilities[i][k], 9);
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Score_samples_is_the_log_of_the_mixture_density(CovarianceType type)
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, new GaussianMixtureOptions { Covariance = type });
        var rows = Probe();
        var scores = model.ScoreSamples(rows);
        Assert.Equal(rows.Length, scores.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = FacadeMath.MixtureLogDensity2(model.Parameters, rows[i]);
            Assert.True(Math.Abs(expected - scores[i]) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"row {i} ({rows[i][0]}, {rows[i][1]}): {scores[i]:R} vs {expected:R}");
        }
    }

    [Fact]
    public void Score_samples_stays_finite_far_from_the_data_where_densities_underflow()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        var scores = model.ScoreSamples([[100.0, -500.0], [-40.0, 1000.0]]);
        Assert.All(scores, s => Assert.True(double.IsFinite(s) && s < -1000, $"{s}"));
        var probabilities = model.PredictProba([[100.0, -500.0]]);
        Assert.Equal(1.0, probabilities[0].Sum(), 12);
    }

    [Fact]
    public void The_models_log_likelihood_is_the_sum_of_its_training_scores()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 2);
        Assert.Equal(model.LogLikelihood, model.ScoreSamples(rows).Sum(), 9);
        Assert.Equal(model.MeanLogLikelihood, model.Score(rows), 12);
    }

    [Fact]
    public void Score_is_the_mean_of_score_samples_and_the_weighted_mean_with_weights()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        var rows = Probe();
        var scores = model.ScoreSamples(rows);
        Assert.Equal(scores.Average(), model.Score(rows), 10);

        var weights = Enumerable.Range(0, rows.Length).Select(i => (i % 5) * 0.75).ToArray();
        var weighted = scores.Zip(weights, (s, w) => s * w).Sum() / weights.Sum();
        Assert.Equal(weighted, model.Score(rows, weights), 10);
        Assert.NotEqual(model.Score(rows), model.Score(rows, weights), 6); // the weights matter here

        // Integer weights ≡ repeated rows.
        var repeated = rows.SelectMany((row, i) => Enumerable.Repeat(row, (int)(weights[i] / 0.75))).ToArray();
        Assert.Equal(model.Score(repeated), model.Score(rows, weights.Select(w => w / 0.75).ToArray()), 10);
    }

    [Fact]
    public void Rectangular_and_jagged_inference_agree()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 3, new GaussianMixtureOptions { Covariance = CovarianceType.Diagonal });
        var rows = Probe();
        var matrix = FacadeData.ToMatrix(rows);
        Assert.Equal(model.Predict(rows), model.Predict(matrix));
        Assert.Equal(model.ScoreSamples(rows), model.ScoreSamples(matrix));
        var jagged = model.PredictProba(rows);
        var rectangular = model.PredictProba(matrix);
        Assert.Equal(rows.Length, rectangular.GetLength(0));
        Assert.Equal(3, rectangular.GetLength(1));
        for (var i = 0; i < rows.Length; i++)
            for (var k = 0; k < 3; k++)
                Assert.Equal(jagged[i][k], rectangular[i, k]);
    }

    [Fact]
    public void Inference_does_not_depend_on_how_many_rows_are_evaluated_together()
    {
        // Rows are processed in blocks: a row's answer must not depend on its neighbours or position.
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        var rows = Probe();
        var all = model.ScoreSamples(rows);
        var allProbabilities = model.PredictProba(rows);
        foreach (var i in new[] { 0, 1, 200, rows.Length - 1 })
        {
            Assert.Equal(all[i], model.ScoreSamples([rows[i]])[0]);
            Assert.Equal(allProbabilities[i], model.PredictProba([rows[i]])[0]);
        }
        var reversed = rows.Reverse().ToArray();
        Assert.Equal(all.Reverse(), model.ScoreSamples(reversed));
    }

    [Fact]
    public void Inference_is_repeatable_and_does_not_change_the_model()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        var parameters = model.Parameters;
        var rows = Probe();
        var first = model.ScoreSamples(rows);
        model.PredictProba(rows);
        model.Sample(100, 3);
        Assert.Equal(first, model.ScoreSamples(rows));
        Assert.Equal(parameters, model.Parameters);
    }
}
