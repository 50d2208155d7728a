namespace EmFunctional;

/// <summary>
/// The EM settings shared by every way in — <c>Fit</c>, <c>Iterate</c> and <c>ModelSelection.Run</c> — declared
/// once: <see cref="GaussianMixtureOptions"/>, <see cref="FamilyMixtureOptions"/> and
/// <see cref="ModelSelectionOptions"/> derive from it and add only what is their own. The defaults aim at
/// the best optimum, not the first one reached: the short-EM search (<see cref="InitializationMethod.Search"/>),
/// one restart, seed 0 (so every fit is reproducible), and a fit run to convergence (tolerance 1e-8 on the
/// mean log-likelihood, at most 1000 iterations); regularization 1e-6 as scikit-learn's. scikit-learn's own
/// defaults are <c>new EmSettings { Initialization = InitializationMethod.KMeans, Tolerance = 1e-3, MaxIterations = 100 }</c>.
/// <code>
/// var em = new EmSettings { Restarts = 5, Seed = 42 };
/// var model = FamilyMixture.Fit(rows, 3, new FamilyMixtureOptions(em) { UsePriors = true });
/// </code>
/// </summary>
public record EmSettings
{
    /// <summary>The defaults.</summary>
    public EmSettings()
    {
    }

    /// <summary>How each restart starts (ignored when a fit is given its initial parameters); see <see cref="InitializationMethod.Automatic"/>, the default.</summary>
    public InitializationMethod Initialization { get; init; } = InitializationMethod.Automatic;

    /// <summary><see cref="Initialization"/> with <see cref="InitializationMethod.Automatic"/> resolved for <see cref="Restarts"/>: the method the fit uses.</summary>
    public InitializationMethod EffectiveInitialization => Initialization switch
    {
        InitializationMethod.Automatic => Restarts == 1 ? InitializationMethod.Search : InitializationMethod.KMeansPlusPlus,
        var method => method,
    };

    /// <summary>Number of restarts (≥ 1); the one with the highest final log-posterior (the log-likelihood without priors) wins.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Seed from which every restart's seed is derived.</summary>
    public long Seed { get; init; }

    /// <summary>Stop when the mean log-posterior per row (the mean log-likelihood without priors) changes by less than this (≥ 0; 0 runs exactly <see cref="MaxIterations"/>).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>
    /// Also stop when ‖ΔR‖_F, the Frobenius norm of the change of the N×K responsibility matrix between
    /// consecutive iterations, falls below this (off when null). Unlike <see cref="Tolerance"/> it is not
    /// scale-free: it grows like √N for the same per-row change, so choose it for your N. Tracking it
    /// costs a second density pass per iteration.
    /// </summary>
    public double? ResponsibilityTolerance { get; init; }

    /// <summary>Maximum EM iterations per restart (≥ 1). Reaching it is not an error: the model reports Converged = false.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Added to every covariance diagonal of Gaussian columns (≥ 0), as scikit-learn's <c>reg_covar</c>.</summary>
    public double Regularization { get; init; } = 1e-6;

    /// <summary>Most threads an E-step may use (−1, the default: all cores). It changes the speed, never the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// What to do with a component that degenerates (see <see cref="DegenerateComponentPolicy"/>); by default the
    /// fit is kept alive and what was done is reported in <see cref="MixtureModel.Events"/>.
    /// </summary>
    public DegenerateComponentPolicy DegenerateComponents { get; init; } = DegenerateComponentPolicy.Regularize;

    /// <summary>
    /// Partially labelled rows (semi-supervised EM, mclust's <c>MclustSSC</c>): the known class of each row,
    /// null where it is unknown, one per data row. The distinct labels, in ordinal order (numeric order
    /// when all are integers), name components 0, 1, …; a labelled row's responsibilities are fixed to its
    /// component and it counts as log π_y p(x | θ_y) in the log-likelihood. There may be more components
    /// than labels (the rest are unnamed), not fewer. Null (the default): no row is labelled.
    /// </summary>
    public IReadOnlyList<string?>? KnownLabels { get; init; }

    /// <summary>
    /// What a NaN in the data means: a missing cell that EM models (<see cref="MissingCellPolicy.Model"/>,
    /// the default) or an error (<see cref="MissingCellPolicy.Refuse"/>). Prediction always accepts
    /// missing cells: a row is then scored on its observed cells.
    /// </summary>
    public MissingCellPolicy MissingCells { get; init; } = MissingCellPolicy.Model;

    /// <summary>True when NaN marks a missing cell.</summary>
    internal bool ModelsMissingCells => MissingCells == MissingCellPolicy.Model;

    /// <summary>
    /// At most this much time for the whole fit (all restarts; for a model selection, the whole grid), or null for no
    /// limit. When it runs out, the running restart stops after its current iteration, no other restart starts, and
    /// the best state reached is returned with <see cref="StopReason.TimeBudgetExhausted"/>. The same data, options and
    /// budget can therefore give different results on machines of different speed; leave it null when results must be
    /// reproducible.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }
}
