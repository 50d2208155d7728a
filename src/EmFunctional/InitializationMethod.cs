namespace EmFunctional;

/// <summary>How each restart chooses its starting parameters. All are deterministic given the seed.</summary>
public enum InitializationMethod
{
    /// <summary>k-means++ seeding, nearest-centre labels, one M-step (the default).</summary>
    KMeansPlusPlus,

    /// <summary>Lloyd's k-means from k-means++ seeds, then one M-step on its labels (scikit-learn's default).</summary>
    KMeans,

    /// <summary>Equal weights, K distinct data rows as means, identity covariances: the textbook start.</summary>
    RandomFromData,

    /// <summary>Uniform random responsibilities, normalized per row, then one M-step.</summary>
    RandomResponsibilities,

    /// <summary>
    /// mclust's default start: model-based agglomerative hierarchical clustering (unconstrained Gaussian
    /// clusters on the standardized, SVD-rotated rows; at most 2000 rows, drawn with the seed beyond that),
    /// cut at K clusters, then one M-step on those labels.
    /// </summary>
    Hierarchical,
}
