using EmFunctional.Tests.Facade;

namespace EmFunctional.Tests.Selection;

/// <summary>
/// <c>ModelSelection.Run</c>: the shape of the table (K-major cells, lookups, the best cell and its model),
/// the default grid, failed cells, reproducibility of a cell with <c>GaussianMixture.Fit</c>, and
/// validation that names the parameter.
/// </summary>
public sealed class ModelSelectionFacadeTests
{
    private static readonly ModelSelectionOptions OneToFour = new() { Components = ModelSelectionOptions.Range(1, 4) };

    [Fact]
    public void The_table_has_one_cell_per_K_and_covariance_type_in_K_major_order()
    {
        var result = ModelSelection.Run(FacadeData.Faithful, OneToFour);

        Assert.Equal([1, 2, 3, 4], result.Components.ToArray());
        // The default grid is mclust's fourteen models, in mclust's order, each cell from the hierarchical start.
        Assert.Equal(CovarianceTypes.All, result.Covariances.ToArray());
        Assert.Equal(InitializationMethod.Hierarchical, result.Initialization);
        var models = CovarianceTypes.All.Count;
        Assert.Equal(4 * models, result.Cells.Length);
        for (var i = 0; i < result.Cells.Length; i++)
        {
            var cell = result.Cells[i];
            Assert.Equal(i, cell.Index);
            Assert.Equal(result.Components[i / models], cell.Components);
            Assert.Equal(result.Covariances[i % models], cell.Covariance);
            Assert.Equal(CovarianceTypes.MclustName(cell.Covariance), cell.ModelName);
            Assert.Equal(InitializationMethod.Hierarchical, cell.Model!.Options.Initialization);
            Assert.Same(cell, result.Cell(cell.Components, cell.Covariance));
            Assert.Equal(ModelSelectionStatus.Succeeded, cell.Status);
            Assert.NotNull(cell.Model);
            Assert.Equal(cell.Components, cell.Model!.Components);
            Assert.Equal(cell.Covariance, cell.Model.Covariance);
            Assert.Equal(cell.Model.FreeParameters, cell.FreeParameters);
            Assert.Equal(cell.Model.Bic(), cell.Bic);
            Assert.Equal(cell.Model.Aic(), cell.Aic);
            Assert.True(cell.Icl >= cell.Bic, $"cell {i}: ICL {cell.Icl} < BIC {cell.Bic}");
            Assert.Null(cell.Error);
        }
        Assert.Equal(272, result.SampleSize);
        Assert.Equal(2, result.Dimensions);
        Assert.Empty(result.FailedCells);
        Assert.Throws<ArgumentException>(() => result.Cell(5, CovarianceType.Full));
    }

    [Fact]
    public void The_best_cell_has_the_lowest_criterion_and_a_usable_model()
    {
        foreach (var criterion in new[] { ModelSelectionCriterion.Bic, ModelSelectionCriterion.Aic, ModelSelectionCriterion.Icl })
        {
            var result = ModelSelection.Run(FacadeData.Faithful, OneToFour with { Criterion = criterion });

            Assert.Equal(criterion, result.Criterion);
            var best = Assert.IsType<ModelSelectionCell>(result.Best);
            Assert.Equal(result.Cells.Min(cell => cell.Score(criterion)), best.Score(criterion));
            var labels = best.Model!.Predict(FacadeData.Faithful);
            Assert.Equal(272, labels.Length);
        }
    }

    [Fact]
    public void Faithful_by_BIC_is_three_tied_components_as_mclust_EEE_3()
    {
        // mclust's BIC over all of its models picks EEE with G = 3 on Old Faithful (tests/data/reference).
        var best = ModelSelection.Run(FacadeData.Faithful, ModelSelectionOptions.Default).Best!;

        Assert.Equal((3, CovarianceType.Tied), (best.Components, best.Covariance));
    }

    [Fact]
    public void The_same_options_give_the_same_table_and_a_cell_is_reproduced_by_GaussianMixture_Fit()
    {
        var options = OneToFour with { Seed = 42, Restarts = 2 };
        var first = ModelSelection.Run(FacadeData.Iris, options);
        var second = ModelSelection.Run(FacadeData.ToMatrix(FacadeData.Iris), options);

        Assert.Equal(first.Cells.Select(cell => (cell.Seed, cell.LogLikelihood, cell.Icl)), second.Cells.Select(cell => (cell.Seed, cell.LogLikelihood, cell.Icl)));
        foreach (var cell in first.Cells)
        {
            Assert.True(cell.Seed >= 0);
            var alone = GaussianMixture.Fit(FacadeData.Iris, cell.Components, new GaussianMixtureOptions
            {
                Covariance = cell.Covariance,
                Restarts = options.Restarts,
                Seed = cell.Seed,
            });
            Assert.Equal(alone.LogLikelihood, cell.LogLikelihood);
        }
    }

