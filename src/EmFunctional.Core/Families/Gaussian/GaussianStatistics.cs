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

    internal GaussianStatistics(double weight, double[] mean, double[] scatter)
    {
        Weight = weight;
        _mean = mean;
        _scatter = scatter;
    }

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
        if (b.Weight == 0) return a;
        if (a.Weight == 0) return b;
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
        return new GaussianStatistics(total, mean, scatter);
    }

    /// <inheritdoc />
    public bool Equals(GaussianStatistics? other) =>
        other is not null && Weight == other.Weight && _mean.AsSpan().SequenceEqual(other._mean) && _scatter.AsSpan().SequenceEqual(other._scatter);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GaussianStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _mean.Length, _scatter.Length);
}
