namespace EmFunctional.Core.Families;

/// <summary>
/// What the Bernoulli, multinomial and Poisson families share: their statistics are
/// <see cref="WeightedSumStatistics"/>, so they summarize, accumulate and combine alike. Each family derives
/// from this record and declares <see cref="IComponentFamily{TComponent,TStatistics}"/> with
/// <see cref="WeightedSumStatistics"/>; these members implement that part of the contract.
/// </summary>
public abstract record WeightedSumFamily
{
    /// <summary>Statistics of no rows.</summary>
    public WeightedSumStatistics Empty(int dimensions) => WeightedSumStatistics.Empty(dimensions);

    /// <summary>N = Σ_i w_i and s_j = Σ_i w_i x_ij over the rows of the block (rows of weight 0 are skipped).</summary>
    public WeightedSumStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights) =>
        WeightedSumStatistics.Summarize(block, dimensions, weights);

    /// <summary>Weights and sums of all components without allocating per block.</summary>
    public IStatisticsAccumulator<WeightedSumStatistics> CreateAccumulator(int components, int dimensions) =>
        new WeightedSumAccumulator(components, dimensions);

    /// <summary>N and s of two disjoint row sets added.</summary>
    public WeightedSumStatistics Combine(WeightedSumStatistics first, WeightedSumStatistics second) =>
        WeightedSumStatistics.Combine(first, second);
}
