using System.Text.Json;
using System.Text.Json.Serialization;

namespace EmFunctional.Cli;

/// <summary>
/// The shape of <c>em fit --format json</c>: one object, serialized in this property order with camelCase
/// names. It carries the fitted parameters, the fit's quality and every setting needed to repeat the run.
/// Renaming or removing a property breaks scripts that read it; adding one does not.
/// </summary>
/// <remarks>
/// <see cref="Means"/>, <see cref="Variances"/> and <see cref="Covariances"/> are per column whatever its
/// family (E[x_j], Var[x_j] and the full D×D Cov[x], zero across family groups); <see cref="Covariances"/>
/// is null when no component has a covariance across columns (diagonal or spherical Gaussian columns,
/// other families), so that a diagonal model's report holds K × D numbers, not K × D × D.
/// <see cref="Groups"/> has each family's own parameters.
/// <see cref="Covariance"/> is the Gaussian columns' covariance kind, null when there are none.
/// <see cref="Labels"/> is present only with <c>--labels</c>; <see cref="ComponentLabels"/> (the class
/// name of each component, null for an unnamed one) with <c>--labels</c> or <c>--known-labels</c>.
/// </remarks>
internal sealed record JsonReport(
    string Version,
    string? File,
    IReadOnlyList<string> Columns,
    int Rows,
    int MissingCells,
    IReadOnlyDictionary<string, int> MissingCellsByColumn,
    int SkippedRows,
    int Components,
    string Family,
    IReadOnlyList<string> ColumnFamilies,
    string? Covariance,
    string Init,
    long Seed,
    double Tolerance,
    int MaxIterations,
    double Regularization,
    string Degenerate,
    double? MaxSeconds,
    JsonInput Input,
    bool Priors,
    double? WeightPrior,
    IReadOnlyList<double> Weights,
    IReadOnlyList<IReadOnlyList<double>> Means,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>>? Covariances,
    IReadOnlyList<IReadOnlyList<double>> Variances,
    IReadOnlyList<IReadOnlyList<JsonGroup>> Groups,
    double LogLikelihood,
    double MeanLogLikelihood,
    double LogPrior,
    double LogPosterior,
    double Bic,
    double Aic,
    int FreeParameters,
    int Iterations,
    bool Converged,
    string StopReason,
    int BestRestart,
    IReadOnlyList<JsonRestart> Restarts,
    IReadOnlyList<JsonComponentEvent> Events,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? Labels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NoiseWeight,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NoiseHypervolume,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? ComponentLabels);

/// <summary>One restart: how it started and how it ended. <see cref="LogLikelihood"/> is null when it failed.</summary>
internal sealed record JsonRestart(
    int Index,
    ulong Seed,
    double? LogLikelihood,
    int Iterations,
    bool Converged,
    string? StopReason,
    string? Error);

/// <summary>
/// One component's parameters over the columns of one family (<c>groups[k][g]</c>): the family's word,
/// the column names in parameter order, then the family's own parameters by name
/// (<see cref="ColumnGroupParameters.Values"/>: "mean" and "covariance", "probabilities", "rates"), each
/// an array with one number or one array per column. <see cref="Family"/> says which parameters follow.
/// </summary>
[JsonConverter(typeof(JsonGroupConverter))]
internal sealed record JsonGroup(string Family, IReadOnlyList<string> Columns, IReadOnlyList<GroupParameter> Parameters);

/// <summary>Writes a <see cref="JsonGroup"/> with its parameters as properties of the group (the report is never read back).</summary>
internal sealed class JsonGroupConverter : JsonConverter<JsonGroup>
{
    public override JsonGroup Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("the em report is written, never read");

    public override void Write(Utf8JsonWriter writer, JsonGroup value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("family", value.Family);
        writer.WriteStartArray("columns");
        foreach (var column in value.Columns) writer.WriteStringValue(column);
        writer.WriteEndArray();
        foreach (var parameter in value.Parameters)
        {
            writer.WriteStartArray(parameter.Name);
            switch (parameter)
            {
                case ColumnValues values:
                    foreach (var number in values.Values) writer.WriteNumberValue(number);
                    break;
                case ColumnVectors vectors:
                    foreach (var vector in vectors.Values)
                    {
                        writer.WriteStartArray();
                        foreach (var number in vector) writer.WriteNumberValue(number);
                        writer.WriteEndArray();
                    }
                    break;
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }
}

/// <summary>
/// What EM did to a degenerate component in one iteration of the winning restart (see <c>--degenerate</c>):
/// cause tooFewRows, illDefinedCovariance or collapsed; action regularize or reinitialize; the regularization
/// it ended with (null when restarted) and the row it restarted at (0-based, null unless restarted).
/// </summary>
internal sealed record JsonComponentEvent(int Iteration, int Component, string Cause, string Action, double EffectiveCount, double? Regularization, int? Row, string Message);

/// <summary>How the CSV was read (<c>--delimiter</c>, <c>--no-header</c>, <c>--columns</c>), so that the report says how to read it again.</summary>
internal sealed record JsonInput(string Delimiter, bool Header, IReadOnlyList<string>? Columns);