    [Fact]
    public void The_default_grid_is_1_to_9_capped_at_the_number_of_distinct_rows()
    {
        double[][] fourDistinct = [.. Enumerable.Range(0, 40).Select(i => new[] { i % 4 * 1.0, (i % 4) * (i % 4) * 1.0 })];

        var capped = ModelSelection.Run(fourDistinct, new ModelSelectionOptions { Covariances = [CovarianceType.Spherical], Regularization = 1e-3 });
        var full = ModelSelection.Run(FacadeData.Faithful, new ModelSelectionOptions { Covariances = [CovarianceType.Tied] });

        Assert.Equal([1, 2, 3, 4], capped.Components.ToArray());
        Assert.Equal(Enumerable.Range(1, 9).ToArray(), full.Components.ToArray());
    }

    [Fact]
    public void Cells_that_cannot_be_fitted_are_reported_as_failed_with_their_reason()
    {
        double[][] threeDistinct = [.. Enumerable.Range(0, 30).Select(i => new[] { i % 3 * 1.0, (i % 3 == 1 ? 2.0 : 0.0) })];
        var options = new ModelSelectionOptions { Components = [1, 2, 3, 4, 5], Covariances = [CovarianceType.Spherical], Regularization = 1e-3 };

        var result = ModelSelection.Run(threeDistinct, options);

        Assert.Equal([4, 5], result.FailedCells.Select(cell => cell.Components));
        foreach (var cell in result.FailedCells)
        {
            Assert.Equal(ModelSelectionStatus.Failed, cell.Status);
            Assert.Null(cell.Model);
            Assert.Null(cell.LogLikelihood);
            Assert.Null(cell.Bic);
            Assert.Null(cell.Aic);
            Assert.Null(cell.Icl);
            Assert.Contains("only 3 distinct rows", cell.Error);
            Assert.Equal(cell.Error, cell.Message);
            Assert.False(cell.NearSingular);
        }
        Assert.NotNull(result.Best);
        Assert.True(result.Best!.Components <= 3);
    }

    [Fact]
    public void A_grid_in_which_every_cell_fails_is_a_table_without_a_best_cell()
    {
        double[][] oneDistinct = [.. Enumerable.Repeat(new[] { 1.0, 2.0 }, 10)];

        var result = ModelSelection.Run(oneDistinct, new ModelSelectionOptions { Components = [2, 3] });

        Assert.Null(result.Best);
        Assert.Equal(28, result.FailedCells.Count());
        Assert.All(result.Cells, cell => Assert.Contains("only 1 distinct row (with positive weight) but", cell.Error));
    }

    [Fact]
    public void Sample_weights_set_the_sample_size()
    {
        var rows = FacadeData.Faithful;
        var weights = rows.Select((_, i) => i % 2 == 0 ? 2.0 : 0.5).ToArray();

        var result = ModelSelection.Run(rows, new ModelSelectionOptions { Components = [1, 2], Covariances = [CovarianceType.Full], SampleWeights = weights });

        Assert.Equal(weights.Sum(), result.SampleSize);
        var cell = result.Cell(1, CovarianceType.Full);
        Assert.Equal(-2 * cell.LogLikelihood!.Value + cell.FreeParameters * Math.Log(weights.Sum()), cell.Bic!.Value, 1e-9);
    }

    [Fact]
    public void Near_singular_cells_are_flagged_with_a_note_and_win_only_when_no_cell_is_regular()
    {
        // 30 copies of one point beside a cloud of 120: the component on the copies has the regularization
        // as its variance, a likelihood the data do not bound, and a BIC that beats every honest model.
        var random = new Random(1);
        double[][] rows =
        [
            .. Enumerable.Repeat(new[] { 0.0, 0.0 }, 30),
            .. Enumerable.Range(0, 120).Select(_ => new[] { 10 + 3 * random.NextDouble(), 10 + 3 * random.NextDouble() }),
        ];

        var result = ModelSelection.Run(rows, new ModelSelectionOptions { Components = [1, 2], Covariances = [CovarianceType.Full] });

        var spike = result.Cell(2, CovarianceType.Full);
        Assert.True(spike.NearSingular);
        Assert.Contains(spike.Notes, note => note.StartsWith("near-singular", StringComparison.Ordinal) && note.Contains("regularization 1e-06"));
        Assert.Equal(spike.Message, string.Join("; ", spike.Notes));
        Assert.True(spike.Bic < result.Cell(1, CovarianceType.Full).Bic);
        Assert.Same(result.Cell(1, CovarianceType.Full), result.Best);
        Assert.False(result.Cell(1, CovarianceType.Full).NearSingular);
        Assert.Null(result.Cell(1, CovarianceType.Full).Message);
        var alone = ModelSelection.Run(rows, new ModelSelectionOptions { Components = [2], Covariances = [CovarianceType.Full] });
        Assert.True(alone.Best!.NearSingular);
    }

