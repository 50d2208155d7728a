using System.Buffers;
using EmFunctional.Core.Missing;

namespace EmFunctional.Core.Families;

/// <summary>
/// A private, mutable running sum of the statistics of all K components over many row blocks: the
/// E-step's way to fold blocks into statistics without allocating per block. Each accumulator is
/// created, filled and read by one pass over a range of rows and never shared, so its mutation is
/// invisible; what leaves it are the immutable statistics of <see cref="Results"/>, equal (up to
/// rounding) to folding each block's <c>Summarize</c> with <c>Combine</c>.
/// </summary>
public interface IStatisticsAccumulator<TStatistics>
{
    /// <summary>
    /// Adds the rows of <paramref name="block"/>: component k receives row r with weight
    /// <paramref name="responsibilities"/>[r·K + k] · <paramref name="rowWeights"/>[r].
    /// </summary>
    void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights);

    /// <summary>
    /// Adds a block whose rows all have missingness <paramref name="pattern"/> (missing cells hold NaN):
    /// each component receives what the M-step needs of the row given its observed cells. Only the
    /// accumulators of families that model missing cells take an incomplete pattern.
    /// </summary>
    void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, MissingPattern pattern)
    {
        if (!pattern.IsComplete) throw new NotSupportedException($"{GetType().Name} does not take rows with missing cells");
        Add(block, responsibilities, rowWeights);
    }

    /// <summary>The statistics of every row added so far, one per component (new immutable values).</summary>
    TStatistics[] Results();

    /// <summary>
    /// Forgets every row added, leaving the accumulator exactly as created (the same bits), so that one
    /// accumulator and its buffers can serve chunk after chunk of a pass without changing any result.
    /// </summary>
    void Reset();
}

/// <summary>The accumulator every family has: per component, Summarize each block and Combine.</summary>
internal sealed class CombiningAccumulator<TComponent, TStatistics> : IStatisticsAccumulator<TStatistics>
    where TStatistics : IComponentStatistics
{
    private readonly IComponentFamily<TComponent, TStatistics> _family;
    private readonly int _dimensions;
    private readonly TStatistics[] _statistics;
    private readonly bool _summarizeSkipsMissing;

    /// <param name="family">The family whose Summarize and Combine are folded.</param>
    /// <param name="components">K.</param>
    /// <param name="dimensions">D.</param>
    /// <param name="summarizeSkipsMissing">True when the family's Summarize counts observed cells only
    /// (NaN counts for nothing), which is then all that rows with missing cells need.</param>
    public CombiningAccumulator(IComponentFamily<TComponent, TStatistics> family, int components, int dimensions, bool summarizeSkipsMissing = false)
    {
        _summarizeSkipsMissing = summarizeSkipsMissing;
        _family = family;
        _dimensions = dimensions;
        _statistics = new TStatistics[components];
        for (var c = 0; c < components; c++) _statistics[c] = family.Empty(dimensions);
    }

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
    {
        var k = _statistics.Length;
        var rows = rowWeights.Length;
        var weights = ArrayPool<double>.Shared.Rent(rows);
        try
        {
            for (var c = 0; c < k; c++)
            {
                for (var r = 0; r < rows; r++) weights[r] = responsibilities[r * k + c] * rowWeights[r];
                _statistics[c] = _family.Combine(_statistics[c], _family.Summarize(block, _dimensions, weights.AsSpan(0, rows)));
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(weights);
        }
    }

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, MissingPattern pattern)
    {
        if (!pattern.IsComplete && !_summarizeSkipsMissing)
            throw new NotSupportedException($"{_family.GetType().Name} does not take rows with missing cells");
        Add(block, responsibilities, rowWeights);
    }

    public TStatistics[] Results() => (TStatistics[])_statistics.Clone();

    public void Reset()
    {
        for (var c = 0; c < _statistics.Length; c++) _statistics[c] = _family.Empty(_dimensions);
    }
}
