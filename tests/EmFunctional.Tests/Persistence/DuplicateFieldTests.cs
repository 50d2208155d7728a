namespace EmFunctional.Tests.Persistence;

/// <summary>
/// A model file names each field once: a field named twice in one object, anywhere in the document,
/// is refused at the JSON path of its second occurrence instead of the last one silently winning.
/// </summary>
public sealed class DuplicateFieldTests
{
    private static readonly Lazy<string> GaussianJson = new(() =>
        FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Restarts = 2 }), ["eruptions", "waiting"]));

    private static readonly Lazy<string> MixedJson = new(() =>
        FittedModel.ToJson(FamilyMixture.Fit(PersistenceData.Mixed(), 2, new FamilyMixtureOptions { ColumnFamilies = PersistenceData.MixedFamilies, Covariance = CovarianceType.Diagonal })));

    [Fact]
    public void A_document_without_duplicates_loads()
    {
        Assert.IsType<GaussianMixtureModel>(FittedModel.FromJson(GaussianJson.Value).Model);
        Assert.IsType<FamilyMixtureModel>(FittedModel.FromJson(MixedJson.Value).Model);
    }

    [Fact]
    public void A_duplicated_top_level_field_is_refused() =>
        AssertDuplicate(GaussianJson.Value, "weights", 0, "$.weights");

    [Fact]
    public void A_duplicated_field_in_fit_is_refused() =>
        AssertDuplicate(GaussianJson.Value, "logLikelihood", 0, "$.fit.logLikelihood");

    [Fact]
    public void A_duplicated_field_in_a_nested_restart_is_refused() =>
        AssertDuplicate(GaussianJson.Value, "iterations", 1, "$.fit.restarts[0].iterations");

    [Fact]
    public void A_duplicated_field_in_a_group_s_parameters_is_refused() =>
        AssertDuplicate(MixedJson.Value, "rates", 0, "$.groups[");

    [Fact]
    public void A_duplicated_family_tag_is_refused() =>
        AssertDuplicate(MixedJson.Value, "family", 0, "$.groups[0].family");

    [Fact]
    public void Names_that_differ_only_in_case_are_not_duplicates()
    {
        var json = GaussianJson.Value;
        var at = json.IndexOf("\"weights\":", StringComparison.Ordinal);
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(json.Insert(at, "\"Weights\": 0, "), "model.json"));
        Assert.Contains("unknown field", exception.Message);
    }

    /// <summary>Inserts a second <paramref name="name"/> before its <paramref name="occurrence"/>-th appearance.</summary>
    private static void AssertDuplicate(string json, string name, int occurrence, string path)
    {
        var at = -1;
        for (var i = 0; i <= occurrence; i++) at = json.IndexOf($"\"{name}\":", at + 1, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no {name} in the sample");
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(json.Insert(at, $"\"{name}\": 0, "), "model.json"));
        Assert.StartsWith($"model.json: {path}", exception.Message);
        Assert.StartsWith(path, exception.JsonPath);
        Assert.Contains($"the field \"{name}\" appears twice; a model file names each field once", exception.Message);
    }
}
