using EmFunctional.Tests.Missing;

namespace EmFunctional.Tests.Facade;

/// <summary>Every method that takes rows as <c>double[][]</c> takes a <c>double[,]</c> too, with the same results.</summary>
public class MatrixOverloadTests
{
    [Fact]
    public void Matrix_and_jagged_rows_give_the_same_criteria_scores_and_imputations()
    {
        var rows = FacadeData.Faithful;
        var matrix = FacadeData.ToMatrix(rows);
        var model = GaussianMixture.Fit(rows, 2);
        Assert.Equal(model.Bic(rows), model.Bic(matrix));
        Assert.Equal(model.Aic(rows), model.Aic(matrix));
        Assert.Equal(model.Score(rows), model.Score(matrix));
        var weights = Enumerable.Range(0, rows.Length).Select(i => 1.0 + i % 3).ToArray();
        Assert.Equal(model.Score(rows, weights), model.Score(matrix, weights));

        double[][] holes = [[double.NaN, 70], [3.0, double.NaN], [4.5, 80]];
        var holesMatrix = FacadeData.ToMatrix(holes);
        var jagged = model.Impute(holes);
        var filled = model.Impute(holesMatrix);
        for (var i = 0; i < holes.Length; i++)
            for (var j = 0; j < 2; j++) Assert.Equal(jagged[i][j], filled[i, j]);
        var draws = model.Impute(holes, 3, 5);
        var matrixDraws = model.Impute(holesMatrix, 3, 5);
        Assert.Equal(3, matrixDraws.Length);
        for (var c = 0; c < 3; c++)
            for (var i = 0; i < holes.Length; i++)
                for (var j = 0; j < 2; j++) Assert.Equal(draws[c][i][j], matrixDraws[c][i, j]);
    }

    [Fact]
    public void Known_labels_come_with_matrix_rows_too()
    {
        var rows = SemiSupervisedTests.IrisRows();
        var labels = SemiSupervisedTests.EveryFifthSpecies();
        var jagged = GaussianMixture.Fit(rows, labels);
        var matrix = GaussianMixture.Fit(FacadeData.ToMatrix(rows), labels);
        Assert.Equal(jagged.LogLikelihood, matrix.LogLikelihood);
        Assert.Equal(jagged.ComponentLabels.ToArray(), matrix.ComponentLabels.ToArray());
        Assert.Equal(FamilyMixture.Fit(rows, labels).LogLikelihood, FamilyMixture.Fit(FacadeData.ToMatrix(rows), labels).LogLikelihood);
    }
}

/// <summary>FitPredict is Fit then Predict; a model prints what it is.</summary>
public class FitPredictAndDisplayTests
{
    [Fact]
    public void FitPredict_is_fit_then_predict()
    {
        var rows = FacadeData.Faithful;
        Assert.Equal(GaussianMixture.Fit(rows, 2).Predict(rows), GaussianMixture.FitPredict(rows, 2));
        Assert.Equal(GaussianMixture.Fit(rows, 2).Predict(rows), GaussianMixture.FitPredict(FacadeData.ToMatrix(rows), 2));
        Assert.Equal(FamilyMixture.Fit(rows, 2).Predict(rows), FamilyMixture.FitPredict(rows, 2));
    }

    [Fact]
    public void A_model_prints_its_family_components_covariance_and_fit()
    {
        var rows = FacadeData.Faithful;
        var model = GaussianMixture.Fit(rows, 2);
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Gaussian mixture, 2 components, full covariance (VVV), log-likelihood {model.LogLikelihood:0.##}, BIC {model.Bic():0.##}"), model.ToString());
        Assert.StartsWith("Gaussian mixture, 3 components, VEV covariance, log-likelihood ", GaussianMixture.Fit(FacadeData.Iris, 3, new GaussianMixtureOptions { Covariance = CovarianceType.VEV }).ToString());
        double[][] counts = [.. rows.Select(row => new[] { row[0], Math.Round(row[1]) })];
        Assert.StartsWith("Mixture of Gaussian and Poisson columns, 2 components, full covariance (VVV)", FamilyMixture.Fit(counts, 2, new FamilyMixtureOptions { Family = FamilyChoice.Auto }).ToString());
    }
}
