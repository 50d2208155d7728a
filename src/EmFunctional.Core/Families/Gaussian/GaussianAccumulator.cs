using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// Running Gaussian statistics (N, centred mean, centred scatter) over many blocks, without allocating
/// per block. Each block is summarized around its own weighted mean (two passes over a block that sits
/// in cache) and merged into the running totals with the parallel-axis formula, so the scatter stays
/// centred however far the data lie from the origin. The scatter of a block is D(D+1)/2 dot products
/// of transposed columns, which vectorize across rows.
/// </summary>
internal sealed class GaussianAccumulator : IStatisticsAccumulator<GaussianStatistics>
{
    private readonly int _dimensions;
    private readonly bool _full;
    private readonly double[] _mean;
    private readonly double[] _scatter;       // full: lower triangle of D×D; else the diagonal
    private readonly double[] _blockMean;
    private readonly double[] _delta;
    private double[] _differences = [];        // D × rows, column j at j·rows: x_rj − m_j
    private double[] _weighted = [];           // D × rows: w_r (x_rj − m_j)
    private double _weight;

    public GaussianAccumulator(int dimensions, bool full)
    {
        _dimensions = dimensions;
        _full = full;
        _mean = new double[dimensions];
        _scatter = new double[full ? dimensions * dimensions : dimensions];
        _blockMean = new double[dimensions];
        _delta = new double[dimensions];
    }

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> weights)
    {
        var d = _dimensions;
        var rows = weights.Length;
        var blockWeight = 0.0;
        Array.Clear(_blockMean);
        for (var r = 0; r < rows; r++)
        {
            var w = weights[r];
            if (w == 0) continue;
            blockWeight += w;
            var x = block.Slice(r * d, d);
            for (var j = 0; j < d; j++) _blockMean[j] += w * x[j];
        }
        if (blockWeight == 0) return;
        for (var j = 0; j < d; j++) _blockMean[j] /= blockWeight;

        if (_differences.Length < d * rows)
        {
            _differences = new double[d * rows];
            _weighted = new double[d * rows];
        }
        var differences = _differences.AsSpan(0, d * rows);
        var weighted = _weighted.AsSpan(0, d * rows);
        VectorKernels.Transpose(block, rows, d, differences, rows);
        for (var j = 0; j < d; j++)
        {
            var column = differences.Slice(j * rows, rows);
            VectorKernels.SubtractScalar(column, _blockMean[j], column);
            var target = weighted.Slice(j * rows, rows);
            for (var r = 0; r < rows; r++) target[r] = weights[r] * column[r];
        }

        // Parallel-axis merge of (blockWeight, blockMean, block scatter) into the running totals.
        var total = _weight + blockWeight;
        var cross = _weight * blockWeight / total;
        for (var j = 0; j < d; j++)
        {
            _delta[j] = _blockMean[j] - _mean[j];
            _mean[j] += _delta[j] * (blockWeight / total);
        }
        if (_full)
        {
            for (var i = 0; i < d; i++)
            {
                var wi = weighted.Slice(i * rows, rows);
                for (var j = 0; j <= i; j++)
                    _scatter[i * d + j] += VectorKernels.Dot(wi, differences.Slice(j * rows, rows)) + _delta[i] * _delta[j] * cross;
            }
        }
        else
        {
            for (var j = 0; j < d; j++)
                _scatter[j] += VectorKernels.Dot(weighted.Slice(j * rows, rows), differences.Slice(j * rows, rows)) + _delta[j] * _delta[j] * cross;
        }
        _weight = total;
    }

    public GaussianStatistics Result()
    {
        var d = _dimensions;
        var scatter = (double[])_scatter.Clone();
        if (_full)
        {
            for (var i = 0; i < d; i++)
                for (var j = 0; j < i; j++)
                    scatter[j * d + i] = scatter[i * d + j];
        }
        return new GaussianStatistics(_weight, (double[])_mean.Clone(), scatter);
    }
}
