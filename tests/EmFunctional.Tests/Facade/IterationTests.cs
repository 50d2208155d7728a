namespace EmFunctional.Tests.Facade;

/// <summary>
/// The one <see cref="Iteration"/> type of both ways in: <c>GaussianMixture.Iterate(…, restart)</c> repeats restart
/// r of <c>Fit</c> bit for bit, as <c>FamilyMixture.Iterate</c> does; every iteration gives its responsibilities
/// on demand and becomes a model (<see cref="Iteration.ToModel"/>) that is <c>Fit</c>'s own at the iteration where
/// <c>Fit</c> stopped.
/// </summary>
public sealed class IterationTests
{
    private static readonly GaussianMixtureOptions ThreeRestarts = new()
    {
        Covariance = CovarianceType.Diagonal,
        Initialization = InitializationMethod.RandomFromData,
        Restarts = 3,
        Seed = 11,
        MaxDegreeOfParallelism = 1,
    };

    [Fact]
    public void GaussianMixture_Iterate_repeats_every_restart_of_Fit_bit_for_bit()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 3, ThreeRestarts);
        for (var restart = 0; restart < ThreeRestarts.Restarts; restart++)
        {
            var expected = model.Restarts[restart];
            var iterations = FamilyIterateTests.UpToStop(GaussianMixture.Iterate(rows, 3, ThreeRestarts, restart)).ToArray();
            Assert.Equal(expected.Iterations, iterations.Length);
            Assert.Equal(expected.StopReason, iterations[^1].StopReason);
            Assert.All(iterations, iteration => Assert.Equal(restart, iteration.Restart));
            Assert.Equal(expected.Trace.Select(point => point.MeanLogLikelihood), iterations.Select(iteration => iteration.MeanLogLikelihood));
            Assert.Equal(expected.Trace.Select(point => point.Change), iterations.Select(iteration => iteration.Change));
        }
        // Restart 0 without the argument: the old call is the first restart.
        Assert.Equal(
            GaussianMixture.Iterate(rows, 3, ThreeRestarts, 0).Take(5).Select(iteration => iteration.MeanLogLikelihood),
            GaussianMixture.Iterate(rows, 3, ThreeRestarts).Take(5).Select(iteration => iteration.MeanLogLikelihood));
    }

    [Fact]
    public void The_model_of_the_iteration_where_Fit_stopped_its_best_restart_is_Fits_model()
    {
        var rows = FacadeData.Faithful;
        var fitted = GaussianMixture.Fit(rows, 3, ThreeRestarts);
        var stop = FamilyIterateTests.UpToStop(GaussianMixture.Iterate(rows, 3, ThreeRestarts, fitted.BestRestart)).Last();
        var model = Assert.IsType<GaussianMixtureModel>(stop.ToModel());

        Assert.Equal(fitted.LogLikelihood, model.LogLikelihood);
        Assert.Equal(fitted.Weights.ToArray(), model.Weights.ToArray());
        Assert.Equal(fitted.Parameters, model.Parameters);
        Assert.Equal(fitted.Parameters, stop.Parameters);
        Assert.Equal(fitted.Iterations, model.Iterations);
        Assert.Equal(fitted.StopReason, model.StopReason);
        Assert.Equal(fitted.FreeParameters, model.FreeParameters);
        Assert.Equal(fitted.Bic(), model.Bic());
        Assert.Equal(fitted.Restarts[fitted.BestRestart].Trace.ToArray(), model.Restarts.Single().Trace.ToArray());
        Assert.Equal(fitted.BestRestart, model.Restarts.Single().Index);
        Assert.Equal(fitted.Restarts[fitted.BestRestart].Seed, model.Restarts.Single().Seed);
        Assert.Equal(fitted.Predict(rows), model.Predict(rows));
    }

    [Fact]
    public void A_model_taken_before_any_rule_held_says_the_caller_stopped_it()
    {
        var rows = FacadeData.Faithful;
        var second = GaussianMixture.Iterate(rows, 2, new GaussianMixtureOptions { Tolerance = 0 }).ElementAt(1);
        Assert.Null(second.StopReason);
        var model = second.ToModel();
        Assert.Equal(StopReason.StoppedByCaller, model.StopReason);
        Assert.False(model.Converged);
        Assert.Equal(2, model.Iterations);
        Assert.Equal(second.Weights.ToArray(), model.Weights.ToArray());
        Assert.Equal(2, model.Restarts.Single().Trace.Length);
    }

    [Fact]
    public void Responsibilities_are_those_of_the_iterations_parameters_on_the_training_rows()
    {
        var rows = FamilyIterateTestsData.Mixed();
        foreach (var iteration in FamilyMixture.Iterate(rows, 3, new FamilyMixtureOptions { Seed = 4 }).Take(4))
        {
            var responsibilities = iteration.Responsibilities();
            Assert.Equal(rows.Length, responsibilities.Length);
            Assert.All(responsibilities, row => Assert.Equal(1.0, row.Sum(), 1e-12));
            var expected = iteration.ToModel().PredictProba(rows);
            for (var i = 0; i < rows.Length; i++) Assert.Equal(expected[i], responsibilities[i]);
        }
    }

    [Fact]
    public void Both_ways_in_give_the_same_iterations_for_all_Gaussian_columns()
    {
        var rows = FacadeData.Faithful;
        var settings = new EmSettings { Restarts = 2, Seed = 5, MaxDegreeOfParallelism = 1 };
        var gaussian = GaussianMixture.Iterate(rows, 2, new GaussianMixtureOptions(settings), restart: 1).Take(6).ToArray();
        var family = FamilyMixture.Iterate(rows, 2, new FamilyMixtureOptions(settings) { Family = FamilyChoice.Gaussian }, restart: 1).Take(6).ToArray();
        Assert.Equal(gaussian, family);
        // A single k-means++ start, whose first steps still move every group (the default search starts near the optimum).
        var singleStart = new FamilyMixtureOptions { Initialization = InitializationMethod.KMeansPlusPlus };
        var mixed = FamilyMixture.Iterate(FamilyIterateTestsData.Mixed(), 2, singleStart).Take(3).ToArray();
        Assert.Equal(mixed, FamilyMixture.Iterate(FamilyIterateTestsData.Mixed(), 2, singleStart).Take(3).ToArray());
        // Group by group (Gaussian, Poisson, Bernoulli), values are compared, not array references.
        var again = FamilyMixture.Iterate(FamilyIterateTestsData.Mixed(), 2, singleStart).Take(3).ToArray();
        for (var g = 0; g < 3; g++)
        {
            Assert.True(mixed[2].Groups[0][g].SameValues(again[2].Groups[0][g]), $"group {g} equal to itself");
            Assert.False(mixed[1].Groups[0][g].SameValues(mixed[2].Groups[0][g]), $"group {g} moved between iterations 2 and 3");
            Assert.False(mixed[2].Groups[0][g].SameValues(mixed[2].Groups[0][(g + 1) % 3]), $"group {g} differs from another family's");
        }
        Assert.Equal(gaussian[^1].Parameters, family[^1].Parameters);
        var group = Assert.IsType<GaussianGroupParameters>(Assert.Single(gaussian[^1].Groups[0]));
        Assert.Equal([0, 1], group.Columns.ToArray());
    }

    [Fact]
    public void Parameters_of_an_iteration_with_other_families_are_refused_with_a_pointer_to_Groups()
    {
        var iteration = FamilyMixture.Iterate(FamilyIterateTestsData.Mixed(), 2).First();
        var error = Assert.Throws<InvalidOperationException>(() => iteration.Parameters);
        Assert.Contains("Groups", error.Message);
        Assert.Equal(3, iteration.Groups[0].Length);
    }

    [Fact]
    public void Given_initial_parameters_have_one_run_restart_0()
    {
        var rows = FacadeData.Faithful;
        var start = GaussianMixture.Fit(rows, 2).Parameters;
        var options = new GaussianMixtureOptions { InitialParameters = start, Restarts = 3 };
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = GaussianMixture.Iterate(rows, 2, options, restart: 1); });
        var fitted = GaussianMixture.Fit(rows, 2, options);
        var stop = FamilyIterateTests.UpToStop(GaussianMixture.Iterate(rows, 2, options, restart: 0)).Last();
        Assert.Equal(fitted.LogLikelihood, stop.ToModel().LogLikelihood);
    }

    [Fact]
    public void Shared_settings_are_declared_once_and_carried_by_every_options_record()
    {
        var settings = new EmSettings { Restarts = 4, Seed = 9, Tolerance = 1e-5, MaxIterations = 7, ResponsibilityTolerance = 0.5, TimeBudget = TimeSpan.FromSeconds(3) };
        EmSettings[] derived = [new GaussianMixtureOptions(settings), new FamilyMixtureOptions(settings), new ModelSelectionOptions(settings)];
        foreach (var options in derived)
        {
            Assert.Equal(settings.Restarts, options.Restarts);
            Assert.Equal(settings.Seed, options.Seed);
            Assert.Equal(settings.Tolerance, options.Tolerance);
            Assert.Equal(settings.MaxIterations, options.MaxIterations);
            Assert.Equal(settings.ResponsibilityTolerance, options.ResponsibilityTolerance);
            Assert.Equal(settings.TimeBudget, options.TimeBudget);
        }
        // A grid cell is an ordinary fit: the same defaults as a single fit.
        Assert.Equal(new GaussianMixtureOptions().Restarts, new ModelSelectionOptions().Restarts);
        Assert.Equal(new GaussianMixtureOptions().Tolerance, new ModelSelectionOptions().Tolerance);
        Assert.Equal(InitializationMethod.Automatic, new ModelSelectionOptions().Initialization);
        Assert.Equal(1, new GaussianMixtureOptions().Restarts);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ModelSelection.Run(FacadeData.Faithful, new ModelSelectionOptions(settings) { MaxDegreeOfParallelism = 0 }));
        Assert.Contains("options.MaxDegreeOfParallelism", error.Message);
    }
}

