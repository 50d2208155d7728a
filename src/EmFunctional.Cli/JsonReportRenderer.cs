using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmFunctional.Cli;

/// <summary>
/// <c>--format json</c>: exactly one JSON object and a newline. System.Text.Json writes numbers in the
/// invariant, shortest round-trip form, so the output does not depend on the locale and the same run
/// gives the same bytes.
/// </summary>
internal static class JsonReportRenderer
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Column names such as "température" stay readable; stdout is not embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Render(FitOutcome outcome) =>
        JsonSerializer.Serialize(ToReport(outcome), SerializerOptions) + "\n";

    public static JsonReport ToReport(FitOutcome outcome)
    {
        var (settings, data, model) = outcome;
        return new JsonReport(
            Version: VersionAction.Version,
            File: settings.File,
            Columns: data.Columns,
            Rows: data.RowCount,
            Components: model.Components,
            Covariance: CliSpellings.Word(settings.Covariance),
            Init: CliSpellings.Word(settings.Initialization),
            Seed: settings.Seed,
            Tolerance: settings.Tolerance,
            MaxIterations: settings.MaxIterations,
            Regularization: settings.Regularization,
            Weights: [.. model.Weights],
            Means: [.. model.Means.Select(mean => (IReadOnlyList<double>)[.. mean])],
            Covariances: [.. model.Covariances.Select(matrix => (IReadOnlyList<IReadOnlyList<double>>)[.. matrix.Select(row => (IReadOnlyList<double>)[.. row])])],
            LogLikelihood: model.LogLikelihood,
            MeanLogLikelihood: model.MeanLogLikelihood,
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
                restart.Error))]);
    }
}
