namespace EmFunctional.Cli;

/// <summary>
/// How every EM run of <c>em fit</c> and <c>em select</c> is done, already parsed and validated (see
/// <see cref="EmOptions"/>). The two commands pass these to different facade options; both mappings
/// are here so that a setting is added in one place.
/// </summary>
/// <param name="Initialization">How each restart starts.</param>
/// <param name="Restarts">Restarts per fit or per cell (≥ 1); the best final log-likelihood (log-posterior with priors) wins.</param>
/// <param name="Seed">Seed of every random choice (a cell's seed is derived from it); the same seed gives the same output.</param>
/// <param name="Tolerance">Stop a restart when the mean log-likelihood changes by less (≥ 0; 0 runs <paramref name="MaxIterations"/>).</param>
/// <param name="MaxIterations">Iteration cap per restart (≥ 1).</param>
/// <param name="Regularization">Added to covariance diagonals (≥ 0).</param>
internal sealed record EmSettings(
    InitializationMethod Initialization,
    int Restarts,
    long Seed,
    double Tolerance,
    int MaxIterations,
    double Regularization)
{
    /// <summary>"--init kmeans++ --restarts 1 --seed 0": the first half of a report's settings line.</summary>
    public string StartOptions =>
        $"--init {CliSpellings.Word(Initialization)} --restarts {Restarts} --seed {NumberFormatting.Format(Seed)}";

    /// <summary>What to do with degenerate components (<c>--degenerate</c>).</summary>
    public DegenerateComponentPolicy Degenerate { get; init; } = DegenerateComponentPolicy.Regularize;

    /// <summary>The time budget in seconds (<c>--max-seconds</c>), or null.</summary>
    public double? MaxSeconds { get; init; }

    /// <summary>The time budget as a span, or null.</summary>
    public TimeSpan? TimeBudget => MaxSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>"--tolerance 0.001 --max-iterations 100 --regularization 1e-06": the second half.</summary>
    public string StopOptions =>
        $"--tolerance {NumberFormatting.Format(Tolerance)} --max-iterations {MaxIterations} --regularization {NumberFormatting.Format(Regularization)}";

    /// <summary><paramref name="options"/> with these settings.</summary>
    public FamilyMixtureOptions ApplyTo(FamilyMixtureOptions options) => options with
    {
        Initialization = Initialization,
        Restarts = Restarts,
        Seed = Seed,
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        Regularization = Regularization,
        DegenerateComponents = Degenerate,
        TimeBudget = TimeBudget,
    };

    /// <summary><paramref name="options"/> with these settings for every cell.</summary>
    public ModelSelectionOptions ApplyTo(ModelSelectionOptions options) => options with
    {
        Initialization = Initialization,
        Restarts = Restarts,
        Seed = Seed,
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        Regularization = Regularization,
        DegenerateComponents = Degenerate,
        TimeBudget = TimeBudget,
    };
}
