using System.Globalization;

namespace EmFunctional.Tests.Noise;

/// <summary>
/// <c>FamilyMixtureOptions.Noise</c> in C#: the caller's first guess, the model's noise component and labels, the
/// model file's round trip, and the operations a noise model refuses.
/// </summary>
public sealed class NoiseFacadeTests
{
    private static readonly double[][] Rows = [.. File.ReadLines(TestData.ReferencePath("noise/faithful-noise.csv")).Skip(1)
        .Select(line => line.Split(',').Take(2).Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())];

    [Fact]
    public void A_given_first_guess_leads_to_the_same_noise_component_as_nearest_neighbour_cleaning()
    {
        // ?Mclust's own guess: a row is noise with probability 3/4.
        var random = new Random(0);
        bool[] guess = [.. Rows.Select(_ => random.NextDouble() < 0.75)];

        var cleaned = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });
        var given = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions { InitialNoise = guess } });

        Assert.NotNull(cleaned.Noise);
        Assert.Equal(cleaned.Noise!.Weight, given.Noise!.Weight, 1e-4);
        Assert.Equal(cleaned.LogLikelihood, given.LogLikelihood, 1e-4 * Math.Abs(cleaned.LogLikelihood));
        Assert.Equal(1, cleaned.NoiseWeight + cleaned.Weights.Sum(), 1e-12);
        Assert.Equal(2, cleaned.Components);
        // mclust's parameter count with noise = TRUE: 6 covariance + 4 mean parameters, G − 1 = 1 weight, and 2.
        Assert.Equal(13, cleaned.FreeParameters);
        var probabilities = cleaned.PredictProba(Rows);
        var labels = cleaned.Predict(Rows);
        Assert.All(probabilities, row => Assert.Equal(3, row.Length));
        for (var i = 0; i < Rows.Length; i++)
            Assert.Equal(labels[i] == MixtureModel.NoiseLabel, probabilities[i][2] >= Math.Max(probabilities[i][0], probabilities[i][1]));
        Assert.Equal(Rows.Length, labels.Length);
        Assert.Contains(MixtureModel.NoiseLabel, labels);
    }

    [Fact]
    public void A_saved_noise_model_predicts_scores_and_samples_as_the_fitted_one()
    {
        var model = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });
        var path = Path.Combine(Path.GetTempPath(), $"noise-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = FittedModel.Load(path).Model;

            Assert.Equal(model.Noise!.Weight, loaded.Noise!.Weight);
            Assert.Equal(model.Noise.LogHypervolume, loaded.Noise.LogHypervolume);
            Assert.Equal(model.Predict(Rows), loaded.Predict(Rows));
            Assert.Equal(model.ScoreSamples(Rows), loaded.ScoreSamples(Rows));
            Assert.Equal(model.Bic(), loaded.Bic());
            Assert.Equal(model.Sample(50, 3).Labels, loaded.Sample(50, 3).Labels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void GaussianMixture_fits_the_same_noise_model_as_FamilyMixture_and_saves_it()
    {
        var family = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions(), Covariance = CovarianceType.EVI });
        var gaussian = GaussianMixture.Fit(Rows, 2, new GaussianMixtureOptions { Noise = new NoiseOptions(), Covariance = CovarianceType.EVI });

        Assert.Equal(family.LogLikelihood, gaussian.LogLikelihood, 1e-9 * Math.Abs(family.LogLikelihood));
        Assert.Equal(family.Noise!.Weight, gaussian.Noise!.Weight, 1e-9);
        Assert.Equal(family.Predict(Rows), gaussian.Predict(Rows));
        Assert.Equal(InitializationMethod.Hierarchical, gaussian.Options.Initialization);
        var path = Path.Combine(Path.GetTempPath(), $"noise-gaussian-{Guid.NewGuid():N}.json");
        try
        {
            gaussian.Save(path);
            var loaded = Assert.IsType<GaussianMixtureModel>(FittedModel.Load(path).Model);
            Assert.Equal(gaussian.Noise.Weight, loaded.Noise!.Weight);
            Assert.Equal(gaussian.ScoreSamples(Rows), loaded.ScoreSamples(Rows));
            Assert.Equal(gaussian.Bic(), loaded.Bic());
        }
        finally
        {
            File.Delete(path);
        }
        Assert.Contains("Iterate does not step a fit with a noise component", Assert.Throws<ArgumentException>(() => GaussianMixture.Iterate(Rows, 2, new GaussianMixtureOptions { Noise = new NoiseOptions() }).First()).Message);
        Assert.Contains("Iterate does not step a fit with a noise component", Assert.Throws<ArgumentException>(() => FamilyMixture.Iterate(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() }).First()).Message);
    }

    [Fact]
    public void A_selection_grid_with_noise_has_the_noise_component_in_every_cell_and_counts_its_parameters()
    {
        var grid = ModelSelection.Run(Rows, new ModelSelectionOptions { Components = [1, 2], Covariances = [CovarianceType.Full, CovarianceType.EVI], Noise = new NoiseOptions() });

        Assert.All(grid.Cells, cell => Assert.NotNull(cell.Model!.Noise));
        var cell = grid.Cell(2, CovarianceType.Full);
        var fit = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });
        // The same model as em fit --noise: 13 parameters, the same optimum.
        Assert.Equal(13, cell.FreeParameters);
        Assert.Equal(fit.LogLikelihood, cell.LogLikelihood!.Value, 1e-8 * Math.Abs(fit.LogLikelihood));
        Assert.Equal(fit.Noise!.Weight, cell.Model!.Noise!.Weight, 1e-8);
        Assert.Throws<ArgumentException>(() => ModelSelection.Run([[1.0, double.NaN], [2.0, 3.0], [4.0, 5.0]], new ModelSelectionOptions { Components = [1], Noise = new NoiseOptions { Neighbours = 1 } }));
    }

    [Fact]
    public void A_noise_model_refuses_missing_cells_and_the_bootstrap_and_a_fit_refuses_a_guess_of_the_wrong_length()
    {
        var model = FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions() });

        var missing = Assert.Throws<ArgumentException>(() => model.Predict([[1.0, double.NaN]]));
        Assert.Contains("row 1, column 2 is missing, and the model has a noise component", missing.Message);
        Assert.Contains("bootstrap does not resample", Assert.Throws<ArgumentException>(() => model.Bootstrap(Rows, 10)).Message);
        var wrong = Assert.Throws<ArgumentException>(() => FamilyMixture.Fit(Rows, 2, new FamilyMixtureOptions { Noise = new NoiseOptions { InitialNoise = [true, false] } }));
        Assert.Contains("options.Noise.InitialNoise has 2 entries but the data has 722 rows", wrong.Message);
        var counts = Assert.Throws<ArgumentException>(() => FamilyMixture.Fit([[1.0], [2.0], [3.0], [4.0], [1.0], [2.0]], 1, new FamilyMixtureOptions { Family = FamilyChoice.Poisson, Noise = new NoiseOptions { Neighbours = 2 } }));
        Assert.Contains("for Gaussian columns only", counts.Message);
    }
}
