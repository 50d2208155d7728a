namespace EmFunctional.Core.Families.Multinomial;

/// <summary>
/// Weighted sufficient statistics of one multinomial component over a set of rows: the total weight
/// N = Σ_i w_i (rows, for the mixture weight) and the weighted count sums t_j = Σ_i w_i c_ij (trials that
/// fell in category j, for p). The log-factorial terms of the density do not involve p and need no
/// statistic. Plain sums, so <see cref="Combine"/> is exact addition (exactly associative with integer
/// weights and counts below 2⁵³).
/// </summary>
public sealed class MultinomialStatistics : IComponentStatistics, IEquatable<MultinomialStatistics>
{
    private readonly double[] _counts;

    internal MultinomialStatistics(double weight, double[] counts)
    {
        Weight = weight;
        _counts = counts;
    }

    /// <summary>N = Σ_i w_i.</summary>
    public double Weight { get; }

    /// <summary>t_j = Σ_i w_i c_ij, length C.</summary>
    public ReadOnlySpan<double> Counts => _counts;

    /// <summary>Merges the statistics of two disjoint row sets: N = N_a + N_b, t = t_a + t_b.</summary>
    public static MultinomialStatistics Combine(MultinomialStatistics a, MultinomialStatistics b)
    {
        if (a._counts.Length != b._counts.Length)
            throw new ArgumentException($"cannot combine statistics of {a._counts.Length} and {b._counts.Length} categories");
        var counts = new double[a._counts.Length];
        for (var j = 0; j < counts.Length; j++) counts[j] = a._counts[j] + b._counts[j];
        return new MultinomialStatistics(a.Weight + b.Weight, counts);
    }

    /// <inheritdoc />
    public bool Equals(MultinomialStatistics? other) =>
        other is not null && Weight == other.Weight && _counts.AsSpan().SequenceEqual(other._counts);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MultinomialStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _counts.Length);
}
