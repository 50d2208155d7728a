namespace EmFunctional.Core.Families.Poisson;

/// <summary>
/// Weighted sufficient statistics of one Poisson component over a set of rows: the total weight
/// N = Σ_i w_i and the weighted column sums s_j = Σ_i w_i x_ij. Both are plain sums, so
/// <see cref="Combine"/> adds them (no cancellation can occur: every term is non-negative).
/// </summary>
public sealed class PoissonStatistics : IComponentStatistics, IEquatable<PoissonStatistics>
{
    private readonly double[] _sums;

    internal PoissonStatistics(double weight, double[] sums)
    {
        Weight = weight;
        _sums = sums;
    }

    /// <summary>N = Σ_i w_i.</summary>
    public double Weight { get; }

    /// <summary>s_j = Σ_i w_i x_ij, one per column.</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _sums.Length;

    /// <summary>Statistics of no rows in <paramref name="dimensions"/> columns.</summary>
    public static PoissonStatistics Empty(int dimensions) => new(0, new double[dimensions]);

    /// <summary>Statistics from given N and sums (copied), e.g. to call the M-step directly.</summary>
    public static PoissonStatistics Of(double weight, ReadOnlySpan<double> sums) => new(weight, sums.ToArray());

    /// <summary>Merges statistics of two disjoint row sets: N = N_a + N_b, s = s_a + s_b.</summary>
    public static PoissonStatistics Combine(PoissonStatistics a, PoissonStatistics b)
    {
        if (b.Weight == 0) return a;
        if (a.Weight == 0) return b;
        var sums = new double[a._sums.Length];
        for (var j = 0; j < sums.Length; j++) sums[j] = a._sums[j] + b._sums[j];
        return new PoissonStatistics(a.Weight + b.Weight, sums);
    }

    /// <inheritdoc />
    public bool Equals(PoissonStatistics? other) =>
        other is not null && Weight == other.Weight && _sums.AsSpan().SequenceEqual(other._sums);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PoissonStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _sums.Length);
}
