using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmFunctional;

// The model file (docs/cli.md, "The model file") as typed records: ModelFileWriter fills them from a model
// and serializes them, ModelFileReader deserializes them and checks them in one pass. Every field of the
// schema is required (present, even when its value may be null); a property's nullability is whether the
// value may be null. Enums are kept as their words (ModelFileSpellings) and parsed by the reader, which
// names the choices when a word is unknown. Properties are written in declaration order, a base record's
// after its derived record's, so JsonPropertyOrder puts the few that go elsewhere in the file's order.

/// <summary>
/// The contracts of the model file, generated at compile time (reflection-based serialization is off in
/// this project). Reading is strict: a field the schema does not have is an error, as is a null where
/// the schema wants a value, and a number that is not a finite double.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true,
    MaxDepth = 16,
    Converters = [typeof(FiniteDoubleConverter)])]
[JsonSerializable(typeof(ModelFileHeader))]
[JsonSerializable(typeof(GaussianModelDocument))]
[JsonSerializable(typeof(FamilyModelDocument))]
internal sealed partial class ModelFileJsonContext : JsonSerializerContext;

/// <summary>
/// What a document says it is, read before anything else so that a file of another schema or version is
/// named as such rather than by the first field this version does not know.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Skip)]
internal sealed record ModelFileHeader
{
    public required string Schema { get; init; }

    public required int SchemaVersion { get; init; }

    public required string ModelType { get; init; }
}

/// <summary>
/// The fields every model file has. Those before the model's own are required in the file
/// ([JsonRequired]) but not by C#, so that the writer sets them in one place for both model types.
/// </summary>
internal abstract record ModelFileDocument
{
    [JsonRequired]
    public string Schema { get; init; } = "";

    [JsonRequired]
    public int SchemaVersion { get; init; }

    [JsonRequired]
    public string LibraryVersion { get; init; } = "";

    [JsonRequired]
    public string ModelType { get; init; } = "";

    [JsonRequired]
    public int Components { get; init; }

    [JsonRequired]
    public int Dimensions { get; init; }

    [JsonRequired]
    public string[]? Columns { get; init; }

    [JsonRequired]
    public double[] Weights { get; init; } = [];

    [JsonPropertyOrder(2)]
    public required FitDocument Fit { get; init; }
}

/// <summary>A <see cref="GaussianMixtureModel"/> (modelType "gaussianMixture").</summary>
internal sealed record GaussianModelDocument : ModelFileDocument
{
    [JsonPropertyOrder(1)]
    public required string Covariance { get; init; }

    [JsonPropertyOrder(1)]
    public required double[][] Means { get; init; }

    /// <summary>Σ_k as full matrices: full and tied models (and diag or spherical ones saved before <see cref="Variances"/>).</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[][][]? Covariances { get; init; }

    /// <summary>The diagonal of each Σ_k: diag and spherical models, which hold no off-diagonal entry.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double[][]? Variances { get; init; }

