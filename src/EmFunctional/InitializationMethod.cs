namespace EmFunctional;

/// <summary>How each restart chooses its starting parameters. All are deterministic given the seed.</summary>
public enum InitializationMethod
{
    /// <summary>k-means++ seeding, nearest-centre labels, one M-step (what <see cref="Automatic"/> uses for each of several restarts).</summary>
    KMeansPlusPlus,

    /// <summary>Lloyd's k-means from k-means++ seeds, then one M-step on its labels (scikit-learn's default).</summary>
    KMeans,

    /// <summary>Equal weights, K distinct data rows as means, identity covariances: the textbook start.</summary>
    RandomFromData,

    /// <summary>Uniform random responsibilities, normalized per row, then one M-step.</summary>
    RandomResponsibilities,

    /// <summary>
    /// mclust's default start: model-based agglomerative hierarchical clustering (unconstrained Gaussian
    /// clusters on the standardized, SVD-rotated rows; at most 2000 rows, a fixed subsample beyond that, so no
    /// seed changes it),
    /// cut at K clusters, then one M-step on those labels.
    /// </summary>
    Hierarchical,

    /// <summary>
    /// A search, not a single start: short EM (Biernacki, Celeux &amp; Govaert 2003) with successive halving, then
    /// split-and-merge moves (Ueda et al. 2000). The hierarchical start, 60 k-means++ starts and 40 random-row
    /// starts each run 5 EM iterations; the better half runs twice as many, and so on until one is left. Up to 5
    /// rounds of split-and-merge moves (merge one of the 2 most overlapping pairs, split another component
    /// across its principal axis) then race the converged winner the same way. The winner runs to convergence.
    /// It costs thousands of EM iterations more than one start and reaches the best known optimum far more
    /// often (docs/initialization.md has the figures).
    /// </summary>
    Search,

    /// <summary>
    /// The default: <see cref="Search"/> when there is one restart, <see cref="KMeansPlusPlus"/> for each restart
    /// when there are several, so that N restarts are exactly N independent k-means++ runs.
    /// </summary>
    Automatic,
}
