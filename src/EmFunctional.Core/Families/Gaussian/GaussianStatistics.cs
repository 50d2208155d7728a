using LanguageExt;
using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// Weighted sufficient statistics of one Gaussian component over a set of rows: the total weight
/// N = Σ w_i, the weighted mean m = Σ w_i x_i / N and the centred scatter S = Σ w_i (x_i − m)(x_i − m)ᵀ
/// (the full D×D matrix row-major, or only its D diagonal entries for the diagonal and spherical
/// kinds). Keeping the scatter centred, and merging with the parallel-axis formula, avoids the
/// catastrophic cancellation of raw second moments far from the origin.
/// </summary>
public sealed class GaussianStatistics : Families.IComponentStatistics, IEquatable<GaussianStatistics>
{
    private readonly double[] _mean;
    private readonly double[] _scatter;

    internal GaussianStatistics(double weight, double[] mean, double[] scatter, GaussianComponent? start = null)
    {
        Weight = weight;
        _mean = mean;
        _scatter = scatter;
        Start = start;
    }

    /// <summary>
    /// The component the E-step that gathered these statistics evaluated (null when none did, as for a start from
    /// labels): where an M-step that iterates (EVE's and VVE's common orientation) starts, so that it begins at the
    /// previous parameters and ends in a few rounds, as mclust's <c>meEVE</c> does. A hint, not a statistic: it plays
    /// no part in equality, and the closed-form M-steps ignore it.
    /// </summary>
    internal GaussianComponent? Start { get; }

    /// <summary>N = Σ w_i.</summary>
    public double Weight { get; }

    /// <summary>The weighted mean m (zeros when <see cref="Weight"/> is 0).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>The centred scatter: D×D row-major, or the D diagonal entries only.</summary>
    public ReadOnlySpan<double> Scatter => _scatter;

    /// <summary>True when <see cref="Scatter"/> holds the full matrix (in one dimension both forms are one number).</summary>
    public bool HasFullScatter => _scatter.Length == _mean.Length * _mean.Length;

    /// <summary>
    /// Merges statistics of two disjoint row sets: N = N_a + N_b, m = m_a + δ N_b / N with δ = m_b − m_a,
    /// S = S_a + S_b + δδᵀ N_a N_b / N (the parallel-axis theorem).
    /// </summary>
    public static GaussianStatistics Combine(GaussianStatistics a, GaussianStatistics b)
    {
        if (b.Weight == 0) return a.Start is null && b.Start is not null ? new GaussianStatistics(a.Weight, a._mean, a._scatter, b.Start) : a;
        if (a.Weight == 0) return b.Start is null && a.Start is not null ? new GaussianStatistics(b.Weight, b._mean, b._scatter, a.Start) : b;
        var d = a._mean.Length;
        var total = a.Weight + b.Weight;
        var shareOfB = b.Weight / total;
        var crossFactor = a.Weight * b.Weight / total;
        var mean = new double[d];
        var delta = new double[d];
        for (var i = 0; i < d; i++)
        {
            delta[i] = b._mean[i] - a._mean[i];
            mean[i] = a._mean[i] + delta[i] * shareOfB;
        }
        var scatter = new double[a._scatter.Length];
        if (a.HasFullScatter)
        {
            for (var i = 0; i < d; i++)
                for (var j = 0; j < d; j++)
                    scatter[i * d + j] = a._scatter[i * d + j] + b._scatter[i * d + j] + delta[i] * delta[j] * crossFactor;
        }
        else
        {
            for (var i = 0; i < d; i++)
                scatter[i] = a._scatter[i] + b._scatter[i] + delta[i] * delta[i] * crossFactor;
        }
        return new GaussianStatistics(total, mean, scatter, a.Start ?? b.Start);
    }

