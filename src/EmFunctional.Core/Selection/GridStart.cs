using EmFunctional.Core.Initialization;

namespace EmFunctional.Core.Selection;

/// <summary>
/// How a model-selection grid starts its cells when the caller leaves it to us: as mclust's <c>Mclust</c>
/// does, from the model-based hierarchical tree (<see cref="InitializationStrategy.Hierarchical"/>) whenever the
/// tree can be grown on every row, otherwise by the short-EM search of a single fit.
/// </summary>
/// <remarks>
/// Why the tree up to <see cref="HierarchicalAgglomeration.MaximumRows"/> rows: it is grown once per data set
/// and cut at every K, so the fourteen models × nine K of mclust's grid cost one agglomeration plus one EM run
/// per cell — the whole grid in about the time mclust takes (docs/performance.md) — and the same start gives
/// the same optimum as mclust's, which is what a user comparing tables expects. Above it the tree would see a
/// subsample only, and the search (a hundred short runs per cell) finds better optima than one cut of it.
/// </remarks>
public static class GridStart
{
    /// <summary>The start of every cell of a grid on <paramref name="data"/> with one restart per cell.</summary>
    public static InitializationStrategy For(Dataset data) =>
        IsHierarchical(data) ? new InitializationStrategy.Hierarchical() : InitializationStrategy.ShortEm.Default;

    /// <summary>True when <see cref="For"/> is the hierarchical start.</summary>
    public static bool IsHierarchical(Dataset data) =>
        data.Rows <= HierarchicalAgglomeration.MaximumRows && data.Columns <= HierarchicalAgglomeration.MaximumColumns;
}
