namespace EmFunctional.Tests.Persistence;

/// <summary>
/// <see cref="FittedModel"/>: a saved and loaded model is the same model. For every family and covariance
/// type, the loaded model's labels, responsibilities, log-densities, scores and seeded samples are
/// compared bit for bit with the original's, and saving it again gives the same document (so every
/// parameter, option, restart and trace point came back exactly).
/// </summary>
public sealed class ModelRoundTripTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("em-persistence-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void A_gaussian_mixture_of_each_covariance_type_comes_back_exactly(CovarianceType covariance)
    {
        var data = PersistenceData.Faithful;
        var model = GaussianMixture.Fit(data, 3, new GaussianMixtureOptions { Covariance = covariance, Restarts = 3, Seed = 5, Tolerance = 1e-6, ResponsibilityTolerance = 1e-9 });

        var loaded = RoundTrip(model, data, ["eruptions", "waiting"]);

        var gaussian = Assert.IsType<GaussianMixtureModel>(loaded);
        Assert.Equal(covariance, gaussian.Covariance);
        Assert.Equal(model.Parameters, gaussian.Parameters);
        Assert.Equal(model.Options with { InitialParameters = null }, gaussian.Options);
    }

    [Theory]
    [InlineData(CovarianceType.Full)]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    [InlineData(CovarianceType.Tied)]
    public void A_mixed_product_table_of_each_covariance_type_comes_back_exactly(CovarianceType covariance)
    {
        var data = PersistenceData.Mixed();
        var options = new FamilyMixtureOptions
        {
            ColumnFamilies = PersistenceData.MixedFamilies,
            Covariance = covariance,
            Restarts = 2,
            Seed = -17,
            UsePriors = true,
            WeightConcentration = 2,
            MaxDegreeOfParallelism = 1,
        };
        var model = FamilyMixture.Fit(data, 2, options);

        var loaded = Assert.IsType<FamilyMixtureModel>(RoundTrip(model, data, ["x", "flag", "y", "code", "count", "other flag"]));

        Assert.Equal(PersistenceData.MixedFamilies, loaded.ColumnFamilies.ToArray());
        Assert.Equal(covariance, loaded.Covariance);
        Assert.Equal(model.LogPrior, loaded.LogPrior);
        Assert.True(loaded.Options.UsePriors);
        Assert.Equal(2, loaded.Options.WeightConcentration);
        Assert.Equal(PersistenceData.MixedFamilies, loaded.Options.ColumnFamilies);
        for (var k = 0; k < model.Components; k++)
            for (var g = 0; g < model.Groups[k].Length; g++)
                Assert.Equal(model.Groups[k][g].Columns.ToArray(), loaded.Groups[k][g].Columns.ToArray());
    }

    [Theory]
    [InlineData(FamilyChoice.Gaussian)]
    [InlineData(FamilyChoice.Bernoulli)]
    [InlineData(FamilyChoice.Categorical)]
    [InlineData(FamilyChoice.Poisson)]
    [InlineData(FamilyChoice.Auto)]
    public void A_model_of_each_family_comes_back_exactly(FamilyChoice family)
    {
        var data = family switch
        {
            FamilyChoice.Gaussian => PersistenceData.Faithful,
            FamilyChoice.Bernoulli => PersistenceData.Binary(),
            FamilyChoice.Categorical => PersistenceData.Codes(),
            FamilyChoice.Poisson => PersistenceData.Counts(),
            _ => PersistenceData.Mixed(),
        };
        var model = FamilyMixture.Fit(data, 2, new FamilyMixtureOptions { Family = family, Restarts = 2, Seed = 9 });

        var loaded = Assert.IsType<FamilyMixtureModel>(RoundTrip(model, data, columnNames: null));

        Assert.Equal(model.ColumnFamilies.ToArray(), loaded.ColumnFamilies.ToArray());
        Assert.Equal(family, loaded.Options.Family);
        Assert.Null(loaded.Options.ColumnFamilies);
    }

    [Fact]
    public void Initial_parameters_in_the_options_are_saved_with_them()
    {
        var data = PersistenceData.Faithful;
        var start = GaussianMixture.Fit(data, 2, new GaussianMixtureOptions { MaxIterations = 2, Tolerance = 0 }).Parameters;
        var model = GaussianMixture.Fit(data, 2, new GaussianMixtureOptions { InitialParameters = start });

        var loaded = Assert.IsType<GaussianMixtureModel>(RoundTrip(model, data, null));

        Assert.Equal(start, loaded.Options.InitialParameters);
    }

    [Fact]
    public void A_model_chosen_by_model_selection_comes_back_exactly_and_its_options_repeat_its_fit()
    {
        var data = PersistenceData.Faithful;
        var selection = ModelSelection.Run(data, new ModelSelectionOptions { Components = [2, 3], Covariances = [CovarianceType.Diagonal], Restarts = 2, Seed = 4 });
        var best = selection.Best!.Model!;

        var loaded = Assert.IsType<GaussianMixtureModel>(RoundTrip(best, data, null));

        var refit = GaussianMixture.Fit(data, best.Components, loaded.Options);
        Assert.Equal(best.Parameters, refit.Parameters);
    }

    [Fact]
    public void Column_names_and_the_library_version_are_saved()
    {
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);
        var path = Path.Combine(_directory, "named.json");

        model.Save(path, ["eruptions (min)", "waiting, \"min\""]);
        var loaded = FittedModel.Load(path);

        Assert.Equal(["eruptions (min)", "waiting, \"min\""], loaded.ColumnNames!.Value.ToArray());
        Assert.StartsWith("0.", loaded.LibraryVersion);
        Assert.Null(FittedModel.FromJson(FittedModel.ToJson(model)).ColumnNames);
    }

    [Fact]
    public void Column_names_must_be_one_distinct_name_per_column()
    {
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);
        var path = Path.Combine(_directory, "never.json");

        var count = Assert.Throws<ArgumentException>(() => FittedModel.Save(model, path, ["only one"]));
        var repeated = Assert.Throws<ArgumentException>(() => FittedModel.Save(model, path, ["a", "a"]));

        Assert.Contains("1 column names were given but the model has 2 columns", count.Message);
        Assert.Contains("columns 0 and 1 are both named \"a\"", repeated.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Doubles_are_written_in_shortest_round_trip_form()
    {
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2);

        var json = FittedModel.ToJson(model);

        // Neither padded to 17 digits ("0.35593515510007880") nor rounded: exactly what "R" prints.
        Assert.Contains(model.Weights[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture), json);
        Assert.Contains("\"schema\": \"em-functional/model\"", json);
        Assert.Contains("\"schemaVersion\": 1", json);
    }

    /// <summary>
    /// Saves <paramref name="model"/> to a file, loads it, checks the loaded model against the original on
    /// <paramref name="data"/> bit for bit, and returns it.
    /// </summary>
    private MixtureModel RoundTrip(MixtureModel model, double[][] data, string[]? columnNames)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.json");
        FittedModel.Save(model, path, columnNames);
        var fitted = FittedModel.Load(path);
        var loaded = fitted.Model;

        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(columnNames, fitted.ColumnNames?.ToArray());
        // Every saved field came back: saving the loaded model writes the same document.
        Assert.Equal(File.ReadAllText(path), FittedModel.ToJson(loaded, columnNames));
        Assert.Equal(FittedModel.ToJson(model, columnNames), FittedModel.ToJson(FittedModel.FromJson(FittedModel.ToJson(model, columnNames)).Model, columnNames));

        Assert.Equal(model.Predict(data), loaded.Predict(data));
        AssertBitIdentical(model.PredictProba(data).SelectMany(row => row), loaded.PredictProba(data).SelectMany(row => row));
        AssertBitIdentical(model.ScoreSamples(data), loaded.ScoreSamples(data));
        var matrix = Facade.FacadeData.ToMatrix(data);
        AssertBitIdentical(model.ScoreSamples(matrix), loaded.ScoreSamples(matrix));
        AssertBitIdentical([model.Score(data), model.Bic(), model.Aic(), model.Bic(data), model.LogLikelihood, model.LogPosterior, model.SampleSize],
            [loaded.Score(data), loaded.Bic(), loaded.Aic(), loaded.Bic(data), loaded.LogLikelihood, loaded.LogPosterior, loaded.SampleSize]);
        var sample = model.Sample(200, seed: 31);
        var loadedSample = loaded.Sample(200, seed: 31);
        Assert.Equal(sample.Labels, loadedSample.Labels);
        AssertBitIdentical(sample.Rows.SelectMany(row => row), loadedSample.Rows.SelectMany(row => row));

        AssertBitIdentical(model.Weights, loaded.Weights);
        AssertBitIdentical(model.Means.SelectMany(row => row), loaded.Means.SelectMany(row => row));
        AssertBitIdentical(model.Covariances.SelectMany(matrix => matrix.SelectMany(row => row)), loaded.Covariances.SelectMany(matrix => matrix.SelectMany(row => row)));
        Assert.Equal(model.FreeParameters, loaded.FreeParameters);
        Assert.Equal(model.Iterations, loaded.Iterations);
        Assert.Equal(model.StopReason, loaded.StopReason);
        Assert.Equal(model.BestRestart, loaded.BestRestart);
        Assert.Equal(model.Restarts.Length, loaded.Restarts.Length);
        for (var r = 0; r < model.Restarts.Length; r++)
        {
            Assert.Equal(model.Restarts[r] with { Trace = [], Events = [] }, loaded.Restarts[r] with { Trace = [], Events = [] });
            Assert.Equal(model.Restarts[r].Events.AsEnumerable(), loaded.Restarts[r].Events.AsEnumerable());
            Assert.Equal(model.Restarts[r].Trace.ToArray(), loaded.Restarts[r].Trace.ToArray());
        }
        return loaded;
    }

    private static void AssertBitIdentical(IEnumerable<double> expected, IEnumerable<double> actual) =>
        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), actual.Select(BitConverter.DoubleToInt64Bits));
}
