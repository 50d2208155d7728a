using System.Text.Json.Serialization;

namespace EmFunctional;

/// <summary>One component's categorical columns in a model file: for each, P(x_j = c) for the codes c = 0 … C_j − 1.</summary>
internal sealed record CategoricalParametersDocument(double[][] Probabilities);

/// <summary>The contract of a Categorical column group in a model file (the model file's other options apply: <see cref="ModelFileJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroupDocument<CategoricalParametersDocument>))]
internal sealed partial class CategoricalModelFileJson : JsonSerializerContext;
