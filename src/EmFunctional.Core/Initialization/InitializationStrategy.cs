namespace EmFunctional.Core.Initialization;

/// <summary>How a fit chooses its starting mixture. Every strategy is deterministic given its seed.</summary>
public abstract record InitializationStrategy
{
    private InitializationStrategy() { }

    /// <summary>
    /// The textbook start: equal weights, K distinct data rows chosen uniformly as centres, and the
    /// family's centred component (identity covariance for Gaussians).
    /// </summary>
    public sealed record RandomFromData : InitializationStrategy;

    /// <summary>
    /// k-means++ seeding (greedy, with 2 + ⌊ln K⌋ candidates per centre, weighted by sample weights), each
    /// row assigned to its nearest centre, then one M-step on those hard labels. The default.
    /// </summary>
    public sealed record KMeansPlusPlus : InitializationStrategy;

    /// <summary>
    /// Lloyd's k-means from k-means++ seeds until no label changes (at most <paramref name="MaximumIterations"/>),
    /// then one M-step on the final labels (scikit-learn's default <c>init_params='kmeans'</c>).
    /// </summary>
    public sealed record KMeans(int MaximumIterations = 300) : InitializationStrategy;

    /// <summary>Uniform random responsibilities per row, normalized, then one M-step.</summary>
    public sealed record RandomResponsibilities : InitializationStrategy;

    /// <summary>
    /// mclust's default: model-based agglomerative hierarchical clustering (unconstrained Gaussian clusters,
    /// on the standardized rows rotated onto their scaled singular vectors) cut at K clusters, then one
    /// M-step on those labels. Deterministic up to <see cref="HierarchicalAgglomeration.MaximumRows"/> rows;
    /// beyond, the seed draws the rows the tree is grown on.
    /// </summary>
    public sealed record Hierarchical : InitializationStrategy;
}
