namespace EmFunctional;

/// <summary>
/// Options of <see cref="FamilyMixture.Fit(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/>.
/// EM settings default as for <see cref="GaussianMixtureOptions"/>; estimation is maximum likelihood
/// unless <see cref="UsePriors"/> or <see cref="WeightConcentration"/> asks for MAP.
/// </summary>
public sealed record FamilyMixtureOptions
{
    /// <summary>The family of every column, or <see cref="FamilyChoice.Auto"/> (the default) to pick one per column.</summary>
    public FamilyChoice Family { get; init; } = FamilyChoice.Auto;

    /// <summary>An explicit family per column (overrides <see cref="Family"/>); its length must be the number of columns.</summary>
    public IReadOnlyList<ColumnFamily>? ColumnFamilies { get; init; }

    /// <summary>Covariance of the Gaussian columns (all Gaussian columns share one multivariate Gaussian per component).</summary>
    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>How each restart starts.</summary>
    public InitializationMethod Initialization { get; init; } = InitializationMethod.KMeansPlusPlus;

    /// <summary>Number of restarts (≥ 1); the best final log-posterior (log-likelihood without priors) wins.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>Seed from which every restart's seed is derived.</summary>
    public long Seed { get; init; }

    /// <summary>Stop when the mean log-posterior per row changes by less than this (≥ 0; 0 runs exactly <see cref="MaxIterations"/>).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Also stop when ‖ΔR‖_F falls below this (off when null); see <see cref="GaussianMixtureOptions.ResponsibilityTolerance"/>.</summary>
    public double? ResponsibilityTolerance { get; init; }

    /// <summary>Maximum EM iterations per restart (≥ 1).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Added to the diagonal of the Gaussian columns' covariances (≥ 0).</summary>
    public double Regularization { get; init; } = 1e-6;

    /// <summary>
    /// MAP estimation with each family's default conjugate prior: Beta(2, 2) on Bernoulli probabilities,
    /// Dirichlet(2) on categorical probabilities (add-one smoothing), Gamma(1 + 0.01·m, 0.01) on Poisson
    /// rates (m the mean count: 0.01 of a row at the data's mean) and mclust's default Normal-inverse-Wishart
    /// prior on the Gaussian columns (docs/families.md has the formulas).
    /// </summary>
    public bool UsePriors { get; init; }

    /// <summary>A symmetric Dirichlet(α) prior on the mixture weights (α ≥ 1; null for maximum likelihood).</summary>
    public double? WeightConcentration { get; init; }

    /// <summary>Most threads an E-step may use (−1, the default: all cores). It changes the speed, never the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// What to do with a component that degenerates (see <see cref="DegenerateComponentPolicy"/>); by default the
    /// fit is kept alive and what was done is reported in <see cref="MixtureModel.Events"/>.
    /// </summary>
    public DegenerateComponentPolicy DegenerateComponents { get; init; } = DegenerateComponentPolicy.Regularize;

    /// <summary>
    /// At most this much time for the whole fit (all restarts), or null for no limit. When it runs out, the running
    /// restart stops after its current iteration, no other restart starts, and the best state reached is returned
    /// with <see cref="StopReason.TimeBudgetExhausted"/>. The same data, options and budget can therefore give
    /// different results on machines of different speed; leave it null when results must be reproducible.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }


    /// <summary>
    /// Told where the fit is after every EM iteration (null, the default: nobody is told). Called on the
    /// fitting thread, synchronously, so keep it quick; it only observes: the fit is the same, bit for bit,
    /// with or without it. For a progress bar, a log or a cancel button's feedback.
    /// </summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static FamilyMixtureOptions Default { get; } = new();
}
