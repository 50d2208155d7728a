using System.Globalization;

namespace EmFunctional.Tests.Missing;

/// <summary>
/// Partially labelled rows through the facade, against mclust 6.0.0's <c>MclustSSC</c> on Iris with
/// every 5th row labelled (tests/data/reference/ssc): the same semi-supervised log-likelihood, weights
/// and means, components named by the labels in order; and the errors of bad labels.
/// </summary>
public class SemiSupervisedTests
{
    internal static double[][] IrisRows()
    {
        var table = TestData.ReadCsv(TestData.DataPath("iris.csv"));
        return [.. Enumerable.Range(0, table.Rows).Select(i => table.Values.AsSpan(i * 4, 4).ToArray())];
    }

    /// <summary>The species of every 5th row (R's rows 1, 6, 11, …), null elsewhere.</summary>
    internal static string?[] EveryFifthSpecies() =>
        [.. File.ReadAllLines(TestData.DataPath("iris-labels.csv")).Skip(1).Select((species, i) => i % 5 == 0 ? species.Trim('"') : null)];

    public static TheoryData<string, CovarianceType> Models => new()
    {
        { "VVV", CovarianceType.Full },
        { "VVI", CovarianceType.Diagonal },
        { "VII", CovarianceType.Spherical },
        { "EEE", CovarianceType.Tied },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void A_partially_labelled_fit_matches_MclustSSC(string model, CovarianceType covariance)
    {
        var reference = File.ReadAllLines(TestData.ReferencePath("ssc/mclust-ssc-iris.csv"))
            .Skip(1).Select(line => line.Split(',')).Single(fields => fields[0] == model);
        double At(int i) => double.Parse(reference[i], CultureInfo.InvariantCulture);
        var fit = GaussianMixture.Fit(IrisRows(), EveryFifthSpecies(), options: new GaussianMixtureOptions { Covariance = covariance, Tolerance = 1e-12, Regularization = 0 });

        Assert.Equal(new string?[] { "setosa", "versicolor", "virginica" }, fit.ComponentLabels.ToArray());
        Assert.True(Math.Abs(fit.LogLikelihood - At(1)) <= 1e-6 * Math.Abs(At(1)), $"{model}: log-likelihood {fit.LogLikelihood:R}, mclust {At(1):R}");
        Assert.True(fit.LogLikelihood >= At(1) - 1e-9 * Math.Abs(At(1)), $"{model}: log-likelihood {fit.LogLikelihood:R} below mclust's {At(1):R}");
        for (var k = 0; k < 3; k++)
        {
            // mclust stops when an iteration gains less than 1e-10; along this flat ridge that leaves it 3e-6 below
            // the optimum our tighter run reaches, which moves the weights by up to 5e-5.
            Assert.True(Math.Abs(At(2 + k) - fit.Weights[k]) <= 1e-4, $"{model}: weight {k} {fit.Weights[k]:R}, mclust {At(2 + k):R}");
            for (var j = 0; j < 4; j++)
                Assert.True(Math.Abs(At(5 + 4 * k + j) - fit.Means[k][j]) <= 1e-3, $"{model}: mean {k},{j} {fit.Means[k][j]:R}, mclust {At(5 + 4 * k + j):R}");
        }
    }

    [Fact]
    public void Labelled_rows_are_predicted_as_their_label_during_the_fit_and_named_in_the_saved_model()
    {
        var labels = EveryFifthSpecies();
        var fit = GaussianMixture.Fit(IrisRows(), labels, components: 4);
        Assert.Equal(new string?[] { "setosa", "versicolor", "virginica", null }, fit.ComponentLabels.ToArray());
        var path = Path.Combine(Path.GetTempPath(), $"em-ssc-{Guid.NewGuid():N}.json");
        try
        {
            fit.Save(path);
            Assert.Equal(fit.ComponentLabels.ToArray(), FittedModel.Load(path).Model.ComponentLabels.ToArray());
        }
        finally
        {
            File.Delete(path);
        }
        var unlabelled = GaussianMixture.Fit(IrisRows(), 3);
        Assert.Equal(new string?[] { null, null, null }, unlabelled.ComponentLabels.ToArray());
    }

    [Fact]
    public void Integer_labels_name_components_in_numeric_order()
    {
        var species = EveryFifthSpecies();
        int?[] codes = [.. species.Select(name => name switch { "setosa" => 10, "versicolor" => 2, "virginica" => (int?)7, _ => null })];
        var fit = FamilyMixture.Fit(IrisRows(), codes);
        Assert.Equal(new string?[] { "2", "7", "10" }, fit.ComponentLabels.ToArray());
        Assert.True(fit.Means[2][2] < 2, "the component named 10 holds the setosa rows (short petals)");
    }

    [Fact]
    public void Bad_labels_are_refused_with_a_reason()
    {
        var rows = IrisRows();
        var labels = EveryFifthSpecies();
        Assert.Contains("3 classes", Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(rows, labels, components: 2)).Message);
        Assert.Contains("149 known labels", Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(rows, labels[1..], components: 3)).Message);
        Assert.Contains("all null", Assert.ThrowsAny<ArgumentException>(() => GaussianMixture.Fit(rows, new string?[rows.Length])).Message);
    }
}
