namespace EmFunctional.Core.Families.Bernoulli;

/// <summary>
/// Weighted sufficient statistics of one Bernoulli component over a set of rows: the total weight
/// N = Σ_i w_i and the per-feature weighted sums s_j = Σ_i w_i x_ij (the weighted number of rows with
/// feature j present). Both are plain sums, so <see cref="Combine"/> is exact addition: associative and
/// commutative up to rounding, and exactly so when the weights are integers (sums of 0/1 values times
/// integers are exact in double below 2⁵³).
/// </summary>
public sealed class BernoulliStatistics : IComponentStatistics, IEquatable<BernoulliStatistics>
{
    private readonly double[] _sums;

    internal BernoulliStatistics(double weight, double[] sums)
    {
        Weight = weight;
        _sums = sums;
    }

    /// <summary>N = Σ_i w_i.</summary>
    public double Weight { get; }

    /// <summary>s_j = Σ_i w_i x_ij, length D.</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Merges the statistics of two disjoint row sets: N = N_a + N_b, s = s_a + s_b.</summary>
    public static BernoulliStatistics Combine(BernoulliStatistics a, BernoulliStatistics b)
    {
        if (a._sums.Length != b._sums.Length)
            throw new ArgumentException($"cannot combine statistics of {a._sums.Length} and {b._sums.Length} features");
        var sums = new double[a._sums.Length];
        for (var j = 0; j < sums.Length; j++) sums[j] = a._sums[j] + b._sums[j];
        return new BernoulliStatistics(a.Weight + b.Weight, sums);
    }

    /// <inheritdoc />
    public bool Equals(BernoulliStatistics? other) =>
        other is not null && Weight == other.Weight && _sums.AsSpan().SequenceEqual(other._sums);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BernoulliStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _sums.Length);
}
