using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families;

/// <summary>
/// The sums of <see cref="WeightedSumStatistics"/>, the statistics of the Bernoulli, multinomial and Poisson
/// families: the weight N = Σ w_r and the weighted column sums s_j = Σ w_r x_rj of a block.
/// </summary>
internal static class WeightedSums
{
    /// <summary>Adds Σ_r w_r x_r to <paramref name="sums"/> and returns Σ_r w_r (rows of weight 0 are skipped).</summary>
    public static double Add(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights, Span<double> sums)
    {
        var total = 0.0;
        for (var r = 0; r < weights.Length; r++)
        {
            var w = weights[r];
            if (w == 0) continue;
            total += w;
            VectorKernels.MultiplyAdd(w, block.Slice(r * dimensions, dimensions), sums);
        }
        return total;
    }
}

/// <summary>
/// Running weights and weighted sums of K components over many blocks, without allocating per block:
/// the accumulator of every family whose statistics are <see cref="WeightedSumStatistics"/>.
/// </summary>
internal sealed class WeightedSumAccumulator(int components, int dimensions, bool takesMissingCells = false)
    : IStatisticsAccumulator<WeightedSumStatistics>
{
    private readonly double[] _weight = new double[components];
    private readonly double[][] _sums = Enumerable.Range(0, components).Select(_ => new double[dimensions]).ToArray();
    // Rows with missing cells: per component, the weight of incomplete rows that observed each column, and
    // the weight of all incomplete rows (so a column's observed weight is _weight − _incomplete + _observed).
    private readonly double[][]? _observed = takesMissingCells ? Enumerable.Range(0, components).Select(_ => new double[dimensions]).ToArray() : null;
    private readonly double[]? _incomplete = takesMissingCells ? new double[components] : null;
    private bool _sawMissing;

    /// <summary>Adds rows with missing cells: each component's sums and observed weights count the observed cells only.</summary>
    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, Missing.MissingPattern pattern)
    {
        if (pattern.IsComplete)
        {
            Add(block, responsibilities, rowWeights);
            return;
        }
        if (_observed is null || _incomplete is null)
            throw new InvalidOperationException("this accumulator was not made for rows with missing cells");
        _sawMissing = true;
        var observed = pattern.Observed;
        for (var r = 0; r < rowWeights.Length; r++)
        {
            var x = block.Slice(r * dimensions, dimensions);
            for (var k = 0; k < components; k++)
            {
                var w = responsibilities[r * components + k] * rowWeights[r];
                if (w == 0) continue;
                _weight[k] += w;
                _incomplete[k] += w;
                var sums = _sums[k];
                var seen = _observed[k];
                foreach (var j in observed)
                {
                    sums[j] += w * x[j];
                    seen[j] += w;
                }
            }
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
    {
        for (var r = 0; r < rowWeights.Length; r++)
        {
            var x = block.Slice(r * dimensions, dimensions);
            for (var k = 0; k < components; k++)
            {
                var w = responsibilities[r * components + k] * rowWeights[r];
                if (w == 0) continue;
                _weight[k] += w;
                VectorKernels.MultiplyAdd(w, x, _sums[k]);
            }
        }
    }

    /// <summary>
    /// Adds one (completed) row to one component with weight <paramref name="weight"/>: for families that
    /// fill a row's missing cells with expected values per component (multinomial) before counting it.
    /// </summary>
    public void AddRow(int component, double weight, ReadOnlySpan<double> row)
    {
        if (weight == 0) return;
        _weight[component] += weight;
        VectorKernels.MultiplyAdd(weight, row, _sums[component]);
    }

    public WeightedSumStatistics[] Results() =>
        [.. Enumerable.Range(0, components).Select(k => new WeightedSumStatistics(_weight[k], (double[])_sums[k].Clone(), ObservedWeights(k)))];

    private double[]? ObservedWeights(int k)
    {
        if (!_sawMissing) return null;
        var complete = _weight[k] - _incomplete![k];
        return [.. _observed![k].Select(seen => complete + seen)];
    }

    public void Reset()
    {
        Array.Clear(_weight);
        foreach (var sums in _sums) Array.Clear(sums);
        if (_observed is not null)
        {
            foreach (var seen in _observed) Array.Clear(seen);
            Array.Clear(_incomplete!);
        }
        _sawMissing = false;
    }
}
