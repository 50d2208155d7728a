using System.Text.Json.Nodes;

namespace EmFunctional.Tests.Persistence;

/// <summary>
/// Loading checks every field: each test damages one field of a real saved model and expects a
/// <see cref="ModelFileException"/> whose message starts with the source name and the JSON path of
/// that field, and says what is wrong.
/// </summary>
public sealed class ModelFileValidationTests
{
    private static readonly Lazy<string> GaussianJson = new(() =>
        FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Restarts = 2 }), ["eruptions", "waiting"]));

    private static readonly Lazy<string> TiedJson = new(() =>
        FittedModel.ToJson(GaussianMixture.Fit(PersistenceData.Faithful, 2, new GaussianMixtureOptions { Covariance = CovarianceType.Tied })));

    private static readonly Lazy<string> MixedJson = new(() =>
        FittedModel.ToJson(FamilyMixture.Fit(PersistenceData.Mixed(), 2, new FamilyMixtureOptions { ColumnFamilies = PersistenceData.MixedFamilies, Covariance = CovarianceType.Diagonal })));

    [Fact]
    public void The_untouched_files_load()
    {
        Assert.IsType<GaussianMixtureModel>(FittedModel.FromJson(GaussianJson.Value).Model);
        Assert.IsType<GaussianMixtureModel>(FittedModel.FromJson(TiedJson.Value).Model);
        Assert.IsType<FamilyMixtureModel>(FittedModel.FromJson(MixedJson.Value).Model);
    }

    [Fact]
    public void Text_that_is_not_json_is_reported_with_its_line()
    {
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson("{\n  \"schema\": \"em-functional/model\",\n  \"weights\": [0.5, NaN]\n}", "broken.json"));

        Assert.StartsWith("broken.json: $: line 3: not valid JSON", exception.Message);
        Assert.Equal("broken.json", exception.SourceName);
    }

    [Fact]
    public void A_utf8_byte_order_mark_added_by_an_editor_is_accepted()
    {
        var path = Path.Combine(Path.GetTempPath(), $"em-bom-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(GaussianJson.Value)]);
        try
        {
            Assert.Equal(GaussianJson.Value, FittedModel.ToJson(FittedModel.Load(path).Model, ["eruptions", "waiting"]));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "byte 0xFF")]
    [InlineData(new byte[] { 0xC3 }, "byte 0xC3")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "byte 0xED")]
    public void Bytes_that_are_not_utf8_inside_a_name_are_refused_at_their_line(byte[] damage, string named)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(GaussianJson.Value);
        var at = System.Text.Encoding.UTF8.GetBytes(GaussianJson.Value[..GaussianJson.Value.IndexOf("\"eruptions\"", StringComparison.Ordinal)]).Length + 1;
        var line = GaussianJson.Value[..at].Count(c => c == '\n') + 1;
        var path = Path.Combine(Path.GetTempPath(), $"em-utf8-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, [.. text[..at], .. damage, .. text[at..]]);
        try
        {
            var message = Assert.Throws<ModelFileException>(() => FittedModel.Load(path)).Message;
            Assert.StartsWith($"{path}: $: line {line}: not valid JSON: {named} at byte offset {at} is not UTF-8 text", message);
            Assert.DoesNotContain("System.", message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Another_schema_is_not_a_model_file() =>
        AssertRejected(GaussianJson, root => root["schema"] = "something/else", "$.schema", "this is not a model file: the schema is \"something/else\"");

    [Fact]
    public void Another_schema_version_is_refused_with_the_version_this_library_reads() =>
        AssertRejected(GaussianJson, root => root["schemaVersion"] = 2, "$.schemaVersion", "schema version 2 is not supported", "reads version 1");

    [Fact]
    public void An_unknown_model_type_is_named() =>
        AssertRejected(GaussianJson, root => root["modelType"] = "neuralNetwork", "$.modelType", "unknown model type \"neuralNetwork\"");

    [Fact]
    public void An_unknown_family_is_named_with_the_choices() =>
        AssertRejected(MixedJson, root => root["columnFamilies"]![2] = "beta", "$.columnFamilies[2]", "unknown value \"beta\"; expected gaussian, bernoulli, categorical or poisson");

    [Fact]
    public void An_unknown_covariance_type_is_named() =>
        AssertRejected(GaussianJson, root => root["covariance"] = "banded", "$.covariance", "unknown value \"banded\"; expected full, diagonal, spherical, tied, eii, eei, vei, evi, vee, eve, vve, eev, vev or evv");

    [Fact]
    public void A_missing_field_is_named() =>
        AssertRejected(GaussianJson, root => root.AsObject().Remove("means"), "$", "the field \"means\" is missing");

    [Fact]
    public void An_unknown_field_is_named() =>
        AssertRejected(GaussianJson, root => root["fit"]!["bic"] = 3.5, "$.fit.bic", "unknown field");

    [Fact]
    public void A_field_of_the_wrong_type_is_named() =>
        AssertRejected(GaussianJson, root => root["components"] = "two", "$.components", "expected a whole number, found the string \"two\"");

    [Fact]
    public void A_mean_of_the_wrong_dimension_is_named() =>
        AssertRejected(GaussianJson, root => root["means"]![1]!.AsArray().Add(1.0), "$.means[1]", "has 3 entries but the model has 2 columns");

    [Fact]
    public void A_covariance_row_of_the_wrong_dimension_is_named() =>
        AssertRejected(GaussianJson, root => root["covariances"]![0]![1]!.AsArray().RemoveAt(0), "$.covariances[0][1]", "has 1 entry but the model has 2 columns");

    [Fact]
    public void More_weights_than_components_are_refused() =>
        AssertRejected(GaussianJson, root => root["components"] = 3, "$.weights", "has 2 entries but the model has 3 components");

    [Fact]
    public void Weights_that_do_not_sum_to_one_are_refused() =>
        AssertRejected(GaussianJson, root => root["weights"]![0] = 0.5, "$.weights", "the weights sum to", "they must sum to 1");

    [Fact]
    public void A_negative_weight_is_refused() =>
        AssertRejected(GaussianJson, root => root["weights"]![1] = -0.1, "$.weights[1]", "the weight is -0.1; every weight must be positive");

    [Fact]
    public void A_number_that_is_not_a_finite_double_is_refused()
    {
        AssertRejected(GaussianJson, root => root["means"]![0]![0] = "NaN", "$.means[0][0]", "expected a number, found the string \"NaN\"");
        var json = JsonNode.Parse(GaussianJson.Value)!;
        var mean = json["means"]![0]![0]!.ToJsonString();
        var huge = GaussianJson.Value.Replace(mean, "1e999");
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(huge, "huge.json"));
        Assert.Equal("huge.json: $.means[0][0]: 1e999 is not a finite double", exception.Message);
    }

    [Fact]
    public void A_covariance_that_is_not_positive_definite_is_refused() =>
        AssertRejected(GaussianJson, root =>
        {
            // Off-diagonal entries larger than the geometric mean of the variances: |ρ| > 1.
            var matrix = root["covariances"]![0]!;
            var scale = 2 * Math.Sqrt((double)matrix[0]![0]! * (double)matrix[1]![1]!);
            matrix[0]![1] = scale;
            matrix[1]![0] = scale;
        }, "$.covariances[0]", "not positive definite");

    [Fact]
    public void An_asymmetric_covariance_is_refused() =>
        AssertRejected(GaussianJson, root => root["covariances"]![1]![0]![1] = 0.0, "$.covariances[1]", "not symmetric");

    [Fact]
    public void A_diagonal_covariance_with_an_off_diagonal_entry_is_refused() =>
        AssertRejected(MixedJson, root =>
        {
            // A matrix, as files written before the variances form hold it, with an entry off the diagonal.
            var parameters = root["groups"]![0]!["parameters"]![1]!.AsObject();
            var variances = parameters["variance"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            parameters.Remove("variance");
            parameters["covariance"] = new JsonArray([.. variances.Select((v, i) => (JsonNode)new JsonArray([.. variances.Select((_, j) => (JsonNode)(i == j ? v : 0.1))]))]);
        }, "$.groups[0].parameters[1].covariance", "entry [0][1] is 0.1, but a diagonal covariance is zero off the diagonal");

    [Fact]
    public void Tied_components_with_different_covariances_are_refused() =>
        AssertRejected(TiedJson, root => root["covariances"]![1]![0]![0] = 9.0, "$.covariances[1]", "differs from the first component's");

    [Fact]
    public void Column_groups_that_disagree_with_the_column_families_are_refused()
    {
        AssertRejected(MixedJson, root => root["groups"]![0]!["columns"]![1] = 3, "$.groups[0].columns", "is [0, 3], but by columnFamilies the gaussian columns are [0, 2]");
        AssertRejected(MixedJson, root => root["columnFamilies"]![5] = "poisson", "$.groups[1].columns", "by columnFamilies the bernoulli columns are [1]");
    }

    [Fact]
    public void A_probability_outside_zero_one_is_refused() =>
        AssertRejected(MixedJson, root => root["groups"]![1]!["parameters"]![0]!["probabilities"]![1] = 1.5, "$.groups[1].parameters[0].probabilities", "probability 1 is 1.5");

    [Fact]
    public void A_non_positive_poisson_rate_is_refused() =>
        AssertRejected(MixedJson, root => root["groups"]![3]!["parameters"]![1]!["rates"]![0] = 0.0, "$.groups[3].parameters[1].rates", "rate 0 of the Poisson component is 0");

    [Fact]
    public void Categorical_probabilities_must_sum_to_one_and_agree_on_the_categories()
    {
        AssertRejected(MixedJson, root => root["groups"]![2]!["parameters"]![0]!["probabilities"]![0]![0] = 0.9, "$.groups[2].parameters[0].probabilities", "sum to");
        AssertRejected(MixedJson, root => root["groups"]![2]!["parameters"]![1]!["probabilities"]![0]!.AsArray().Add(0.0),
            "$.groups[2].parameters[1].probabilities[0]", "has 5 entries but the model has 4 categories in this column");
    }

    [Fact]
    public void A_covariance_type_is_required_exactly_when_there_are_gaussian_columns()
    {
        AssertRejected(MixedJson, root => root["covariance"] = null, "$.covariance", "the model has Gaussian columns, so it needs a covariance type");
        var counts = FittedModel.ToJson(FamilyMixture.Fit(PersistenceData.Counts(), 2, new FamilyMixtureOptions { Family = FamilyChoice.Poisson }));
        AssertRejected(new Lazy<string>(counts), root => root["covariance"] = "full", "$.covariance", "no Gaussian columns, so its covariance type must be null");
    }

    [Fact]
    public void A_parameter_count_that_does_not_match_the_model_is_refused() =>
        AssertRejected(GaussianJson, root => root["fit"]!["freeParameters"] = 7, "$.fit.freeParameters", "is 7, but a model of this family, shape and covariance has 11");

    [Fact]
    public void A_best_restart_that_does_not_exist_or_disagrees_with_the_fit_is_refused()
    {
        AssertRejected(GaussianJson, root => root["fit"]!["bestRestart"] = 2, "$.fit.bestRestart", "is 2, but there are only 2 restarts");
        AssertRejected(GaussianJson, root => root["fit"]!["logLikelihood"] = -1.0, "$.fit.restarts[", "the best restart's log-likelihood, iterations and stop reason must be the model's");
    }

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        AssertRejected(GaussianJson, root => root["options"]!["restarts"] = 0, "$.options.restarts", "0 is too small; it must be at least 1");
        AssertRejected(GaussianJson, root => root["options"]!["tolerance"] = -1e-3, "$.options.tolerance", "is -0.001; it must be at least 0");
        AssertRejected(MixedJson, root => root["options"]!["weightConcentration"] = 0.5, "$.options.weightConcentration", "it must be at least 1");
    }

    [Fact]
    public void Repeated_column_names_are_refused() =>
        AssertRejected(GaussianJson, root => root["columns"]![1] = "eruptions", "$.columns[1]", "the column name \"eruptions\" appears twice");

    [Fact]
    public void Values_of_the_wrong_json_type_are_named_at_every_depth()
    {
        AssertRejected(GaussianJson, root => root["weights"] = 1.0, "$.weights", "expected an array, found the number 1");
        AssertRejected(GaussianJson, root => root["means"] = null, "$.means", "expected an array, found null");
        AssertRejected(GaussianJson, root => root["covariances"]![0]![1] = null, "$.covariances[0][1]", "expected an array, found null");
        AssertRejected(GaussianJson, root => root["columns"]![0] = null, "$.columns[0]", "expected a string, found null");
        AssertRejected(GaussianJson, root => root["fit"] = "good", "$.fit", "expected an object, found the string \"good\"");
        AssertRejected(GaussianJson, root => root["fit"]!["restarts"]![0]!["seed"] = -1, "$.fit.restarts[0].seed", "-1 is not a whole number in the range of an unsigned 64-bit integer");
        AssertRejected(GaussianJson, root => root["dimensions"] = 2.5, "$.dimensions", "2.5 is not a whole number in the range of a 32-bit integer");
        AssertRejected(MixedJson, root => root["options"]!["usePriors"] = 0, "$.options.usePriors", "expected true or false, found the number 0");
    }

    [Fact]
    public void Missing_and_unknown_fields_are_named_inside_nested_objects()
    {
        AssertRejected(GaussianJson, root => root["fit"]!["restarts"]![1]!.AsObject().Remove("trace"), "$.fit.restarts[1]", "the field \"trace\" is missing");
        AssertRejected(GaussianJson, root => root.AsObject().Remove("libraryVersion"), "$", "the field \"libraryVersion\" is missing");
        AssertRejected(GaussianJson, root => root["groups"] = new JsonArray(), "$.groups", "unknown field", "has only schema, schemaVersion, libraryVersion");
        AssertRejected(MixedJson, root => root["groups"]![1]!["parameters"]![0]!["rates"] = new JsonArray(1.0), "$.groups[1].parameters[0].rates", "unknown field");
        AssertRejected(MixedJson, root => root["groups"]![1]!["extra"] = 1, "$.groups[1].extra", "unknown field", "has only family, columns, parameters");
    }

    [Fact]
    public void A_column_group_is_read_by_its_family_wherever_the_family_field_is()
    {
        AssertRejected(MixedJson, root => root["groups"]![2]!.AsObject().Remove("family"), "$.groups[2]", "the field \"family\" is missing");
        AssertRejected(MixedJson, root => root["groups"]![2]!["family"] = "beta", "$.groups[2].family", "unknown value \"beta\"; expected gaussian, bernoulli, categorical or poisson");
        AssertRejected(MixedJson, root => root["groups"]![2]!["family"] = 2, "$.groups[2].family", "expected a string, found the number 2");
        AssertRejected(MixedJson, root => root["groups"]![2]!["family"] = "poisson", "$.groups[2].parameters[0].probabilities", "unknown field");
        AssertRejected(MixedJson, root => root["groups"]![3]!["parameters"]![0]!["rates"]![0] = "1", "$.groups[3].parameters[0].rates[0]", "expected a number, found the string \"1\"");

        var moved = JsonNode.Parse(MixedJson.Value)!;
        foreach (var group in moved["groups"]!.AsArray())
        {
            var family = group!["family"]!.GetValue<string>();
            group.AsObject().Remove("family");
            group.AsObject().Add("family", family);
        }
        Assert.Equal(MixedJson.Value, FittedModel.ToJson(FittedModel.FromJson(moved.ToJsonString()).Model));
    }

    [Fact]
    public void A_document_that_is_not_one_object_is_refused()
    {
        Assert.Equal("model.json: $: a model file holds one JSON object; found array", Assert.Throws<ModelFileException>(() => FittedModel.FromJson("[1, 2]", "model.json")).Message);
        Assert.Equal("model.json: $: a model file holds one JSON object; found null", Assert.Throws<ModelFileException>(() => FittedModel.FromJson("null", "model.json")).Message);
        Assert.StartsWith("model.json: $: line 1: not valid JSON", Assert.Throws<ModelFileException>(() => FittedModel.FromJson("", "model.json")).Message);
        Assert.StartsWith("model.json: $: line 1: not valid JSON", Assert.Throws<ModelFileException>(() => FittedModel.FromJson("{} {}", "model.json")).Message);
    }

    [Fact]
    public void A_document_nested_too_deeply_is_not_json_for_this_reader()
    {
        var deep = GaussianJson.Value.Replace("\"weights\": [", "\"weights\": [[[[[[[[[[[[[[[[[[[[");
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(deep, "model.json"));
        Assert.StartsWith("model.json: $: line ", exception.Message);
        Assert.Contains("not valid JSON", exception.Message);
    }

    [Fact]
    public void Damaged_bytes_are_a_model_file_exception_and_nothing_else()
    {
        // Every truncation and, from a fixed seed, single-character changes: each loads or is refused with a path.
        var random = new Random(7);
        foreach (var json in new[] { GaussianJson.Value, MixedJson.Value })
        {
            var damaged = Enumerable.Range(0, 200).Select(i => json[..(i * json.Length / 200)])
                .Concat(Enumerable.Range(0, 300).Select(_ =>
                {
                    var at = random.Next(json.Length);
                    return string.Concat(json.AsSpan(0, at), "\"{}[]:,-0e9xn ".AsSpan(random.Next(13), 1), json.AsSpan(at + 1));
                }));
            foreach (var text in damaged)
            {
                try
                {
                    FittedModel.FromJson(text, "model.json");
                }
                catch (ModelFileException exception)
                {
                    Assert.StartsWith("$", exception.JsonPath);
                }
            }
        }
    }

    [Fact]
    public void The_schema_is_checked_before_the_fields_of_this_version()
    {
        // A report of 'em fit --format json' is JSON but not a model file; it has no schema field.
        AssertRejected(GaussianJson, root => { root.AsObject().Remove("schema"); root["groups"] = 1; }, "$", "the field \"schema\" is missing");
        AssertRejected(GaussianJson, root => { root["schemaVersion"] = 2; root["weights"] = "new"; root["extra"] = 1; }, "$.schemaVersion", "schema version 2 is not supported");
    }

    [Fact]
    public void A_missing_file_is_an_io_error_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"em-missing-{Guid.NewGuid():N}.json");
        var exception = Assert.Throws<FileNotFoundException>(() => FittedModel.Load(path));
        Assert.Contains(path, exception.Message);
    }

    [Fact]
    public void A_file_is_named_by_its_path_in_messages()
    {
        var path = Path.Combine(Path.GetTempPath(), $"em-damaged-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, GaussianJson.Value.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 7"));
        try
        {
            var exception = Assert.Throws<ModelFileException>(() => FittedModel.Load(path));
            Assert.StartsWith($"{path}: $.schemaVersion: schema version 7 is not supported", exception.Message);
            Assert.Equal("$.schemaVersion", exception.JsonPath);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Applies <paramref name="tamper"/> to the document and expects the load to fail at <paramref name="path"/>
    /// with a message containing every one of <paramref name="fragments"/>.
    /// </summary>
    private static void AssertRejected(Lazy<string> json, Action<JsonNode> tamper, string path, params string[] fragments)
    {
        var root = JsonNode.Parse(json.Value)!;
        tamper(root);
        var exception = Assert.Throws<ModelFileException>(() => FittedModel.FromJson(root.ToJsonString(), "model.json"));
        Assert.StartsWith($"model.json: {path}", exception.Message);
        Assert.StartsWith(path, exception.JsonPath);
        foreach (var fragment in fragments) Assert.Contains(fragment, exception.Message);
    }
}
