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
        var (settings, _, result) = outcome;
        double? Shown(double? value) => value is { } criterion ? settings.Shown(criterion) : null;
        return new SelectJsonReport(
            [.. result.Cells.Select(cell => new SelectJsonCell(
                cell.Components,
                cell.ModelName,
                cell.LogLikelihood,
                Shown(cell.Bic),
                Shown(cell.Aic),
                Shown(cell.Icl),
                !cell.Succeeded ? SelectJsonCell.Failed : cell.NearSingular ? SelectJsonCell.Singular : SelectJsonCell.Ok,
                cell.Message,
                cell.Seed,
                cell.Model?.Noise?.Weight))],
            result.Best is { } best
                ? new SelectJsonBest(best.Components, best.ModelName, settings.Shown(best.Bic!.Value), best.LogLikelihood!.Value,
                    CliSpellings.Word(result.Criterion), CliSpellings.Word(result.Initialization), best.Seed)
                : null);
    }
}

/// <summary>The shape of <c>em select --format json</c>.</summary>
/// <param name="Cells">Every cell of the grid, K-major (each covariance type for the first K, then the next K).</param>
/// <param name="Best">The best successful cell by the criterion (null never reaches stdout: a grid without one is an error).</param>
internal sealed record SelectJsonReport(IReadOnlyList<SelectJsonCell> Cells, SelectJsonBest? Best);

/// <summary>
/// One cell. <see cref="Covariance"/> is mclust's name of the model ("VEV", "VVV"; "E" or "V" on one column). The
/// criteria are lower-is-better (negated with <c>--bic-sign mclust</c>) and null when the cell failed; <see cref="Message"/> is the
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
    long Seed,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] double? NoiseWeight = null)
{
    /// <summary>A regular fit.</summary>
    public const string Ok = "ok";

    /// <summary>A fit with a near-singular component (a spike the regularization holds up): criteria reported, best only if no cell is ok.</summary>
    public const string Singular = "singular";

    /// <summary>No fit; <see cref="Message"/> says why.</summary>
    public const string Failed = "failed";
}

/// <summary>
/// The winner: its model (mclust's name), BIC and log-likelihood, the criterion ("bic", "aic" or "icl") that
/// chose it, the start of its cell and its seed: <c>em fit -k Components --covariance Covariance --init
/// Initialization --seed Seed</c> with the grid's other options fits the same model again.
/// </summary>
internal sealed record SelectJsonBest(int Components, string Covariance, double Bic, double LogLikelihood, string Criterion, string Initialization, long Seed);
