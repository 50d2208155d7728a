using System.Text.Json.Serialization;

namespace EmFunctional;

/// <summary>One component's Bernoulli columns in a model file: P(x_j = 1) for each.</summary>
internal sealed record BernoulliParametersDocument(double[] Probabilities);

/// <summary>The contract of a Bernoulli column group in a model file (the model file's other options apply: <see cref="ModelFileJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroupDocument<BernoulliParametersDocument>))]
internal sealed partial class BernoulliModelFileJson : JsonSerializerContext;
