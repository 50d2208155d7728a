namespace EmFunctional;

/// <summary>Which criterion picks the best cell of a model-selection grid. All three are lower-is-better.</summary>
public enum ModelSelectionCriterion
{
    /// <summary>BIC = −2 log L + p ln n (the default; mclust reports −BIC, higher-is-better).</summary>
    Bic,

    /// <summary>AIC = −2 log L + 2p: a lighter penalty, tends to choose more components.</summary>
    Aic,

    /// <summary>
    /// ICL = BIC − 2 Σ_i w_i log max_k r_ik: BIC plus a penalty for rows the model cannot classify
    /// confidently, so it prefers well-separated clusters (mclust's <c>icl</c> is the negative).
    /// </summary>
    Icl,
}

/// <summary>
/// Options of <c>ModelSelection.Run</c>: the grid (component counts × covariance types), the criterion,
/// and how each cell is fitted. Every cell is fitted as <c>GaussianMixture.Fit</c> would with these
/// settings and its own seed. The EM settings are <see cref="EmSettings"/>' (those of <c>GaussianMixture.Fit</c>),
/// with one difference: <see cref="InitializationMethod.Automatic"/> with one restart starts every cell as mclust's
/// <c>Mclust</c> does, from the hierarchical tree (<see cref="InitializationMethod.Hierarchical"/>), on data of at
/// most 2000 rows, and by the short-EM search beyond (<see cref="ModelSelectionResult.Initialization"/> says which).
/// </summary>
public sealed record ModelSelectionOptions : EmSettings
{
    /// <summary>The defaults: K = 1 … 9, mclust's fourteen covariance models, BIC, each cell from mclust's hierarchical start (up to 2000 rows).</summary>
    public ModelSelectionOptions()
    {
    }

    /// <summary>These EM settings for every cell (their restarts included), with the grid at its defaults.</summary>
    public ModelSelectionOptions(EmSettings settings)
        : base(settings ?? throw new ArgumentNullException(nameof(settings)))
    {
    }

    /// <summary>The largest K of the default grid.</summary>
    public const int DefaultMaximumComponents = 9;

    /// <summary>
    /// The component counts K to try (each ≥ 1, no repeats), in the order of the grid. Null (the default):
    /// 1 … 9, capped at the number of distinct rows with positive weight.
    /// </summary>
    public IReadOnlyList<int>? Components { get; init; }

    /// <summary>
    /// The covariance types to try (no repeats), in the order of the grid. Null (the default): mclust's fourteen,
    /// in mclust's order (<see cref="CovarianceTypes.All"/>). On one column the grid keeps one type of each of
    /// mclust's two one-dimensional models, E and V (<see cref="CovarianceTypes.Distinct"/>).
    /// </summary>
    public IReadOnlyList<CovarianceType>? Covariances { get; init; }

    /// <summary>
    /// mclust's noise component in every cell (null, the default: none): K Gaussian components and a uniform density
    /// over the data's box (<see cref="NoiseOptions"/>), every cell started from the same first guess of the noise
    /// rows, as mclust's <c>mclustBIC(X, initialization = list(noise = …))</c>. Not with missing cells.
    /// </summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>What picks the best cell (default BIC).</summary>
    public ModelSelectionCriterion Criterion { get; init; } = ModelSelectionCriterion.Bic;

    /// <summary>One non-negative weight per row (null: every row counts once). A row of weight w counts as w rows everywhere, n included.</summary>
    public double[]? SampleWeights { get; init; }

    /// <summary>
    /// Told when each cell starts and after every EM iteration of its fit (null, the default: nobody is
    /// told). Called on the fitting thread, synchronously, so keep it quick; it only observes: the table is
    /// the same, bit for bit, with or without it.
    /// </summary>
    public IProgress<SelectionProgress>? Progress { get; init; }

    /// <summary>The defaults.</summary>
    public static ModelSelectionOptions Default { get; } = new();

    /// <summary><paramref name="first"/>, <paramref name="first"/> + 1, …, <paramref name="last"/>: a range of component counts.</summary>
    public static IReadOnlyList<int> Range(int first, int last)
    {
        if (first < 1) throw new ArgumentOutOfRangeException(nameof(first), first, $"first is {first}; component counts start at 1");
        if (last < first) throw new ArgumentOutOfRangeException(nameof(last), last, $"last is {last}; it must be at least first ({first})");
        return [.. Enumerable.Range(first, last - first + 1)];
    }
}