    /// <summary>The noise component of a model fitted with one (absent otherwise); the weights then sum to 1 − its weight.</summary>
    [JsonPropertyOrder(2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoiseDocument? Noise { get; init; }

    [JsonPropertyOrder(1)]
    public required GaussianOptionsDocument Options { get; init; }
}

/// <summary>A <see cref="FamilyMixtureModel"/> (modelType "familyMixture").</summary>
internal sealed record FamilyModelDocument : ModelFileDocument
{
    [JsonPropertyOrder(1)]
    public required string? Covariance { get; init; }

    [JsonPropertyOrder(1)]
    public required string[] ColumnFamilies { get; init; }

    [JsonPropertyOrder(1)]
    public required GroupDocument[] Groups { get; init; }

    [JsonPropertyOrder(1)]
    public required FamilyOptionsDocument Options { get; init; }

    /// <summary>The noise component of a model fitted with one (absent otherwise); the weights then sum to 1 − its weight.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public NoiseDocument? Noise { get; init; }
}

/// <summary>
/// A noise component: its weight π_0 and its uniform density's box, the points Center + Σ_b s_b Axes[·][b] with
/// Lower[b] ≤ s_b ≤ Upper[b] (Axes row-major, one axis per column), of log-hypervolume LogHypervolume.
/// </summary>
internal sealed record NoiseDocument
{
    public required double Weight { get; init; }

    public required double LogHypervolume { get; init; }

    public required double[] Center { get; init; }

    public required double[][] Axes { get; init; }

    public required double[] Lower { get; init; }

    public required double[] Upper { get; init; }
}

/// <summary>
/// One column group: its family (the "family" field, which says which parameters follow), its columns
/// (0-based) and one parameter object per component. Each family's parameter record and contract are in
/// its folder (<c>Families/&lt;Name&gt;/&lt;Name&gt;ModelFile.cs</c>); <see cref="ModelFileJson"/> joins them.
/// </summary>
internal abstract record GroupDocument
{
    public required int[] Columns { get; init; }
}

/// <summary>A column group whose components have parameters of type <typeparamref name="TParameters"/>.</summary>
internal sealed record GroupDocument<TParameters> : GroupDocument
{
    [JsonPropertyOrder(1)]
    public required TParameters[] Parameters { get; init; }
}

/// <summary>The EM settings both option types share (required in the file, set in one place, as in <see cref="ModelFileDocument"/>).</summary>
internal abstract record EmOptionsDocument
{
    [JsonRequired]
    public string Initialization { get; init; } = "";

    [JsonRequired]
    public int Restarts { get; init; }

    [JsonRequired]
    public long Seed { get; init; }

    [JsonRequired]
    public double Tolerance { get; init; }

    [JsonRequired]
    public double? ResponsibilityTolerance { get; init; }

    [JsonRequired]
    public int MaxIterations { get; init; }

    [JsonRequired]
    public double Regularization { get; init; }

    [JsonRequired]
    public int MaxDegreeOfParallelism { get; init; }

    [JsonRequired]
    public string DegenerateComponents { get; init; } = "";

    [JsonRequired]
    public double? TimeBudgetSeconds { get; init; }
}

/// <summary><see cref="GaussianMixtureOptions"/>.</summary>
internal sealed record GaussianOptionsDocument : EmOptionsDocument
{
    [JsonPropertyOrder(-1)]
    public required string Covariance { get; init; }

    [JsonPropertyOrder(1)]
    public required InitialParametersDocument? InitialParameters { get; init; }
}

/// <summary><see cref="GaussianMixtureParameters"/> (the shapes are checked when a fit uses them, not here).</summary>
internal sealed record InitialParametersDocument(double[] Weights, double[][] Means, double[][][] Covariances);

/// <summary><see cref="FamilyMixtureOptions"/>.</summary>
internal sealed record FamilyOptionsDocument : EmOptionsDocument
{
    [JsonPropertyOrder(-1)]
    public required string Family { get; init; }

    [JsonPropertyOrder(-1)]
    public required string[]? ColumnFamilies { get; init; }

    [JsonPropertyOrder(-1)]
    public required string Covariance { get; init; }

    [JsonPropertyOrder(1)]
    public required bool UsePriors { get; init; }

    [JsonPropertyOrder(1)]
    public required double? WeightConcentration { get; init; }
}

/// <summary>How the fit went (<see cref="FitResultSummary"/>).</summary>
internal sealed record FitDocument(
    double LogLikelihood,
    double LogPrior,
    double SampleSize,
    int FreeParameters,
    int Iterations,
    string StopReason,
    int BestRestart,
    RestartDocument[] Restarts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int[]? MissingCellsByColumn = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string?[]? ComponentLabels = null);

/// <summary>One restart (<see cref="RestartSummary"/>).</summary>
internal sealed record RestartDocument(
    int Index,
    ulong Seed,
    double? LogLikelihood,
    int Iterations,
    string? StopReason,
    string? Error,
    TraceEntryDocument[] Trace,
    ComponentEventDocument[] Events);

/// <summary>One iteration of a restart's trace (<see cref="TraceEntry"/>).</summary>
internal sealed record TraceEntryDocument(int Iteration, double MeanLogLikelihood, double? Change, double? ResponsibilityChange);

/// <summary>One degenerate-component event (<see cref="ComponentEvent"/>).</summary>
internal sealed record ComponentEventDocument(
    int Iteration,
    int Component,
    string Cause,
    string Action,
    double EffectiveCount,
    double? Regularization,
    int? Row,
    string Message);

/// <summary>
/// Doubles as the file holds them: finite. JSON has no NaN or infinity, but a number too large for a
/// double (1e999) would otherwise be read as infinity; it is refused, and the reader names it.
/// </summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number && !(reader.TryGetDouble(out var value) && double.IsFinite(value))
            ? throw new JsonException("not a finite double")
            : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
