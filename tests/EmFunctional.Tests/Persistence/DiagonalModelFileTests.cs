using System.Text.Json.Nodes;

namespace EmFunctional.Tests.Persistence;

/// <summary>
/// Diagonal and spherical models are saved as what they have, one variance per column and component
/// ("variances" in a Gaussian mixture's file, "variance" in a Gaussian column group), never as D × D
/// matrices; files that hold the matrices (written before) still load, to the same model.
/// </summary>
public sealed class DiagonalModelFileTests
{
    [Theory]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void A_diagonal_gaussian_mixture_is_saved_as_variances_and_comes_back_exactly(CovarianceType covariance)
    {
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = covariance });
        var json = FittedModel.ToJson(model);
        var root = JsonNode.Parse(json)!.AsObject();

        Assert.False(root.ContainsKey("covariances"));
        var variances = root["variances"]!.AsArray();
        Assert.Equal(2, variances.Count);
        for (var k = 0; k < 2; k++)
            Assert.Equal(model.Variances[k], variances[k]!.AsArray().Select(v => v!.GetValue<double>()));
        var loaded = (GaussianMixtureModel)FittedModel.FromJson(json).Model;
        Assert.Equal(json, FittedModel.ToJson(loaded));
        Assert.Equal(model.ScoreSamples(PersistenceData.Faithful), loaded.ScoreSamples(PersistenceData.Faithful));
    }

    [Theory]
    [InlineData(CovarianceType.Diagonal)]
    [InlineData(CovarianceType.Spherical)]
    public void A_file_with_full_matrices_for_a_diagonal_model_still_loads_to_the_same_model(CovarianceType covariance)
    {
        var model = GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = covariance });
        var root = JsonNode.Parse(FittedModel.ToJson(model))!.AsObject();
        var variances = root["variances"]!.AsArray().Select(row => row!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        root.Remove("variances");
        root["covariances"] = Matrices(variances);

        var loaded = FittedModel.FromJson(root.ToJsonString()).Model;

        Assert.Equal(FittedModel.ToJson(model), FittedModel.ToJson(loaded));
    }

    [Fact]
    public void A_diagonal_gaussian_group_is_saved_as_its_variances()
    {
        var model = FamilyMixture.Fit(PersistenceData.Mixed(), 2, new FamilyMixtureOptions { ColumnFamilies = PersistenceData.MixedFamilies, Covariance = CovarianceType.Diagonal });
        var root = JsonNode.Parse(FittedModel.ToJson(model))!;
        var parameters = root["groups"]![0]!["parameters"]![0]!.AsObject();

        Assert.Equal(["mean", "variance"], parameters.Select(pair => pair.Key));
        var group = (GaussianGroupParameters)model.Groups[0][0];
        Assert.True(group.IsDiagonal);
        Assert.Equal(group.Variances, parameters["variance"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(model.Variances[0][group.Columns[1]], group.Variances[1]);
    }

    [Fact]
    public void Both_forms_neither_form_or_variances_for_a_full_model_are_refused()
    {
        var diagonal = FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = CovarianceType.Diagonal }));
        var full = FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2));

        Rejected(diagonal, root => root["covariances"] = Matrices([[1, 1], [1, 1]]), "$.variances", "is given with \"covariances\"; give one of them");
        Rejected(diagonal, root => root.Remove("variances"), "$", "the field \"variances\" is missing (or \"covariances\", a full matrix)");
        Rejected(full, root => root.Remove("covariances"), "$", "the field \"covariances\" is missing");
        Rejected(full, root => { root.Remove("covariances"); root["variances"] = new JsonArray(new JsonArray(1.0, 1.0), new JsonArray(1.0, 1.0)); }, "$.variances", "a full covariance is a matrix; give it as \"covariances\"");
    }

    [Fact]
    public void Variances_are_checked_by_count_sign_and_for_spherical_equality()
    {
        var diagonal = FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = CovarianceType.Diagonal }));
        var spherical = FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = CovarianceType.Spherical }));

        Rejected(diagonal, root => root["variances"]![1]!.AsArray().Add(1.0), "$.variances[1]", "has 3 entries but the model has 2 columns");
        Rejected(diagonal, root => root["variances"]![0]![1] = -1.0, "$.variances[0]", "");
        Rejected(spherical, root => root["variances"]![0]![1] = 123.0, "$.variances[0]", "entries [0] =", "and [1] = 123 differ, but a spherical covariance has one variance for every column");
    }

    [Fact]
    public void A_group_with_both_forms_is_refused_at_its_variance()
    {
        var json = FittedModel.ToJson(FamilyMixture.Fit(PersistenceData.Mixed(), 2, new FamilyMixtureOptions { ColumnFamilies = PersistenceData.MixedFamilies, Covariance = CovarianceType.Diagonal }));

        Rejected(json, root => root["groups"]![0]!["parameters"]![1]!["covariance"] = Matrices([[1, 1]])[0]!.DeepClone(), "$.groups[0].parameters[1].variance", "is given with \"covariance\"");
        Rejected(json, root => root["groups"]![0]!["parameters"]![1]!.AsObject().Remove("variance"), "$.groups[0].parameters[1]", "the field \"variance\" is missing");
    }

    private static JsonArray Matrices(double[][] variances) =>
        new([.. variances.Select(row => (JsonNode)new JsonArray([.. row.Select((v, i) => (JsonNode)new JsonArray([.. row.Select((_, j) => (JsonNode)(i == j ? v : 0.0))]))]))]);

    private static void Rejected(string json, Action<JsonObject> tamper, string path, params string[] fragments)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        tamper(root);
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(root.ToJsonString(), "model.json"));
        Assert.StartsWith($"model.json: {path}", exception.Message);
        foreach (var fragment in fragments) Assert.Contains(fragment, exception.Message);
    }
}
