namespace EmFunctional;

/// <summary>
/// Options of <c>GaussianMixture.Fit</c> and <c>GaussianMixture.Iterate</c>: the EM settings of
/// <see cref="EmSettings"/> (scikit-learn's defaults) plus the covariance type, optional initial parameters and
/// a progress observer.
/// </summary>
public sealed record GaussianMixtureOptions : EmSettings
{
    /// <summary>The defaults: full covariance and <see cref="EmSettings"/>' defaults.</summary>
    public GaussianMixtureOptions()
    {
    }

    /// <summary>These EM settings, with the other options at their defaults.</summary>
    public GaussianMixtureOptions(EmSettings settings)
        : base(settings ?? throw new ArgumentNullException(nameof(settings)))
    {
    }

    /// <summary>Covariance parametrization.</summary>
    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>User-supplied starting parameters; when set, one run starts from them and no initialization or restart is used.</summary>
    public GaussianMixtureParameters? InitialParameters { get; init; }

    /// <summary>
    /// A noise component besides the K components (null, the default: none): a uniform density over the data's box
    /// for rows that belong to no cluster (<see cref="NoiseOptions"/>). Not with <see cref="InitialParameters"/>,
    /// known labels or missing cells.
    /// </summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>
    /// Told where <c>Fit</c> is after every EM iteration (null, the default: nobody is told). Called on the
    /// fitting thread, synchronously, so keep it quick; it only observes: the fit is the same, bit for bit,
    /// with or without it. <c>Iterate</c> does not use it: its sequence is the progress.
    /// </summary>
    public IProgress<FitProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static GaussianMixtureOptions Default { get; } = new();
}
