namespace EmFunctional;

/// <summary>
/// Options of <see cref="FamilyMixture.Fit(double[][], int, FamilyMixtureOptions, double[], CancellationToken)"/>.
/// The EM settings are <see cref="EmSettings"/>' (scikit-learn's defaults); estimation is maximum likelihood
/// unless <see cref="UsePriors"/> or <see cref="WeightConcentration"/> asks for MAP.
/// </summary>
public sealed record FamilyMixtureOptions : EmSettings
{
    /// <summary>The defaults: a family per column picked from its values, full covariance, maximum likelihood.</summary>
    public FamilyMixtureOptions()
    {
    }

    /// <summary>These EM settings, with the other options at their defaults.</summary>
    public FamilyMixtureOptions(EmSettings settings)
        : base(settings ?? throw new ArgumentNullException(nameof(settings)))
    {
    }

    /// <summary>The family of every column, or <see cref="FamilyChoice.Auto"/> (the default) to pick one per column.</summary>
    public FamilyChoice Family { get; init; } = FamilyChoice.Auto;

    /// <summary>An explicit family per column (overrides <see cref="Family"/>); its length must be the number of columns.</summary>
    public IReadOnlyList<ColumnFamily>? ColumnFamilies { get; init; }

    /// <summary>Covariance of the Gaussian columns (all Gaussian columns share one multivariate Gaussian per component).</summary>
    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>
    /// MAP estimation with each family's default conjugate prior: Beta(2, 2) on Bernoulli probabilities,
    /// Dirichlet(2) on categorical probabilities (add-one smoothing), Gamma(1 + 0.01·m, 0.01) on Poisson
    /// rates (m the mean count: 0.01 of a row at the data's mean) and mclust's default conjugate prior on the
    /// Gaussian columns (normal-inverse-Wishart for Full; docs/families.md has the formulas). The Gaussian prior
    /// exists for ten <see cref="Covariance"/> types (<see cref="CovarianceTypes.HasConjugatePrior"/>); with VEE,
    /// EVE, VVE or EVV the fit throws <see cref="ArgumentException"/>.
    /// </summary>
    public bool UsePriors { get; init; }

    /// <summary>A symmetric Dirichlet(α) prior on the mixture weights (α ≥ 1; null for maximum likelihood).</summary>
    public double? WeightConcentration { get; init; }

    /// <summary>
    /// A noise component besides the K components (null, the default: none): a uniform density over the data's box
    /// for rows that belong to no cluster (<see cref="NoiseOptions"/>). For Gaussian columns only, without missing
    /// cells or known labels.
    /// </summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>
    /// Told where the fit is after every EM iteration (null, the default: nobody is told). Called on the
    /// fitting thread, synchronously, so keep it quick; it only observes: the fit is the same, bit for bit,
    /// with or without it. For a progress bar, a log or a cancel button's feedback.
    /// </summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static FamilyMixtureOptions Default { get; } = new();
}
