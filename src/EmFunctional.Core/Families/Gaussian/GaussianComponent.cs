using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// One Gaussian component N(μ, Σ): its mean, its covariance in the parametrization of its
/// <see cref="CovarianceKind"/>, and the Cholesky factor of Σ computed once at construction (so the
/// E-step never factors anything). Immutable: the arrays are private and never written after
/// construction; equality compares the values.
/// </summary>
public sealed class GaussianComponent : IEquatable<GaussianComponent>
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly double[] _mean;
    private readonly double[] _covariance;
    // Full/tied: the lower Cholesky factor L (D×D row-major). Diagonal: the standard deviations.
    // Spherical: one standard deviation.
    private readonly double[] _factor;
    // Full/tied: U = L⁻¹ (lower triangular), so that the Mahalanobis term is ‖U(x − μ)‖². Else empty.
    private readonly double[] _inverseFactor;

    private GaussianComponent(CovarianceKind kind, double[] mean, double[] covariance, double[] factor, double logDeterminant, double[]? inverseFactor = null)
    {
        Kind = kind;
        _mean = mean;
        _covariance = covariance;
        _factor = factor;
        _inverseFactor = inverseFactor ?? [];
        LogDeterminant = logDeterminant;
    }

    /// <summary>The covariance parametrization.</summary>
    public CovarianceKind Kind { get; }

    /// <summary>Dimension D.</summary>
    public int Dimensions => _mean.Length;

    /// <summary>The mean μ (length D).</summary>
    public ReadOnlySpan<double> Mean => _mean;

    /// <summary>
    /// The covariance as stored: D×D row-major for full and tied, the D variances for diagonal, one
    /// variance for spherical. See <see cref="FullCovariance"/> for the expanded matrix.
    /// </summary>
    public ReadOnlySpan<double> CovarianceParameters => _covariance;

    /// <summary>log|Σ|, read off the Cholesky factor.</summary>
    public double LogDeterminant { get; }

    /// <summary>The mean as a MathNet vector (a copy).</summary>
    public Vector<double> MeanVector => Vector<double>.Build.DenseOfArray((double[])_mean.Clone());

    /// <summary>Σ expanded to a full D×D matrix, row-major (a copy).</summary>
    public double[] FullCovariance()
    {
        var d = Dimensions;
        if (_covariance.Length == d * d) return (double[])_covariance.Clone();
        var full = new double[d * d];
        for (var i = 0; i < d; i++) full[i * d + i] = Kind == CovarianceKind.Spherical ? _covariance[0] : _covariance[i];
        return full;
    }

    /// <summary>Σ as a full MathNet matrix (a copy).</summary>
    public Matrix<double> CovarianceMatrix => Matrix<double>.Build.DenseOfRowMajor(Dimensions, Dimensions, FullCovariance());

    /// <summary>
    /// Builds a component, factoring its covariance. <paramref name="covariance"/> is in the
    /// parametrization of <paramref name="kind"/> (D×D, D or 1 values). Left when the shapes disagree or
    /// Σ is not positive definite.
    /// </summary>
    public static Either<Error, GaussianComponent> Create(CovarianceKind kind, ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        var d = mean.Length;
        if (d < 1) return Errors.InvalidInput("a Gaussian component needs a mean of length at least 1");
        var expected = ParameterLength(kind, d);
        if (covariance.Length != expected)
            return Errors.InvalidInput($"a {kind} covariance in {d} dimensions has {expected} values, not {covariance.Length}");
        foreach (var m in mean)
            if (!double.IsFinite(m)) return Errors.InvalidInput("the mean has a value that is not a finite number");
        if (kind is CovarianceKind.Full or CovarianceKind.Tied)
        {
            for (var i = 0; i < d; i++)
                for (var j = 0; j < i; j++)
                    if (Math.Abs(covariance[i * d + j] - covariance[j * d + i]) > 1e-10 * (Math.Abs(covariance[i * d + j]) + Math.Abs(covariance[j * d + i]) + 1e-300))
                        return Errors.InvalidInput($"the covariance is not symmetric at ({i}, {j})");
        }
        var component = TryCreate(kind, mean.ToArray(), covariance.ToArray());
        return component is null
            ? Errors.InvalidInput("the covariance is not positive definite")
            : component;
    }

    /// <summary>Number of stored covariance values for a kind in D dimensions.</summary>
    public static int ParameterLength(CovarianceKind kind, int dimensions) => kind switch
    {
        CovarianceKind.Full or CovarianceKind.Tied => dimensions * dimensions,
        CovarianceKind.Diagonal => dimensions,
        _ => 1,
    };

    /// <summary>Takes ownership of the arrays; null when Σ is not positive definite.</summary>
    internal static GaussianComponent? TryCreate(CovarianceKind kind, double[] mean, double[] covariance)
    {
        var d = mean.Length;
        switch (kind)
        {
            case CovarianceKind.Full:
            case CovarianceKind.Tied:
            {
                var lower = new double[d * d];
                if (!Cholesky.TryFactor(covariance, d, lower)) return null;
                var inverse = new double[d * d];
                Cholesky.InvertLower(lower, d, inverse);
                return new GaussianComponent(kind, mean, covariance, lower, Cholesky.LogDeterminant(lower, d), inverse);
            }
            case CovarianceKind.Diagonal:
            {
                var deviations = new double[d];
                var logDeterminant = 0.0;
                for (var i = 0; i < d; i++)
                {
                    if (!(covariance[i] > 0) || !double.IsFinite(covariance[i])) return null;
                    deviations[i] = Math.Sqrt(covariance[i]);
                    logDeterminant += Math.Log(covariance[i]);
                }
                return new GaussianComponent(kind, mean, covariance, deviations, logDeterminant);
            }
            default:
            {
                var variance = covariance[0];
                if (!(variance > 0) || !double.IsFinite(variance)) return null;
                return new GaussianComponent(kind, mean, covariance, [Math.Sqrt(variance)], d * Math.Log(variance));
            }
        }
    }

    /// <summary>The same covariance (and factor, shared: both are immutable) around another mean.</summary>
    internal GaussianComponent WithMean(double[] mean) => new(Kind, mean, _covariance, _factor, LogDeterminant, _inverseFactor);

    /// <summary>Full and tied: U = L⁻¹ (D×D row-major, lower triangular), so that Σ⁻¹ = UᵀU. Empty otherwise.</summary>
    internal ReadOnlySpan<double> InverseFactor => _inverseFactor;

    /// <summary>
    /// log N(x_i | μ, Σ) = −½ (D log 2π + log|Σ| + ‖L⁻¹(x_i − μ)‖²) for every row of the block.
    /// </summary>
    public void LogDensities(ReadOnlySpan<double> block, Span<double> output)
    {
        var d = Dimensions;
        var rows = output.Length;
        var stride = VectorKernels.ColumnStride(rows);
        var buffer = System.Buffers.ArrayPool<double>.Shared.Rent((2 * d + 1) * stride);
        try
        {
            var columns = buffer.AsSpan(0, d * stride);
            VectorKernels.Transpose(block, rows, d, columns, stride);
            LogDensitiesOfColumns(columns, stride, rows, buffer.AsSpan(d * stride, (d + 1) * stride), output);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The log-densities of a block given as columns (column j of the rows at j·<paramref name="stride"/>,
    /// see <see cref="VectorKernels.ColumnStride"/>), so that each lane of a SIMD vector is one row. For
    /// full and tied covariance z_i = Σ_{j≤i} U_ij (x_j − μ_j) with U = L⁻¹ is a sequence of D(D+1)/2
    /// vector multiply-adds and the Mahalanobis term a sum of squares; diagonal and spherical covariance
    /// need one fused pass per column. <paramref name="scratch"/> holds (D + 1)·stride values.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal void LogDensitiesOfColumns(ReadOnlySpan<double> columns, int stride, int rows, Span<double> scratch, Span<double> output)
    {
        var d = Dimensions;
        var constant = -0.5 * (d * LogTwoPi + LogDeterminant);
        var squaredNorms = output[..rows];
        squaredNorms.Clear();
        switch (Kind)
        {
            case CovarianceKind.Full:
            case CovarianceKind.Tied:
            {
                var z = scratch.Slice(d * stride, rows);
                for (var j = 0; j < d; j++) VectorKernels.SubtractScalar(columns.Slice(j * stride, rows), _mean[j], scratch.Slice(j * stride, rows));
                for (var i = 0; i < d; i++)
                {
                    z.Clear();
                    for (var j = 0; j <= i; j++) VectorKernels.MultiplyAdd(_inverseFactor[i * d + j], scratch.Slice(j * stride, rows), z);
                    VectorKernels.AddSquares(z, squaredNorms);
                }
                break;
            }
            case CovarianceKind.Diagonal:
                for (var j = 0; j < d; j++)
                    VectorKernels.AddScaledSquaredDifferences(1.0 / _covariance[j], columns.Slice(j * stride, rows), _mean[j], squaredNorms);
                break;
            default:
                var precision = 1.0 / _covariance[0];
                for (var j = 0; j < d; j++)
                    VectorKernels.AddScaledSquaredDifferences(precision, columns.Slice(j * stride, rows), _mean[j], squaredNorms);
                break;
        }
        for (var r = 0; r < rows; r++) output[r] = constant - 0.5 * squaredNorms[r];
    }

    /// <summary>Draws x = μ + L z with z ~ N(0, I).</summary>
    public void Sample(ref RandomSource random, Span<double> output)
    {
        var d = Dimensions;
        Span<double> z = d <= 128 ? stackalloc double[d] : new double[d];
        for (var j = 0; j < d; j++) z[j] = random.NextGaussian();
        for (var i = 0; i < d; i++)
        {
            var value = _mean[i];
            switch (Kind)
            {
                case CovarianceKind.Full:
                case CovarianceKind.Tied:
                    for (var k = 0; k <= i; k++) value += _factor[i * d + k] * z[k];
                    break;
                case CovarianceKind.Diagonal:
                    value += _factor[i] * z[i];
                    break;
                default:
                    value += _factor[0] * z[i];
                    break;
            }
            output[i] = value;
        }
    }

    /// <inheritdoc />
    public bool Equals(GaussianComponent? other) =>
        other is not null && Kind == other.Kind && _mean.AsSpan().SequenceEqual(other._mean) && _covariance.AsSpan().SequenceEqual(other._covariance);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GaussianComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Kind);
        foreach (var m in _mean) hash.Add(m);
        foreach (var c in _covariance) hash.Add(c);
        return hash.ToHashCode();
    }
}
