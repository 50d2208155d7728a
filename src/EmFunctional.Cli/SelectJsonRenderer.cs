namespace EmFunctional.Cli;

/// <summary>
/// <c>em select --format json</c>: one object, <c>cells</c> (every cell in grid order, failed ones included)
/// and <c>best</c>, with camelCase names and full round-trip precision (see <see cref="JsonOutput"/>);
/// nothing else goes to stdout.
/// </summary>
internal static class SelectJsonRenderer
{
    public static string Render(SelectOutcome outcome) => JsonOutput.Serialize(ToReport(outcome), CliJsonContext.Default.SelectJsonReport);

    public static SelectJsonReport ToReport(SelectOutcome outcome)
    {
        var result = outcome.Result;
        return new SelectJsonReport(
            [.. result.Cells.Select(cell => new SelectJsonCell(
                cell.Components,
                CliSpellings.Word(cell.Covariance),
                cell.LogLikelihood,
                cell.Bic,
                cell.Aic,
                cell.Icl,
                cell.Succeeded ? SelectJsonCell.Ok : SelectJsonCell.Failed,
                cell.Message,
                cell.Seed))],
            result.Best is { } best
                ? new SelectJsonBest(best.Components, CliSpellings.Word(best.Covariance), CliSpellings.Word(result.Criterion), best.Seed)
                : null);
    }
}

/// <summary>The shape of <c>em select --format json</c>.</summary>
/// <param name="Cells">Every cell of the grid, K-major (each covariance type for the first K, then the next K).</param>
/// <param name="Best">The best successful cell by the criterion (null never reaches stdout: a grid without one is an error).</param>
internal sealed record SelectJsonReport(IReadOnlyList<SelectJsonCell> Cells, SelectJsonBest? Best);

/// <summary>
/// One cell. The criteria are lower-is-better and null when the cell failed; <see cref="Message"/> is the
/// error of a failed cell, notes on a successful one (not converged, failed restarts, near-singular), or null.
/// <see cref="Seed"/> is the cell's own seed (derived from --seed and the cell's place in the grid).
/// </summary>
internal sealed record SelectJsonCell(
    int Components,
    string Covariance,
    double? LogLikelihood,
    double? Bic,
    double? Aic,
    double? Icl,
    string Status,
    string? Message,
    long Seed)
{
    public const string Ok = "ok";

    public const string Failed = "failed";
}

/// <summary>
/// The winner, the criterion ("bic", "aic" or "icl") that chose it, and its seed: <c>em fit -k Components
/// --covariance Covariance --seed Seed</c> with the grid's other options fits the same model again.
/// </summary>
internal sealed record SelectJsonBest(int Components, string Covariance, string Criterion, long Seed);
