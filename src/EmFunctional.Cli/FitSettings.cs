namespace EmFunctional.Cli;

/// <summary>
/// Everything <c>em fit</c> was asked to do, already parsed and validated (see
/// <see cref="FitCommandLine"/>). The JSON report echoes these values so that any run can be repeated.
/// </summary>
/// <param name="File">The CSV file, or null for the bundled Old Faithful data.</param>
/// <param name="Components">K ≥ 1.</param>
/// <param name="Covariance">Covariance parametrization.</param>
/// <param name="Initialization">How each restart starts.</param>
/// <param name="Restarts">Number of restarts ≥ 1; the best final log-likelihood wins.</param>
/// <param name="Seed">Seed of every random choice; the same seed gives the same output.</param>
/// <param name="Tolerance">Stop when the mean log-likelihood changes by less (≥ 0; 0 runs <paramref name="MaxIterations"/>).</param>
/// <param name="MaxIterations">Iteration cap per restart (≥ 1).</param>
/// <param name="Regularization">Added to covariance diagonals (≥ 0).</param>
/// <param name="Format">Text tables or one JSON object.</param>
internal sealed record FitSettings(
    string? File,
    int Components,
    CovarianceType Covariance,
    InitializationMethod Initialization,
    int Restarts,
    long Seed,
    double Tolerance,
    int MaxIterations,
    double Regularization,
    OutputFormat Format)
{
    /// <summary>The facade's options for these settings.</summary>
    public GaussianMixtureOptions ToOptions() => new()
    {
        Covariance = Covariance,
        Initialization = Initialization,
        Restarts = Restarts,
        Seed = Seed,
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        Regularization = Regularization,
    };
}