    [Fact]
    public void A_cell_that_hits_the_iteration_cap_says_so()
    {
        var result = ModelSelection.Run(FacadeData.Faithful, new ModelSelectionOptions { Components = [3], Covariances = [CovarianceType.Full], MaxIterations = 2, Initialization = InitializationMethod.KMeansPlusPlus });

        var cell = result.Cells.Single();
        Assert.True(cell.Succeeded);
        Assert.False(cell.Model!.Converged);
        Assert.Contains("iteration cap (2)", cell.Message);
    }

    // ---- validation ----

    private static void Rejects(ModelSelectionOptions options, params string[] phrases)
    {
        var exception = Assert.ThrowsAny<ArgumentException>(() => ModelSelection.Run(FacadeData.Faithful, options));
        Assert.Equal("options", exception.ParamName);
        foreach (var phrase in phrases) Assert.Contains(phrase, exception.Message);
    }

    [Fact]
    public void Null_arguments_are_rejected_by_name()
    {
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => ModelSelection.Run((double[][])null!, ModelSelectionOptions.Default)).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentNullException>(() => ModelSelection.Run((double[,])null!, ModelSelectionOptions.Default)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => ModelSelection.Run(FacadeData.Faithful, null!)).ParamName);
    }

    [Fact]
    public void Bad_data_names_the_row_and_column()
    {
        var rows = FacadeData.Faithful;
        rows[5][1] = double.PositiveInfinity;
        var exception = Assert.ThrowsAny<ArgumentException>(() => ModelSelection.Run(rows, ModelSelectionOptions.Default));
        Assert.Equal("data", exception.ParamName);
        Assert.Contains("row 5, column 1", exception.Message);
    }

    [Fact]
    public void Bad_grids_are_rejected_naming_the_option()
    {
        Rejects(new ModelSelectionOptions { Components = [] }, "options.Components", "empty");
        Rejects(new ModelSelectionOptions { Components = [0, 1] }, "options.Components", "at least 1");
        Rejects(new ModelSelectionOptions { Components = [2, 3, 2] }, "options.Components", "2 twice");
        Rejects(new ModelSelectionOptions { Covariances = [] }, "options.Covariances", "empty");
        Rejects(new ModelSelectionOptions { Covariances = [CovarianceType.Full, CovarianceType.Full] }, "options.Covariances", "Full twice");
        Rejects(new ModelSelectionOptions { Covariances = [(CovarianceType)17] }, "options.Covariances", "17");
        Rejects(new ModelSelectionOptions { Criterion = (ModelSelectionCriterion)9 }, "options.Criterion");
        Rejects(new ModelSelectionOptions { Initialization = (InitializationMethod)9 }, "options.Initialization");
    }

    [Fact]
    public void Bad_fitting_settings_are_rejected_naming_the_option()
    {
        Rejects(new ModelSelectionOptions { Restarts = 0 }, "options.Restarts");
        Rejects(new ModelSelectionOptions { MaxIterations = 0 }, "options.MaxIterations");
        Rejects(new ModelSelectionOptions { Tolerance = -1 }, "options.Tolerance");
        Rejects(new ModelSelectionOptions { Tolerance = double.NaN }, "options.Tolerance");
        Rejects(new ModelSelectionOptions { Regularization = double.PositiveInfinity }, "options.Regularization");
        Rejects(new ModelSelectionOptions { SampleWeights = [1, 2] }, "options.SampleWeights", "2 entries");
        Rejects(new ModelSelectionOptions { SampleWeights = [.. Enumerable.Repeat(-1.0, 272)] }, "options.SampleWeights", "non-negative");
    }

    [Fact]
    public void Range_builds_inclusive_ranges_and_checks_its_bounds()
    {
        Assert.Equal([2, 3, 4], ModelSelectionOptions.Range(2, 4));
        Assert.Equal([5], ModelSelectionOptions.Range(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSelectionOptions.Range(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSelectionOptions.Range(4, 3));
    }
}
