namespace EmFunctional.Core.Families;

/// <summary>
/// The sufficient statistics of one component of the Bernoulli, multinomial and Poisson families, which are
/// the same two plain sums over a set of rows: the total weight N = Σ_i w_i and the weighted column sums
/// s_j = Σ_i w_i x_ij (features present, trials in each category, counts). <see cref="Combine"/> adds them:
/// every term is non-negative, so no cancellation occurs, and with integer weights and values below 2⁵³ the
/// sums are exact and their order does not matter.
/// </summary>
public sealed class WeightedSumStatistics : IComponentStatistics, IEquatable<WeightedSumStatistics>
{
    private readonly double[] _sums;
    private readonly double[]? _observedWeights;

    internal WeightedSumStatistics(double weight, double[] sums, double[]? observedWeights = null)
    {
        Weight = weight;
        _sums = sums;
        _observedWeights = observedWeights;
    }

    /// <summary>
    /// Σ_i w_i over the rows whose column <paramref name="column"/> is observed: the denominator of that
    /// column's estimate (<see cref="Weight"/> when no cell is missing). The sums count observed cells only.
    /// </summary>
    public double ObservedWeight(int column) => _observedWeights is null ? Weight : _observedWeights[column];

    /// <summary>True when some of the rows summarized had missing cells (the observed weights then differ by column).</summary>
    public bool HasMissingCells => _observedWeights is not null;

    /// <summary>N = Σ_i w_i.</summary>
    public double Weight { get; }

    /// <summary>s_j = Σ_i w_i x_ij, one per column.</summary>
    public ReadOnlySpan<double> Sums => _sums;

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _sums.Length;

    /// <summary>Statistics of no rows in <paramref name="dimensions"/> columns.</summary>
    public static WeightedSumStatistics Empty(int dimensions) => new(0, new double[dimensions]);

    /// <summary>Statistics from given N and sums (copied), e.g. to call an M-step directly.</summary>
    public static WeightedSumStatistics Of(double weight, ReadOnlySpan<double> sums) => new(weight, sums.ToArray());

    /// <summary>N and s of the rows of <paramref name="block"/>, each weighted by its entry of <paramref name="weights"/> (rows of weight 0 are skipped).</summary>
    public static WeightedSumStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights)
    {
        var sums = new double[dimensions];
        var total = WeightedSums.Add(block, dimensions, weights, sums);
        return new WeightedSumStatistics(total, sums);
    }

    /// <summary>Merges the statistics of two disjoint row sets: N = N_a + N_b, s = s_a + s_b.</summary>
    public static WeightedSumStatistics Combine(WeightedSumStatistics a, WeightedSumStatistics b)
    {
        if (a._sums.Length != b._sums.Length)
            throw new ArgumentException($"cannot combine statistics of {a._sums.Length} and {b._sums.Length} columns");
        // Rows of weight 0 add nothing (their sums are 0 too, the values being finite), so no copy is needed.
        if (b.Weight == 0) return a;
        if (a.Weight == 0) return b;
        var sums = new double[a._sums.Length];
        for (var j = 0; j < sums.Length; j++) sums[j] = a._sums[j] + b._sums[j];
        if (a._observedWeights is null && b._observedWeights is null) return new WeightedSumStatistics(a.Weight + b.Weight, sums);
        var observed = new double[sums.Length];
        for (var j = 0; j < sums.Length; j++) observed[j] = a.ObservedWeight(j) + b.ObservedWeight(j);
        return new WeightedSumStatistics(a.Weight + b.Weight, sums, observed);
    }

    /// <inheritdoc />
    public bool Equals(WeightedSumStatistics? other) =>
        other is not null && Weight == other.Weight && _sums.AsSpan().SequenceEqual(other._sums)
        && Enumerable.Range(0, _sums.Length).All(j => ObservedWeight(j) == other.ObservedWeight(j));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WeightedSumStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _sums.Length);
}
