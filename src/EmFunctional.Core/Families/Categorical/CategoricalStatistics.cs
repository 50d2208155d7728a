namespace EmFunctional.Core.Families.Categorical;

/// <summary>
/// Weighted sufficient statistics of one categorical component over a set of rows: the total weight
/// N = Σ_i w_i and, for every column j and code c, the weighted count n_jc = Σ_i w_i [x_ij = c]. The
/// counts are stored end to end like <see cref="CategoricalComponent"/>'s probabilities. Plain sums, so
/// <see cref="Combine"/> is exact addition (exactly associative with integer weights).
/// </summary>
public sealed class CategoricalStatistics : IComponentStatistics, IEquatable<CategoricalStatistics>
{
    private readonly int[] _offsets;
    private readonly double[] _counts;

    internal CategoricalStatistics(double weight, int[] offsets, double[] counts)
    {
        Weight = weight;
        _offsets = offsets;
        _counts = counts;
    }

    /// <summary>N = Σ_i w_i.</summary>
    public double Weight { get; }

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _offsets.Length - 1;

    /// <summary>The weighted counts (n_j0, …, n_j,C_j−1) of column <paramref name="column"/>.</summary>
    public ReadOnlySpan<double> Counts(int column) => new(_counts, _offsets[column], _offsets[column + 1] - _offsets[column]);

    /// <summary>All weighted counts, column after column (length Σ_j C_j).</summary>
    public ReadOnlySpan<double> AllCounts => _counts;

    /// <summary>Merges the statistics of two disjoint row sets: N = N_a + N_b, n_jc = n_a,jc + n_b,jc.</summary>
    public static CategoricalStatistics Combine(CategoricalStatistics a, CategoricalStatistics b)
    {
        if (!ReferenceEquals(a._offsets, b._offsets) && !a._offsets.AsSpan().SequenceEqual(b._offsets))
            throw new ArgumentException("cannot combine statistics of different category layouts");
        var counts = new double[a._counts.Length];
        for (var i = 0; i < counts.Length; i++) counts[i] = a._counts[i] + b._counts[i];
        return new CategoricalStatistics(a.Weight + b.Weight, a._offsets, counts);
    }

    /// <inheritdoc />
    public bool Equals(CategoricalStatistics? other) =>
        other is not null && Weight == other.Weight && _offsets.AsSpan().SequenceEqual(other._offsets) && _counts.AsSpan().SequenceEqual(other._counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CategoricalStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _counts.Length);
}
