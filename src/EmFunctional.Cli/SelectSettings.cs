namespace EmFunctional.Cli;

/// <summary>
/// Everything <c>em select</c> was asked to do, already parsed and validated (see <see cref="SelectCommandLine"/>).
/// </summary>
/// <param name="File">The CSV file, or null for the bundled Old Faithful data.</param>
/// <param name="Components">The component counts K, ascending; null for the default 1..9 capped at the number of distinct rows.</param>
/// <param name="Covariances">The covariance types, in the order given (all four by default).</param>
/// <param name="Criterion">What picks the best cell.</param>
/// <param name="Initialization">How each restart starts.</param>
/// <param name="Restarts">Restarts per cell (≥ 1).</param>
/// <param name="Seed">The seed every cell's seed is derived from.</param>
/// <param name="Tolerance">Stop a restart when the mean log-likelihood changes by less (≥ 0).</param>
/// <param name="MaxIterations">Iteration cap per restart (≥ 1).</param>
/// <param name="Regularization">Added to covariance diagonals (≥ 0).</param>
/// <param name="Format">Text table or one JSON object.</param>
internal sealed record SelectSettings(
    string? File,
    IReadOnlyList<int>? Components,
    IReadOnlyList<CovarianceType> Covariances,
    ModelSelectionCriterion Criterion,
    InitializationMethod Initialization,
    int Restarts,
    long Seed,
    double Tolerance,
    int MaxIterations,
    double Regularization,
    OutputFormat Format)
{
    /// <summary>The facade's options for these settings.</summary>
    public ModelSelectionOptions ToOptions() => new()
    {
        Components = Components,
        Covariances = Covariances,
        Criterion = Criterion,
        Initialization = Initialization,
        Restarts = Restarts,
        Seed = Seed,
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        Regularization = Regularization,
    };
}