/// <summary>The mixed table of <see cref="FamilyIterateTests"/>: Gaussian, Poisson and Bernoulli columns.</summary>
internal static class FamilyIterateTestsData
{
    public static double[][] Mixed() =>
        [.. FacadeData.Faithful.Select(row => new[] { row[0], row[1], Math.Round(row[0] * 2), row[1] > 70 ? 1.0 : 0.0 })];
}

/// <summary>Refusals of the data give their place as numbers, so no caller reads the message for it.</summary>
public sealed class DataPlaceTests
{
    [Fact]
    public void A_value_its_family_cannot_model_is_a_DataValueException_with_row_and_column()
    {
        var rows = FamilyIterateTestsData.Mixed();
        rows[5][3] = 2; // the Bernoulli column
        var families = new[] { ColumnFamily.Gaussian, ColumnFamily.Gaussian, ColumnFamily.Poisson, ColumnFamily.Bernoulli };
        var error = Assert.Throws<DataValueException>(() => FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { ColumnFamilies = families }));
        Assert.Equal((5, 3), (error.Row, error.Column));
        Assert.Equal("2 is not 0 or 1; a Bernoulli column holds only 0 and 1", error.Problem);
        Assert.Equal("data", error.ParamName);

        var huge = FacadeData.Faithful;
        huge[7][1] = 1e200;
        var gaussian = Assert.Throws<DataValueException>(() => GaussianMixture.Fit(huge, 2));
        Assert.Equal((7, 1), (gaussian.Row, gaussian.Column));

