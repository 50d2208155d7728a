namespace EmFunctional.Tests.Facade;

/// <summary>
/// <see cref="FamilyMixture"/>: the facade for every family and for mixed-type tables, on the same EM
/// as <see cref="GaussianMixture"/>.
/// </summary>
public sealed class FamilyMixtureTests
{
    /// <summary>
    /// A two-class table: column 0 continuous (N(0, 1) or N(5, 1)), column 1 binary (p = 0.2 or 0.9),
    /// column 2 counts (Poisson 1 or 8), drawn with a fixed seed; class = row index mod 2.
    /// </summary>
    private static (double[][] Rows, int[] Classes) MixedTable(int rows = 2000)
    {
        var random = new Random(20261122);
        var data = new double[rows][];
        var classes = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var k = i % 2;
            classes[i] = k;
            var normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            data[i] = [5 * k + normal, random.NextDouble() < (k == 0 ? 0.2 : 0.9) ? 1 : 0, Poisson(k == 0 ? 1 : 8, random)];
        }
        return (data, classes);
    }

    private static double Poisson(double rate, Random random)
    {
        // Knuth's product of uniforms: fine for small rates in a test.
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble()) count++;
        return count;
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void All_gaussian_columns_give_exactly_the_gaussian_mixture(CovarianceType covariance)
    {
        var rows = FacadeData.Faithful;
        var gaussian = GaussianMixture.Fit(rows, 2, new GaussianMixtureOptions { Covariance = covariance, Restarts = 3 });
        var family = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Family = FamilyChoice.Gaussian, Covariance = covariance, Restarts = 3 });

        Assert.Equal(gaussian.LogLikelihood, family.LogLikelihood);
        Assert.Equal(gaussian.Weights.ToArray(), family.Weights.ToArray());
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(gaussian.Means[k].ToArray(), family.Means[k].ToArray());
            for (var i = 0; i < 2; i++) Assert.Equal(gaussian.Covariances[k][i].ToArray(), family.Covariances[k][i].ToArray());
        }
        Assert.Equal(gaussian.FreeParameters, family.FreeParameters);
        Assert.Equal(gaussian.Bic(), family.Bic());
        Assert.Equal(covariance, family.Covariance);
        Assert.Equal(0, family.LogPrior);
    }

    [Fact]
    public void Auto_picks_a_family_per_column_and_recovers_the_classes_of_a_mixed_table()
    {
        var (rows, classes) = MixedTable();
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Restarts = 3 });

        Assert.Equal([ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson], model.ColumnFamilies.ToArray());
        Assert.True(model.Converged);
        var labels = model.Predict(rows);
        var agreement = Enumerable.Range(0, rows.Length).Count(i => labels[i] == classes[i]) / (double)rows.Length;
        Assert.True(Math.Max(agreement, 1 - agreement) >= 0.95, $"labels agree with the classes on {agreement:P1} of rows (up to relabelling)");

        // Parameters near the truth: component order follows the continuous mean.
        var order = model.Means[0][0] < model.Means[1][0] ? new[] { 0, 1 } : new[] { 1, 0 };
        var low = model.Groups[order[0]];
        var high = model.Groups[order[1]];
        Assert.InRange(((BernoulliGroupParameters)low[1]).Probabilities[0], 0.15, 0.25);
        Assert.InRange(((BernoulliGroupParameters)high[1]).Probabilities[0], 0.85, 0.95);
        Assert.InRange(((PoissonGroupParameters)low[2]).Rates[0], 0.85, 1.15);
        Assert.InRange(((PoissonGroupParameters)high[2]).Rates[0], 7.6, 8.4);
        Assert.InRange(((GaussianGroupParameters)high[0]).Mean[0], 4.85, 5.15);
        // (K − 1) + Gaussian mean and variance + Bernoulli p + Poisson λ, per component.
        Assert.Equal(1 + 2 * (1 + 1 + 1 + 1), model.FreeParameters);
    }

    [Fact]
    public void Per_column_means_and_covariances_follow_each_family()
    {
        var (rows, _) = MixedTable(600);
        var model = FamilyMixture.Fit(rows, 2);
        for (var k = 0; k < 2; k++)
        {
            var p = ((BernoulliGroupParameters)model.Groups[k][1]).Probabilities[0];
            var rate = ((PoissonGroupParameters)model.Groups[k][2]).Rates[0];
            Assert.Equal(p, model.Means[k][1]);
            Assert.Equal(rate, model.Means[k][2]);
            Assert.Equal(p * (1 - p), model.Covariances[k][1][1], 15);
            Assert.Equal(rate, model.Covariances[k][2][2]);
            Assert.Equal(0, model.Covariances[k][0][1]);
            Assert.Equal(0, model.Covariances[k][1][2]);
        }
    }

    [Fact]
    public void Categorical_codes_are_modelled_per_column_and_unseen_codes_are_rejected()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 400).Select(i => i % 2 == 0
            ? new double[] { random.NextDouble() < 0.8 ? 0 : 1, random.NextDouble() < 0.7 ? 2 : 0 }
            : new double[] { random.NextDouble() < 0.8 ? 1 : 0, random.NextDouble() < 0.7 ? 1 : 2 }).ToArray();
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Family = FamilyChoice.Categorical, Restarts = 3 });

        Assert.All(model.ColumnFamilies, family => Assert.Equal(ColumnFamily.Categorical, family));
        var group = (CategoricalGroupParameters)model.Groups[0][0];
        Assert.Equal(2, group.Probabilities[0].Length);
        Assert.Equal(3, group.Probabilities[1].Length);
        Assert.All(group.Probabilities, probabilities => Assert.Equal(1, probabilities.Sum(), 12));
        Assert.Equal(1 + 2 * ((2 - 1) + (3 - 1)), model.FreeParameters);

        var unseen = Assert.Throws<DataValueException>(() => model.Predict([[0, 3]]));
        Assert.Contains("row 0, column 1", unseen.Message);
    }

    [Fact]
    public void A_value_its_family_cannot_model_is_named_by_row_and_column()
    {
        var (rows, _) = MixedTable(50);
        rows[7][2] = 2.5;
        var poisson = Assert.Throws<DataValueException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { ColumnFamilies = [ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson] }));
        Assert.Contains("row 7, column 2: 2.5 is not a count; a Poisson column holds non-negative integers", poisson.Message);
        Assert.Equal("data", poisson.ParamName);

        var bernoulli = Assert.Throws<DataValueException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Family = FamilyChoice.Bernoulli }));
        Assert.Contains("row 0, column 0", bernoulli.Message);
    }

    [Fact]
    public void Options_are_checked_with_the_option_named()
    {
        var (rows, _) = MixedTable(50);
        var columns = Assert.Throws<ArgumentException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { ColumnFamilies = [ColumnFamily.Gaussian] }));
        Assert.Contains("ColumnFamilies", columns.Message);
        var alpha = Assert.Throws<ArgumentOutOfRangeException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { WeightConcentration = 0.5 }));
        Assert.Contains("WeightConcentration", alpha.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyMixture.Fit(rows, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Restarts = 0 }));
    }

    [Fact]
    public void Priors_make_a_map_fit_whose_log_posterior_is_what_restarts_compete_on()
    {
        var (rows, _) = MixedTable(400);
        var map = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { UsePriors = true, WeightConcentration = 2, Restarts = 4 });
        Assert.True(double.IsFinite(map.LogPrior) && map.LogPrior != 0);
        Assert.Equal(map.LogLikelihood + map.LogPrior, map.LogPosterior);
        // The winning restart has the highest log-posterior, not necessarily the highest log-likelihood.
        Assert.True(map.Restarts.All(r => r.LogLikelihood is not null));

        var ml = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Restarts = 4 });
        Assert.Equal(0, ml.LogPrior);
        // MAP trades likelihood for prior: its likelihood cannot beat the ML optimum by more than rounding.
        Assert.True(map.LogLikelihood <= ml.LogLikelihood + 1e-6 * Math.Abs(ml.LogLikelihood));
    }

    [Fact]
    public void Samples_respect_each_column_family_and_are_reproducible()
    {
        var (rows, _) = MixedTable(600);
        var model = FamilyMixture.Fit(rows, 2);
        var sample = model.Sample(500, seed: 3);
        Assert.Equal(sample.Rows.Select(r => r.ToArray()), model.Sample(500, seed: 3).Rows.Select(r => r.ToArray()));
        Assert.All(sample.Rows, row =>
        {
            Assert.True(row[1] is 0 or 1);
            Assert.True(row[2] >= 0 && row[2] == Math.Floor(row[2]));
        });
        Assert.All(model.ScoreSamples(sample.Rows), value => Assert.True(double.IsFinite(value)));
    }
}
