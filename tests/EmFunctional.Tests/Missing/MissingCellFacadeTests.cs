using EmFunctional.Tests.Facade;

namespace EmFunctional.Tests.Missing;

/// <summary>NaN as a missing cell through the facade: fits, counts, refusal, prediction, imputation and saved files.</summary>
public class MissingCellFacadeTests
{
    /// <summary>Old Faithful with every 7th eruption time and every 11th waiting time removed.</summary>
    internal static double[][] FaithfulWithHoles()
    {
        var rows = FacadeData.Faithful;
        for (var i = 0; i < rows.Length; i++)
        {
            if (i % 7 == 3) rows[i][0] = double.NaN;
            else if (i % 11 == 5) rows[i][1] = double.NaN;
        }
        return rows;
    }

    private static readonly GaussianMixtureOptions Quick = new() { Initialization = InitializationMethod.KMeansPlusPlus, Restarts = 3, Tolerance = 1e-10 };

    [Fact]
    public void AFitCountsTheMissingCellsAndReportsTheObservedDataLogLikelihood()
    {
        var data = FaithfulWithHoles();
        var model = GaussianMixture.Fit(data, 2, Quick);
        var expectedByColumn = new[] { data.Count(r => double.IsNaN(r[0])), data.Count(r => double.IsNaN(r[1])) };
        Assert.Equal(expectedByColumn, model.MissingCellsByColumn.ToArray());
        Assert.Equal(expectedByColumn.Sum(), model.MissingCells);
        Assert.Equal(model.LogLikelihood, model.ScoreSamples(data).Sum(), 6);
        Assert.True(model.Converged);
        // The complete-data fit has more to explain: its log-likelihood is lower than the observed-data one.
        var complete = GaussianMixture.Fit(FacadeData.Faithful, 2, Quick);
        Assert.True(model.LogLikelihood > complete.LogLikelihood);
        Assert.Equal(0, complete.MissingCells);
    }

    [Fact]
    public void RefusingMissingCellsNamesTheRowAndColumn()
    {
        var data = FaithfulWithHoles();
        var error = Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(data, 2, Quick with { MissingCells = MissingCellPolicy.Refuse }));
        Assert.StartsWith("row 3, column 0: NaN is not a finite number", error.Message);
    }

    [Fact]
    public void AColumnWithNoObservedCellIsRefused()
    {
        var data = FacadeData.Faithful;
        foreach (var row in data) row[1] = double.NaN;
        var error = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(data, 2, Quick));
        Assert.Contains("column 1", error.Message);
        Assert.Contains("every cell is missing", error.Message);
    }

    [Fact]
    public void ARowWithNoObservedCellIsRefusedByRow()
    {
        var data = FacadeData.Faithful;
        data[17] = [double.NaN, double.NaN];
        var error = Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(data, 2, Quick));
        Assert.Contains("row 17", error.Message);
    }

    [Fact]
    public void PredictionScoresRowsOnTheirObservedCells()
    {
        var model = GaussianMixture.Fit(FacadeData.Faithful, 2, Quick);
        var rows = new[] { new[] { double.NaN, 80.0 }, new[] { 2.0, double.NaN }, new[] { 2.0, 55.0 } };
        var probabilities = model.PredictProba(rows);
        var scores = model.ScoreSamples(rows);
        Assert.All(scores, s => Assert.True(double.IsFinite(s)));
        // A row missing its first cell is scored by the marginal of the second: one-dimensional Gaussians.
        var marginal = Enumerable.Range(0, 2).Sum(k => model.Weights[k] * Normal(80.0, model.Means[k][1], model.Covariances[k][1][1]));
        Assert.Equal(Math.Log(marginal), scores[0], 10);
        Assert.Equal(model.Predict(rows), probabilities.Select(p => p[0] > p[1] ? 0 : 1).ToArray());
    }

    private static double Normal(double x, double mean, double variance) =>
        Math.Exp(-0.5 * (x - mean) * (x - mean) / variance) / Math.Sqrt(2 * Math.PI * variance);

    [Fact]
    public void ImputeFillsOnlyTheMissingCells()
    {
        var data = FaithfulWithHoles();
        var model = GaussianMixture.Fit(data, 2, Quick);
        var imputed = model.Impute(data);
        for (var i = 0; i < data.Length; i++)
            for (var j = 0; j < 2; j++)
            {
                if (double.IsNaN(data[i][j])) Assert.True(double.IsFinite(imputed[i][j]));
                else Assert.Equal(data[i][j], imputed[i][j]);
            }
        // Waiting times follow eruption times: a long eruption's missing wait is imputed long.
        var longEruption = Array.FindIndex(data, r => double.IsNaN(r[1]) && r[0] > 4.5);
        var shortEruption = Array.FindIndex(data, r => double.IsNaN(r[1]) && r[0] < 2);
        Assert.True(imputed[longEruption][1] > 75 && imputed[shortEruption][1] < 60, $"{imputed[longEruption][1]} vs {imputed[shortEruption][1]}");
        var draws = model.Impute(data, 5, 42);
        Assert.Equal(5, draws.Length);
        Assert.Equal(draws[2][longEruption], model.Impute(data, 5, 42)[2][longEruption]);
    }

    [Fact]
    public void ASavedModelKeepsItsMissingCellCounts()
    {
        var model = GaussianMixture.Fit(FaithfulWithHoles(), 2, Quick);
        var path = Path.Combine(Path.GetTempPath(), $"em-missing-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            var loaded = FittedModel.Load(path);
            Assert.Equal(model.MissingCellsByColumn.ToArray(), loaded.Model.MissingCellsByColumn.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MixedFamiliesFitWithMissingCells()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            var high = i % 2 == 0;
            return new[]
            {
                (high ? 5 : 0) + random.NextDouble(),
                random.NextDouble() < (high ? 0.9 : 0.1) ? 1.0 : 0.0,
                Math.Floor(random.NextDouble() * (high ? 12 : 3)),
            };
        }).ToArray();
        for (var i = 0; i < rows.Length; i += 5) rows[i][i % 3] = double.NaN;
        var model = FamilyMixture.Fit(rows, 2, new FamilyMixtureOptions { Restarts = 3, Initialization = InitializationMethod.KMeansPlusPlus });
        Assert.Equal(rows.Length / 5, model.MissingCells);
        Assert.Equal([ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson], model.ColumnFamilies.ToArray());
        var labels = model.Predict(rows);
        var agreement = Enumerable.Range(0, rows.Length).Count(i => labels[i] == labels[0] == (i % 2 == 0));
        Assert.True(agreement > 280, $"{agreement} of 300 rows in their own cluster");
        Assert.All(model.Impute(rows), row => Assert.All(row, x => Assert.True(double.IsFinite(x))));
    }
}
