namespace EmFunctional.Cli;

/// <summary>
/// The shape of <c>em fit --format json</c>: one object, serialized in this property order with camelCase
/// names. It carries the fitted parameters, the fit's quality and every setting needed to repeat the run.
/// Renaming or removing a property breaks scripts that read it; adding one does not.
/// </summary>
internal sealed record JsonReport(
    string Version,
    string? File,
    IReadOnlyList<string> Columns,
    int Rows,
    int Components,
    string Covariance,
    string Init,
    long Seed,
    double Tolerance,
    int MaxIterations,
    double Regularization,
    IReadOnlyList<double> Weights,
    IReadOnlyList<IReadOnlyList<double>> Means,
    IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Covariances,
    double LogLikelihood,
    double MeanLogLikelihood,
    double Bic,
    double Aic,
    int FreeParameters,
    int Iterations,
    bool Converged,
    string StopReason,
    int BestRestart,
    IReadOnlyList<JsonRestart> Restarts);

/// <summary>One restart: how it started and how it ended. <see cref="LogLikelihood"/> is null when it failed.</summary>
internal sealed record JsonRestart(
    int Index,
    ulong Seed,
    double? LogLikelihood,
    int Iterations,
    bool Converged,
    string? StopReason,
    string? Error);
