namespace EmFunctional.Tests.Facade;

/// <summary>
/// Bad input fails fast with an <see cref="ArgumentException"/> (or a subclass) whose ParamName is the
/// offending parameter and whose message names the row, column or option at fault.
/// </summary>
public sealed class ValidationTests
{
    private static readonly double[][] Rows =
    [
        [0.0, 0.0], [1.0, 0.5], [2.0, 1.0], [0.5, 2.0], [3.0, 3.0], [1.5, 2.5], [2.5, 0.5], [0.2, 1.7],
    ];

    private static double[][] CopyOfRows => FacadeData.Copy(Rows);

    private static T Throws<T>(Action action, string parameter, params string[] phrases) where T : ArgumentException
    {
        var exception = Assert.Throws<T>(action);
        Assert.Equal(parameter, exception.ParamName);
        foreach (var phrase in phrases) Assert.Contains(phrase, exception.Message);
        return exception;
    }

    // ---- data ----

    [Fact]
    public void Null_data_is_an_argument_null_exception()
    {
        Throws<ArgumentNullException>(() => GaussianMixture.Fit((double[][])null!, 2), "data");
        Throws<ArgumentNullException>(() => GaussianMixture.Fit((double[,])null!, 2), "data");
        Throws<ArgumentNullException>(() => GaussianMixture.Iterate((double[][])null!, 2), "data");
        Throws<ArgumentNullException>(() => GaussianMixture.Iterate((double[,])null!, 2), "data");
    }

    [Fact]
    public void Empty_data_names_the_missing_rows_or_columns()
    {
        Throws<ArgumentException>(() => GaussianMixture.Fit(Array.Empty<double[]>(), 1), "data", "no rows");
        Throws<ArgumentException>(() => GaussianMixture.Fit(new double[0, 2], 1), "data", "no rows");
        Throws<ArgumentException>(() => GaussianMixture.Fit(new double[3, 0], 1), "data", "no columns");
        Throws<ArgumentException>(() => GaussianMixture.Fit(new[] { Array.Empty<double>(), Array.Empty<double>() }, 1), "data", "row 0", "no columns");
        Throws<ArgumentException>(() => GaussianMixture.Iterate(Array.Empty<double[]>(), 1), "data", "no rows");
    }

