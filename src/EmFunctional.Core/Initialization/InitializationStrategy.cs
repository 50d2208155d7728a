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

    /// <summary>
    /// A search, not a single start: short EM (Biernacki, Celeux &amp; Govaert 2003) with successive halving.
    /// The candidates — the <see cref="Hierarchical"/> start (when <paramref name="WithHierarchical"/>),
    /// <paramref name="KMeansPlusPlusStarts"/> k-means++ starts, <paramref name="RandomFromDataStarts"/>
    /// random-row starts and <paramref name="RandomResponsibilityStarts"/> random-responsibility starts, each
    /// with its own seed derived from the restart's — each run
    /// <paramref name="ShortIterations"/> EM steps; the better half (highest log-posterior, candidates without
    /// a degenerate component first) runs twice as many steps, and so on until one is left.
    /// Then up to <paramref name="SplitMergeRounds"/> rounds of split-and-merge moves (Ueda et al. 2000) on the
    /// converged winner: for its <paramref name="SplitMergePairs"/> most overlapping component pairs, merge the
    /// pair and split each other component across its principal axis; the moves race the winner by the same
    /// halving, and a round that the winner survives ends the search (three components or more only).
    /// Its mixture is the start. A candidate whose initialization or step fails drops out. One component needs no
    /// search (a single k-means++ candidate), and data wider than
    /// <see cref="HierarchicalAgglomeration.MaximumColumns"/> columns searches without the hierarchical candidate.
    /// </summary>
    public sealed record ShortEm(bool WithHierarchical = true, int KMeansPlusPlusStarts = 60, int RandomFromDataStarts = 40, int ShortIterations = 5, int RandomResponsibilityStarts = 0,
        int SplitMergeRounds = 5, int SplitMergePairs = 2)
        : InitializationStrategy
    {
        /// <summary>The default search (see docs/initialization.md for how it was chosen).</summary>
        public static ShortEm Default { get; } = new();

        /// <summary>How many candidates the search starts from.</summary>
        public int Candidates => (WithHierarchical ? 1 : 0) + KMeansPlusPlusStarts + RandomFromDataStarts + RandomResponsibilityStarts;
    }
}
