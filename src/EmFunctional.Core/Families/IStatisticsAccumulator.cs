namespace EmFunctional.Core.Families;

/// <summary>
/// A private, mutable running sum of one component's statistics over many row blocks: the E-step's
/// way to fold blocks into statistics without allocating per block. Each accumulator is created,
/// filled and read by one pass over a range of rows and never shared, so its mutation is invisible;
/// what leaves it is the immutable statistics of <see cref="Result"/>, equal (up to rounding) to
/// folding <c>Summarize</c> of each block with <c>Combine</c>.
/// </summary>
public interface IStatisticsAccumulator<out TStatistics>
{
    /// <summary>Adds the rows of <paramref name="block"/> with per-row weights <paramref name="weights"/>.</summary>
    void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> weights);

    /// <summary>The statistics of every row added so far (a new immutable value).</summary>
    TStatistics Result();
}

/// <summary>The accumulator every family has: Summarize each block and Combine.</summary>
internal sealed class CombiningAccumulator<TComponent, TStatistics>(IComponentFamily<TComponent, TStatistics> family, int dimensions)
    : IStatisticsAccumulator<TStatistics>
    where TStatistics : IComponentStatistics
{
    private TStatistics _statistics = family.Empty(dimensions);

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> weights) =>
        _statistics = family.Combine(_statistics, family.Summarize(block, dimensions, weights));

    public TStatistics Result() => _statistics;
}