    [Fact]
    public void A_null_row_is_named()
    {
        var rows = CopyOfRows;
        rows[2] = null!;
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 2), "data", "row 2 is null");
        var first = CopyOfRows;
        first[0] = null!;
        Throws<ArgumentException>(() => GaussianMixture.Fit(first, 2), "data", "row 0 is null");
    }

    [Fact]
    public void Ragged_rows_name_the_row_and_both_widths()
    {
        var rows = CopyOfRows;
        rows[3] = [1.0];
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 2), "data", "row 3 has 1 columns but row 0 has 2");
        rows[3] = [1.0, 2.0, 3.0];
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 2), "data", "row 3 has 3 columns but row 0 has 2");
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Non_finite_values_name_the_row_and_column(double value, string shown)
    {
        // NaN is a missing cell unless missing cells are refused; infinities are always errors.
        var refuse = new GaussianMixtureOptions { MissingCells = MissingCellPolicy.Refuse };
        var rows = CopyOfRows;
        rows[5][1] = value;
        Throws<DataValueException>(() => GaussianMixture.Fit(rows, 2, refuse), "data", "row 5, column 1", shown);
        Throws<DataValueException>(() => GaussianMixture.Fit(FacadeData.ToMatrix(rows), 2, refuse), "data", "row 5, column 1", shown);
        Throws<DataValueException>(() => GaussianMixture.Iterate(rows, 2, refuse), "data", "row 5, column 1", shown);

        var first = CopyOfRows;
        first[0][0] = value;
        Throws<DataValueException>(() => GaussianMixture.Fit(first, 2, refuse), "data", "row 0, column 0", shown);
    }

    [Fact]
    public void Several_non_finite_values_are_all_reported()
    {
        var rows = CopyOfRows;
        rows[1][0] = double.NegativeInfinity;
        rows[6][1] = double.PositiveInfinity;
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 2), "data", "row 1, column 0", "row 6, column 1");
    }

    // ---- components ----

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Components_below_one_is_out_of_range(int components)
    {
        var exception = Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(Rows, components), "components", "components", "at least 1");
        Assert.Equal(components, exception.ActualValue);
        Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(FacadeData.ToMatrix(Rows), components), "components");
        Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Iterate(Rows, components), "components");
    }

    [Fact]
    public void Fewer_distinct_rows_than_components_is_rejected_with_the_count()
    {
        double[][] rows = [[1, 1], [1, 1], [2, 2], [1, 1], [2, 2], [2, 2]];
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 3), "components", "only 2 distinct rows", "3 components", "at most 2");
        Throws<ArgumentException>(() => GaussianMixture.Iterate(rows, 3), "components", "only 2 distinct rows");
        // Two components are fine as far as validation goes (distinctness, not row count, matters).
        Assert.Equal(2, GaussianMixture.Iterate(rows, 2).First().Parameters.Components);
    }

    [Fact]
    public void Rows_with_zero_weight_do_not_count_as_distinct()
    {
        double[][] rows = [[1, 1], [2, 2], [3, 3], [4, 4]];
        Throws<ArgumentException>(() => GaussianMixture.Fit(rows, 3, sampleWeights: [1, 0, 0, 2]), "components", "only 2 distinct rows");
    }

    // ---- sample weights ----

    [Fact]
    public void A_negative_weight_names_its_row_and_value()
    {
        var weights = Enumerable.Repeat(1.0, Rows.Length).ToArray();
        weights[4] = -0.5;
        Throws<ArgumentException>(() => GaussianMixture.Fit(Rows, 2, sampleWeights: weights), "sampleWeights", "row 4", "-0.5");
        Throws<ArgumentException>(() => GaussianMixture.Fit(FacadeData.ToMatrix(Rows), 2, sampleWeights: weights), "sampleWeights", "row 4");
        Throws<ArgumentException>(() => GaussianMixture.Iterate(Rows, 2, sampleWeights: weights), "sampleWeights", "row 4");
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Infinity")]
    public void A_non_finite_weight_names_its_row(double value, string shown)
    {
        var weights = Enumerable.Repeat(1.0, Rows.Length).ToArray();
        weights[3] = value;
        Throws<ArgumentException>(() => GaussianMixture.Fit(Rows, 2, sampleWeights: weights), "sampleWeights", "row 3", shown);
    }

    [Fact]
    public void All_zero_weights_are_rejected()
    {
        var weights = new double[Rows.Length];
        Throws<ArgumentException>(() => GaussianMixture.Fit(Rows, 2, sampleWeights: weights), "sampleWeights", "all sample weights are zero");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(9)]
    public void A_weight_array_of_the_wrong_length_names_both_lengths(int length)
    {
        var weights = Enumerable.Repeat(1.0, length).ToArray();
        Throws<ArgumentException>(() => GaussianMixture.Fit(Rows, 2, sampleWeights: weights), "sampleWeights", $"{length} entries", "8 rows");
        Throws<ArgumentException>(() => GaussianMixture.Fit(FacadeData.ToMatrix(Rows), 2, sampleWeights: weights), "sampleWeights", $"{length} entries", "8 rows");
    }

    [Fact]
    public void Data_problems_and_weight_problems_are_reported_together_under_the_data()
    {
        var rows = CopyOfRows;
        rows[2][0] = double.PositiveInfinity;
        var weights = Enumerable.Repeat(1.0, Rows.Length).ToArray();
        weights[6] = -1;
        var exception = Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(rows, 2, sampleWeights: weights));
        Assert.Contains("row 2, column 0", exception.Message);
        Assert.Contains("row 6", exception.Message);
    }

    // ---- inference on rows of the wrong width ----

    [Fact]
    public void Inference_on_rows_of_the_wrong_width_names_the_row_and_the_fitted_width()
    {
        var model = GaussianMixture.Fit(Rows, 2);
        double[][] wide = [[1, 1], [1, 2, 3]];
        const string Expected = "row 1 has 3 columns but the model was fitted on 2";
        Throws<ArgumentException>(() => model.Predict(wide), "data", Expected);
        Throws<ArgumentException>(() => model.PredictProba(wide), "data", Expected);
        Throws<ArgumentException>(() => model.ScoreSamples(wide), "data", Expected);
        Throws<ArgumentException>(() => model.Score(wide), "data", Expected);
        Throws<ArgumentException>(() => model.Bic(wide), "data", Expected);
        Throws<ArgumentException>(() => model.Aic(wide), "data", Expected);
        Throws<ArgumentException>(() => model.Predict([[1.0]]), "data", "row 0 has 1 columns but the model was fitted on 2");

        var narrow = new double[3, 1];
        Throws<ArgumentException>(() => model.Predict(narrow), "data", "1 columns", "fitted on 2");
        Throws<ArgumentException>(() => model.PredictProba(narrow), "data", "1 columns", "fitted on 2");
        Throws<ArgumentException>(() => model.ScoreSamples(narrow), "data", "1 columns", "fitted on 2");
    }

    [Fact]
    public void Inference_rejects_null_empty_and_non_finite_rows()
    {
        var model = GaussianMixture.Fit(Rows, 2);
        Throws<ArgumentNullException>(() => model.Predict((double[][])null!), "data");
        Throws<ArgumentNullException>(() => model.ScoreSamples((double[,])null!), "data");
        Throws<ArgumentException>(() => model.Predict([[1, 1], null!]), "data", "row 1 is null");
        Throws<ArgumentException>(() => model.PredictProba(Array.Empty<double[]>()), "data", "no rows");
        Throws<DataValueException>(() => model.ScoreSamples([[1, 1], [2, double.PositiveInfinity]]), "data", "row 1, column 1", "+Infinity");
        // NaN is a missing cell: scored on the other; a row of missing cells is an error naming the row.
        Assert.True(double.IsFinite(model.ScoreSamples([[1, 1], [2, double.NaN]])[1]));
        Throws<ArgumentException>(() => model.ScoreSamples([[1, 1], [double.NaN, double.NaN]]), "data", "row 1", "every cell is missing");
    }

    [Fact]
    public void Score_with_bad_weights_names_the_weights()
    {
        var model = GaussianMixture.Fit(Rows, 2);
        Throws<ArgumentException>(() => model.Score(Rows, [1, 2]), "sampleWeights", "2 entries", "8 rows");
        Throws<ArgumentException>(() => model.Score(Rows, new double[8]), "sampleWeights", "all sample weights are zero");
    }

    [Fact]
    public void A_negative_sample_count_is_out_of_range()
    {
        var model = GaussianMixture.Fit(Rows, 2);
        Throws<ArgumentOutOfRangeException>(() => model.Sample(-1), "count");
        Assert.Empty(model.Sample(0).Rows);
    }

    // ---- options ----

    public static TheoryData<string, GaussianMixtureOptions> InvalidOptions => new()
    {
        { "Restarts", new GaussianMixtureOptions { Restarts = 0 } },
        { "Restarts", new GaussianMixtureOptions { Restarts = -3 } },
        { "MaxIterations", new GaussianMixtureOptions { MaxIterations = 0 } },
        { "Tolerance", new GaussianMixtureOptions { Tolerance = -1e-9 } },
        { "Tolerance", new GaussianMixtureOptions { Tolerance = double.NaN } },
        { "Tolerance", new GaussianMixtureOptions { Tolerance = double.PositiveInfinity } },
        { "Regularization", new GaussianMixtureOptions { Regularization = double.NaN } },
        { "Regularization", new GaussianMixtureOptions { Regularization = -1e-6 } },
        { "Regularization", new GaussianMixtureOptions { Regularization = double.PositiveInfinity } },
        { "ResponsibilityTolerance", new GaussianMixtureOptions { ResponsibilityTolerance = -1e-3 } },
        { "ResponsibilityTolerance", new GaussianMixtureOptions { ResponsibilityTolerance = double.NaN } },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Invalid_options_are_out_of_range_and_named(string option, GaussianMixtureOptions options)
    {
        Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(Rows, 2, options), "options", $"options.{option}");
        Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(FacadeData.ToMatrix(Rows), 2, options), "options", $"options.{option}");
        Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Iterate(Rows, 2, options), "options", $"options.{option}");
    }

    [Fact]
    public void Boundary_options_are_accepted()
    {
        var model = GaussianMixture.Fit(Rows, 2, new GaussianMixtureOptions { Restarts = 1, MaxIterations = 1, Tolerance = 0, Regularization = 1e-3, ResponsibilityTolerance = 0 });
        Assert.Equal(1, model.Iterations);
    }

    // ---- initial parameters ----

    private static readonly double[][] Identity = [[1.0, 0.0], [0.0, 1.0]];

    private static GaussianMixtureOptions Start(double[] weights, double[][] means, double[][][] covariances, CovarianceType type = CovarianceType.Full) =>
        new() { Covariance = type, InitialParameters = new GaussianMixtureParameters(weights, means, covariances) };

    private static void RejectsStart(GaussianMixtureOptions options, int components, params string[] phrases)
    {
        var exception = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(Rows, components, options));
        Assert.NotNull(exception.ParamName);
        Assert.StartsWith("options", exception.ParamName);
        Assert.Contains("nitial", exception.Message); // "initial ..." or "InitialParameters"
        foreach (var phrase in phrases) Assert.Contains(phrase, exception.Message);
        // Iterate checks the same start; it may do so at the call or on the first MoveNext, but never accept it.
        var iterate = Assert.Throws<ArgumentException>(() => GaussianMixture.Iterate(Rows, components, options).First());
        foreach (var phrase in phrases) Assert.Contains(phrase, iterate.Message);
    }

    [Fact]
    public void Initial_parameters_with_another_number_of_components_are_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, Identity]), 3, "2 components", "3");
    }

    [Fact]
    public void Initial_parameters_whose_lists_disagree_in_length_are_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0]], [Identity, Identity]), 2, "2 weights", "1 means", "2 covariances");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity]), 2, "2 weights", "2 means", "1 covariances");
    }

    [Fact]
    public void An_initial_mean_of_the_wrong_width_is_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1, 1]], [Identity, Identity]), 2, "mean 1", "3 values", "2 columns");
    }

    [Fact]
    public void An_initial_covariance_of_the_wrong_shape_is_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[1.0]]]), 2, "covariance 1", "2×2");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [[[1.0, 0.0], [0.0]], Identity]), 2, "covariance 0", "2×2");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [[[1, 0, 0], [0, 1, 0], [0, 0, 1]], Identity]), 2, "covariance 0", "2×2");
    }

    [Theory]
    [InlineData(0.5, 0.6)]
    [InlineData(0.3, 0.3)]
    public void Initial_weights_that_do_not_sum_to_one_are_rejected(double first, double second)
    {
        RejectsStart(Start([first, second], [[0, 0], [1, 1]], [Identity, Identity]), 2, "sum to");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.25)]
    [InlineData(double.NaN)]
    public void Non_positive_initial_weights_are_rejected(double weight)
    {
        RejectsStart(Start([weight, 1 - weight], [[0, 0], [1, 1]], [Identity, Identity]), 2, "weight 0", "positive");
    }

    [Fact]
    public void A_non_positive_definite_initial_covariance_is_rejected()
    {
        // Eigenvalues 3 and −1.
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[1.0, 2.0], [2.0, 1.0]]]), 2, "component 1", "positive definite");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [[[0.0, 0.0], [0.0, 0.0]], Identity]), 2, "component 0", "positive definite");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [[[-1.0, 0.0], [0.0, -1.0]], [[-1.0, 0.0], [0.0, -1.0]]], CovarianceType.Spherical), 2, "component 0", "positive definite");
    }

    [Fact]
    public void An_asymmetric_initial_covariance_is_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[1.0, 0.5], [0.0, 1.0]]]), 2, "component 1", "symmetric");
    }

    [Fact]
    public void Non_finite_initial_means_and_covariances_are_rejected()
    {
        RejectsStart(Start([0.5, 0.5], [[0, double.NaN], [1, 1]], [Identity, Identity]), 2, "component 0");
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[double.PositiveInfinity, 0.0], [0.0, 1.0]]]), 2, "component 1");
    }

    [Fact]
    public void A_non_diagonal_initial_covariance_is_rejected_for_the_diagonal_type()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[1.0, 0.1], [0.1, 1.0]]], CovarianceType.Diagonal), 2, "covariance 1", "not diagonal");
    }

    [Fact]
    public void A_non_spherical_initial_covariance_is_rejected_for_the_spherical_type()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [[[1.0, 0.0], [0.0, 2.0]], Identity], CovarianceType.Spherical), 2, "covariance 0", "multiple of the identity");
    }

    [Fact]
    public void Different_initial_covariances_are_rejected_for_the_tied_type()
    {
        RejectsStart(Start([0.5, 0.5], [[0, 0], [1, 1]], [Identity, [[2.0, 0.0], [0.0, 2.0]]], CovarianceType.Tied), 2, "covariance 1", "tied");
    }

    [Fact]
    public void Valid_initial_parameters_of_each_type_are_accepted()
    {
        double[][] diagonal = [[2.0, 0.0], [0.0, 0.5]];
        double[][] full = [[2.0, 0.3], [0.3, 0.5]];
        Assert.Equal(1, GaussianMixture.Fit(Rows, 2, Start([0.25, 0.75], [[0, 0], [2, 2]], [full, diagonal]) with { MaxIterations = 1 }).Iterations);
        Assert.Equal(1, GaussianMixture.Fit(Rows, 2, Start([0.25, 0.75], [[0, 0], [2, 2]], [diagonal, Identity], CovarianceType.Diagonal) with { MaxIterations = 1 }).Iterations);
        Assert.Equal(1, GaussianMixture.Fit(Rows, 2, Start([0.25, 0.75], [[0, 0], [2, 2]], [Identity, [[3.0, 0.0], [0.0, 3.0]]], CovarianceType.Spherical) with { MaxIterations = 1 }).Iterations);
        Assert.Equal(1, GaussianMixture.Fit(Rows, 2, Start([0.25, 0.75], [[0, 0], [2, 2]], [full, full], CovarianceType.Tied) with { MaxIterations = 1 }).Iterations);
    }

    [Fact]
    public void Null_parts_of_initial_parameters_are_rejected_at_construction()
    {
        Assert.Throws<ArgumentNullException>(() => new GaussianMixtureParameters(null!, [[0, 0]], [Identity]));
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new GaussianMixtureParameters([1], [null!], [Identity])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new GaussianMixtureParameters([1], [[0, 0]], [[[1, 0], null!]])).ParamName);
    }
}
