using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// Running Gaussian statistics (N, centred mean, centred scatter) of K components over many blocks,
/// without allocating per block. Each block is transposed once (so that a SIMD lane is a row) and,
/// per component, summarized around its own weighted mean — mean and scatter are dot products of
/// columns — then merged into the running totals with the parallel-axis formula, so the scatter stays
/// centred however far the data lie from the origin.
/// </summary>
internal sealed class GaussianAccumulator : IStatisticsAccumulator<GaussianStatistics>
{
    private readonly int _components;
    private readonly int _dimensions;
    private readonly bool _full;
    private readonly double[] _weight;
    private readonly double[][] _mean;
    private readonly double[][] _scatter;      // full: lower triangle of D×D; else the diagonal
    private readonly double[] _blockMean;
    private readonly double[] _delta;
    private double[] _columns = [];             // D × stride: the block transposed, column j at j·stride
    private double[] _differences = [];         // D × stride, full scatter only: x_rj − m_j
    private double[] _weighted = [];            // D × stride, full scatter only: w_r (x_rj − m_j)
    private double[] _rowWeights = [];          // rows: this component's weights r_rk·w_r

    public GaussianAccumulator(int components, int dimensions, bool full)
    {
        _components = components;
        _dimensions = dimensions;
        _full = full;
        _weight = new double[components];
        _mean = new double[components][];
        _scatter = new double[components][];
        for (var k = 0; k < components; k++)
        {
            _mean[k] = new double[dimensions];
            _scatter[k] = new double[full ? dimensions * dimensions : dimensions];
        }
        _blockMean = new double[dimensions];
        _delta = new double[dimensions];
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
    {
        var d = _dimensions;
        var rows = rowWeights.Length;
        var stride = VectorKernels.ColumnStride(rows);
        if (_columns.Length < d * stride)
        {
            _columns = new double[d * stride];
            if (_full)
            {
                _differences = new double[d * stride];
                _weighted = new double[d * stride];
            }
            _rowWeights = new double[stride];
        }
        var columns = _columns.AsSpan(0, d * stride);
        VectorKernels.Transpose(block, rows, d, columns, stride);
        for (var k = 0; k < _components; k++)
        {
            var weights = _rowWeights.AsSpan(0, rows);
            for (var r = 0; r < rows; r++) weights[r] = responsibilities[r * _components + k] * rowWeights[r];
            AddComponent(k, columns, stride, weights);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void AddComponent(int k, ReadOnlySpan<double> columns, int stride, ReadOnlySpan<double> weights)
    {
        var d = _dimensions;
        var rows = weights.Length;
        var blockWeight = VectorKernels.Sum(weights);
        if (blockWeight == 0) return;
        for (var j = 0; j < d; j++)
            _blockMean[j] = VectorKernels.Dot(weights, columns.Slice(j * stride, rows)) / blockWeight;

        // Parallel-axis merge of (blockWeight, blockMean, block scatter) into the running totals.
        var mean = _mean[k];
        var scatter = _scatter[k];
        var total = _weight[k] + blockWeight;
        var cross = _weight[k] * blockWeight / total;
        for (var j = 0; j < d; j++)
        {
            _delta[j] = _blockMean[j] - mean[j];
            mean[j] += _delta[j] * (blockWeight / total);
        }
        if (_full)
        {
            var differences = _differences.AsSpan(0, d * stride);
            var weighted = _weighted.AsSpan(0, d * stride);
            for (var j = 0; j < d; j++)
            {
                var difference = differences.Slice(j * stride, rows);
                VectorKernels.SubtractScalar(columns.Slice(j * stride, rows), _blockMean[j], difference);
                VectorKernels.Multiply(weights, difference, weighted.Slice(j * stride, rows));
            }
            for (var i = 0; i < d; i++)
            {
                var wi = weighted.Slice(i * stride, rows);
                for (var j = 0; j <= i; j++)
                    scatter[i * d + j] += VectorKernels.Dot(wi, differences.Slice(j * stride, rows)) + _delta[i] * _delta[j] * cross;
            }
        }
        else
        {
            // The diagonal needs no differences kept: Σ w (x − m)² in one read of the column.
            for (var j = 0; j < d; j++)
                scatter[j] += VectorKernels.WeightedSquaredDeviations(weights, columns.Slice(j * stride, rows), _blockMean[j]) + _delta[j] * _delta[j] * cross;
        }
        _weight[k] = total;
    }

    public void Reset()
    {
        Array.Clear(_weight);
        for (var k = 0; k < _components; k++)
        {
            Array.Clear(_mean[k]);
            Array.Clear(_scatter[k]);
        }
    }

    public GaussianStatistics[] Results()
    {
        var d = _dimensions;
        var results = new GaussianStatistics[_components];
        for (var k = 0; k < _components; k++)
        {
            var scatter = (double[])_scatter[k].Clone();
            if (_full)
            {
                for (var i = 0; i < d; i++)
                    for (var j = 0; j < i; j++)
                        scatter[j * d + i] = scatter[i * d + j];
            }
            results[k] = new GaussianStatistics(_weight[k], (double[])_mean[k].Clone(), scatter);
        }
        return results;
    }
}