    /// <inheritdoc />
    public bool Equals(GaussianStatistics? other) =>
        other is not null && Weight == other.Weight && _mean.AsSpan().SequenceEqual(other._mean) && _scatter.AsSpan().SequenceEqual(other._scatter);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GaussianStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _mean.Length, _scatter.Length);
}

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
    private double[] _filled = [];              // D × stride, incomplete rows: the block with E[x_m | x_o, k] filled in
    private double[] _centred = [];             // d_o × stride, incomplete rows: x_o − μ_o
    private readonly Arr<GaussianComponent> _current;
    private MissingPattern? _pattern;           // the pattern of _conditionals (a walk visits each pattern's blocks together)
    private GaussianConditional?[] _conditionals = [];

    public GaussianAccumulator(int components, int dimensions, bool full, Arr<GaussianComponent> current = default)
    {
        _current = current;
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
        Rent(ref _columns, d * stride);
        if (_full)
        {
            Rent(ref _differences, d * stride);
            Rent(ref _weighted, d * stride);
        }
        Rent(ref _rowWeights, stride);
        var columns = _columns.AsSpan(0, d * stride);
        VectorKernels.Transpose(block, rows, d, columns, stride);
        for (var k = 0; k < _components; k++)
        {
            var weights = _rowWeights.AsSpan(0, rows);
            for (var r = 0; r < rows; r++) weights[r] = responsibilities[r * _components + k] * rowWeights[r];
            AddComponent(k, columns, stride, weights);
        }
    }

    /// <summary>
    /// Adds a block of rows with missing cells: per component, the block with each missing cell replaced
    /// by E[x_m | x_o, k] is added as complete rows, and Σ_r w_r times the conditional covariance C_k
    /// (the same for every row of the pattern) goes into the missing columns' scatter.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, MissingPattern pattern)
    {
        if (pattern.IsComplete)
        {
            Add(block, responsibilities, rowWeights);
            return;
        }
        if (_current.Count != _components)
            throw new InvalidOperationException("rows with missing cells need the accumulator of the current components (CreateAccumulator(components, dimensions))");
        var d = _dimensions;
        var rows = rowWeights.Length;
        var stride = VectorKernels.ColumnStride(rows);
        Rent(ref _columns, d * stride);
        Rent(ref _filled, d * stride);
        Rent(ref _centred, d * stride);
        if (_full)
        {
            Rent(ref _differences, d * stride);
            Rent(ref _weighted, d * stride);
        }
        Rent(ref _rowWeights, stride);
        if (!pattern.Equals(_pattern))
        {
            _conditionals = [.. _current.Map(c => GaussianConditional.Of(c, pattern))];
            _pattern = pattern;
        }
        var observed = pattern.Observed;
        var missing = pattern.Missing;
        var columns = _columns.AsSpan(0, d * stride);
        var filled = _filled.AsSpan(0, d * stride);
        VectorKernels.Transpose(block, rows, d, columns, stride);
        foreach (var j in observed) columns.Slice(j * stride, rows).CopyTo(filled.Slice(j * stride, rows));
        for (var k = 0; k < _components; k++)
        {
            var weights = _rowWeights.AsSpan(0, rows);
            for (var r = 0; r < rows; r++) weights[r] = responsibilities[r * _components + k] * rowWeights[r];
            var blockWeight = VectorKernels.Sum(weights);
            if (blockWeight == 0) continue;
            var conditional = _conditionals[k] ?? throw new InvalidOperationException($"component {k} has no conditional distribution for {pattern}");
            var regression = conditional.Regression;
            var o = observed.Length;
            if (regression.Length > 0)
                for (var b = 0; b < o; b++)
                    VectorKernels.SubtractScalar(columns.Slice(observed[b] * stride, rows), conditional.ObservedMean[b], _centred.AsSpan(b * stride, rows));
            for (var a = 0; a < missing.Length; a++)
            {
                var target = filled.Slice(missing[a] * stride, rows);
                target.Fill(conditional.MissingMean[a]);
                if (regression.Length > 0)
                    for (var b = 0; b < o; b++) VectorKernels.MultiplyAdd(regression[a * o + b], _centred.AsSpan(b * stride, rows), target);
            }
            AddComponent(k, filled, stride, weights);
            var scatter = _scatter[k];
            var covariance = conditional.Covariance;
            var m = missing.Length;
            for (var a = 0; a < m; a++)
            {
                if (_full)
                {
                    for (var b = 0; b < m; b++)
                        if (missing[b] <= missing[a]) scatter[missing[a] * d + missing[b]] += blockWeight * covariance[a * m + b];
                }
                else
                {
                    scatter[missing[a]] += blockWeight * covariance[a * m + a];
                }
            }
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

    /// <summary>
    /// <paramref name="buffer"/> when it holds <paramref name="length"/> values, else a zeroed scratch buffer of at
    /// least that length from the shared pool in its place (the old one goes back): a small fit runs thousands
    /// of E-steps, each with its own accumulator, and fresh block-sized buffers for every one were much of what
    /// an iteration allocated (docs/performance.md). Each buffer is checked on its own, since pooled arrays are
    /// longer than asked for and not in proportion.
    /// </summary>
    private static void Rent(ref double[] buffer, int length)
    {
        if (buffer.Length >= length) return;
        if (buffer.Length > 0) System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        buffer = System.Buffers.ArrayPool<double>.Shared.Rent(length);
        Array.Clear(buffer);
    }

    /// <summary>The scratch buffers back to the pool: a chunk's statistics are complete (the next <see cref="Add(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double})"/> rents again).</summary>
    private void ReturnScratch()
    {
        foreach (var buffer in (double[][])[_columns, _differences, _weighted, _rowWeights, _filled, _centred])
            if (buffer.Length > 0) System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        _columns = _differences = _weighted = _rowWeights = _filled = _centred = [];
    }

    public GaussianStatistics[] Results()
    {
        ReturnScratch();
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
            results[k] = new GaussianStatistics(_weight[k], (double[])_mean[k].Clone(), scatter, _current.Count == _components ? _current[k] : null);
        }
        return results;
    }
}