        var missing = FacadeData.Faithful;
        missing[9][0] = double.NaN;
        var nan = Assert.Throws<DataValueException>(() => GaussianMixture.Fit(missing, 2, new GaussianMixtureOptions { MissingCells = MissingCellPolicy.Refuse }));
        Assert.Equal((9, 0), (nan.Row, nan.Column));
        Assert.StartsWith("NaN", nan.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_no_component_explains_gives_its_row_in_the_EmFitException()
    {
        // The core's error for such a row carries the row; the facade passes it on.
        var error = Assert.IsType<EmFitException>(Conversions.ToException(Core.Errors.NonFiniteLikelihood(4)));
        Assert.Equal(FitFailure.NonFiniteLikelihood, error.Failure);
        Assert.Equal(4, error.Row);
        Assert.Null(Assert.IsType<EmFitException>(Conversions.ToException(Core.Errors.EmptyComponent(0, 0))).Row);
    }
}

/// <summary><c>FamilyMixture.ColumnFamiliesOf</c>: the columns' families as <c>Fit</c> decides them, for callers that check first.</summary>
public sealed class ColumnFamiliesOfTests
{
    [Fact]
    public void It_gives_the_families_Fit_uses()
    {
        var rows = FamilyIterateTestsData.Mixed();
        var auto = FamilyMixture.ColumnFamiliesOf(rows);
        // Old Faithful's waiting times are whole minutes, so Auto takes them for counts.
        Assert.Equal([ColumnFamily.Gaussian, ColumnFamily.Poisson, ColumnFamily.Poisson, ColumnFamily.Bernoulli], auto);
        Assert.Equal(auto, FamilyMixture.Fit(rows, 2).ColumnFamilies.ToArray());
        Assert.Equal(auto, FamilyMixture.ColumnFamiliesOf(FacadeData.ToMatrix(rows)));
        Assert.All(FamilyMixture.ColumnFamiliesOf(rows, new FamilyMixtureOptions { Family = FamilyChoice.Gaussian }), family => Assert.Equal(ColumnFamily.Gaussian, family));
        var error = Assert.Throws<ArgumentException>(() => FamilyMixture.ColumnFamiliesOf(rows, new FamilyMixtureOptions { ColumnFamilies = [ColumnFamily.Gaussian] }));
        Assert.Contains("options.ColumnFamilies has 1 entries but the data has 4 columns", error.Message);
    }
}
