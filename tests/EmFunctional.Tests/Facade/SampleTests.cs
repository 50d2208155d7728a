namespace EmFunctional.Tests.Facade;

/// <summary>Sampling from a fitted model: deterministic per seed and distributed as the model says.</summary>
public sealed class SampleTests
{
    private static readonly Lazy<GaussianMixtureModel> Model = new(() => GaussianMixture.Fit(FacadeData.Faithful, 3));

    [Fact]
    public void The_same_seed_gives_the_same_rows_and_another_seed_other_rows()
    {
        var model = Model.Value;
        var first = model.Sample(500, seed: 11);
        var again = model.Sample(500, seed: 11);
        var other = model.Sample(500, seed: 12);
        Assert.Equal(first.Labels, again.Labels);
        for (var i = 0; i < 500; i++) Assert.Equal(first.Rows[i], again.Rows[i]);
        Assert.NotEqual(first.Labels, other.Labels);
        Assert.True(Enumerable.Range(0, 500).Count(i => first.Rows[i][0] != other.Rows[i][0]) > 490);
        // A longer draw starts with the shorter one (rows are drawn one after another from one stream).
        var longer = model.Sample(800, seed: 11);
        for (var i = 0; i < 500; i++) Assert.Equal(first.Rows[i], longer.Rows[i]);
        // Default seed is deterministic too.
        Assert.Equal(model.Sample(50).Labels, model.Sample(50).Labels);
    }

    [Fact]
    public void Shapes_and_labels_are_in_range()
    {
        var model = Model.Value;
        var sample = model.Sample(1000, 5);
        Assert.Equal(1000, sample.Rows.Length);
        Assert.Equal(1000, sample.Labels.Length);
        Assert.All(sample.Rows, row => Assert.Equal(2, row.Length));
        Assert.All(sample.Rows, row => Assert.All(row, v => Assert.True(double.IsFinite(v))));
        Assert.All(sample.Labels, label => Assert.InRange(label, 0, model.Components - 1));
        Assert.Equal(model.Components, sample.Labels.Distinct().Count());
    }

    [Fact]
    public void Twenty_thousand_draws_match_the_models_weights_means_and_covariances()
    {
        const int N = 20_000;
        var model = Model.Value;
        var sample = model.Sample(N, seed: 2024);
        var d = model.Dimensions;
        for (var k = 0; k < model.Components; k++)
        {
            var rows = sample.Rows.Where((_, i) => sample.Labels[i] == k).ToArray();
            var n = rows.Length;
            var pi = model.Weights[k];

            // Label frequency: binomial, standard error √(π(1−π)/N) ≤ 0.0036; allow 5 standard errors
            // (a false alarm has probability ~6e-7 per check, and the seed is fixed anyway).
            var frequencyError = Math.Sqrt(pi * (1 - pi) / N);
            Assert.True(Math.Abs((double)n / N - pi) < 5 * frequencyError, $"component {k}: frequency {(double)n / N} vs weight {pi}");

            var mean = Enumerable.Range(0, d).Select(j => rows.Average(row => row[j])).ToArray();
            for (var j = 0; j < d; j++)
            {
                // Mean of n normal draws: standard error √(Σ_jj / n).
                var standardError = Math.Sqrt(model.Covariances[k][j][j] / n);
                Assert.True(Math.Abs(mean[j] - model.Means[k][j]) < 5 * standardError,
                    $"component {k}, column {j}: sample mean {mean[j]} vs {model.Means[k][j]} (standard error {standardError})");
            }
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    // Sample covariance of normal draws: variance (Σ_aa Σ_bb + Σ_ab²) / n; this also
                    // checks that the draws use the covariance's correlation, not just its diagonal.
                    var covariance = rows.Sum(row => (row[a] - mean[a]) * (row[b] - mean[b])) / (n - 1);
                    var sigma = model.Covariances[k];
                    var standardError = Math.Sqrt((sigma[a][a] * sigma[b][b] + sigma[a][b] * sigma[a][b]) / n);
                    Assert.True(Math.Abs(covariance - sigma[a][b]) < 5 * standardError,
                        $"component {k}, ({a}, {b}): sample covariance {covariance} vs {sigma[a][b]} (standard error {standardError})");
                }
            }
        }
    }

    [Fact]
    public void A_model_fitted_to_its_own_sample_recovers_its_likelihood()
    {
        // The fit of a large sample of the model scores that sample (per row) at least as well as the model
        // itself (it maximizes the likelihood) but only by about p / (2n) = 11 / 10000 more.
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2);
        var sample = model.Sample(5000, seed: 9);
        var refit = GaussianMixture.Fit(sample.Rows, 2, new GaussianMixtureOptions { Restarts = 3, Tolerance = 1e-10, MaxIterations = 1000 });
        var truth = model.Score(sample.Rows);
        Assert.InRange(refit.MeanLogLikelihood - truth, 0.0, 0.01);
    }
}
