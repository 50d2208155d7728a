using System.Text.Json;
using System.Collections.Immutable;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em fit --format json</c>: the <see cref="JsonReport"/> of a fit, written by <see cref="JsonOutput"/>
/// (exactly one JSON object and a newline, the same bytes in every locale).
/// </summary>
internal static class JsonReportRenderer
{
    public static string Render(FitOutcome outcome) => JsonOutput.Serialize(ToReport(outcome), CliJsonContext.Default.JsonReport);

    public static JsonReport ToReport(FitOutcome outcome)
    {
        var (settings, data, model, labels) = outcome;
        return new JsonReport(
            Version: VersionAction.Version,
            File: settings.File,
            Columns: data.Columns,
            Rows: data.RowCount,
            MissingCells: model.MissingCells,
            MissingCellsByColumn: MissingByColumn(data.Columns, model.MissingCellsByColumn),
            SkippedRows: data.SkippedLines.Count,
            Components: model.Components,
            Family: CliSpellings.Word(settings.Family),
            ColumnFamilies: [.. model.ColumnFamilies.Select(CliSpellings.Word)],
            Covariance: model.Covariance is { } covariance ? CliSpellings.Word(covariance) : null,
            Init: CliSpellings.Word(model.Options.EffectiveInitialization),
            Seed: settings.Em.Seed,
            Tolerance: settings.Em.Tolerance,
            MaxIterations: settings.Em.MaxIterations,
            Regularization: settings.Em.Regularization,
            Degenerate: CliSpellings.Word(settings.Em.DegenerateComponents),
            MaxSeconds: settings.Em.MaxSeconds,
            Input: settings.Input is { } input
                ? new JsonInput(input.Delimiter.ToString(), input.HasHeader, input.Columns)
                : new JsonInput(",", true, null),
            Priors: settings.Priors,
            WeightPrior: settings.WeightPrior,
            Weights: [.. model.Weights],
            Means: [.. model.Means.Select(Vector)],
            Covariances: model.IsDiagonal ? null : [.. model.Covariances.Select(Matrix)],
            Variances: [.. model.Variances.Select(Vector)],
            Groups: [.. model.Groups.Select(parts => (IReadOnlyList<JsonGroup>)[.. parts.Select(part => Group(part, data.Columns))])],
            LogLikelihood: model.LogLikelihood,
            MeanLogLikelihood: model.MeanLogLikelihood,
            LogPrior: model.LogPrior,
            LogPosterior: model.LogPosterior,
            Bic: model.Bic(),
            Aic: model.Aic(),
            FreeParameters: model.FreeParameters,
            Iterations: model.Iterations,
            Converged: model.Converged,
            StopReason: CliSpellings.Word(model.StopReason),
            BestRestart: model.BestRestart,
            Restarts: [.. model.Restarts.Select(restart => new JsonRestart(
                restart.Index,
                restart.Seed,
                restart.LogLikelihood,
                restart.Iterations,
                restart.Converged,
                restart.StopReason is { } reason ? CliSpellings.Word(reason) : null,
                restart.Error))],
            Events: [.. model.Events.Select(e => new JsonComponentEvent(
                e.Iteration,
                e.Component,
                JsonNamingPolicy.CamelCase.ConvertName(e.Cause.ToString()),
                CliSpellings.Word(e.Action),
                e.EffectiveCount,
                e.Regularization,
                e.Row,
                e.Message))],
            Labels: labels,
            NoiseWeight: model.Noise?.Weight,
            NoiseHypervolume: model.Noise?.Hypervolume,
            ComponentLabels: labels is not null || data.KnownLabels is not null ? [.. model.ComponentLabels] : null);
    }

    private static JsonGroup Group(ColumnGroupParameters part, IReadOnlyList<string> columnNames) =>
        new(CliSpellings.Word(part.Family), [.. part.Columns.Select(column => columnNames[column])], part.Values);

    private static IReadOnlyList<double> Vector(ImmutableArray<double> values) => [.. values];

    private static IReadOnlyList<IReadOnlyList<double>> Matrix(ImmutableArray<ImmutableArray<double>> rows) => [.. rows.Select(Vector)];

    /// <summary>Missing cells per column, keyed by column name in the order of the columns (a repeated name keeps its first count and adds the others).</summary>
    internal static IReadOnlyDictionary<string, int> MissingByColumn(IReadOnlyList<string> columns, IReadOnlyList<int> counts)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < columns.Count; j++) byName[columns[j]] = byName.GetValueOrDefault(columns[j]) + (j < counts.Count ? counts[j] : 0);
        return byName;
    }
}
