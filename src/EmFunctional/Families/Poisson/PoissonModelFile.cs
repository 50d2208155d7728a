using System.Text.Json.Serialization;

namespace EmFunctional;

/// <summary>One component's Poisson columns in a model file: the rate of each.</summary>
internal sealed record PoissonParametersDocument(double[] Rates);

/// <summary>The contract of a Poisson column group in a model file (the model file's other options apply: <see cref="ModelFileJson"/>).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(GroupDocument<PoissonParametersDocument>))]
internal sealed partial class PoissonModelFileJson : JsonSerializerContext;
