using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Categorical;

/// <summary>
/// One component of independent categorical features: for each of the D columns a probability vector
/// (p_j0, …, p_j,C_j−1) over that column's integer codes, so log p(x | p) = Σ_j log p_{j, x_j}. The
/// vectors are stored end to end in one array (column j at offsets [o_j, o_j + C_j)), and their logs are
/// computed once at construction: the E-step is D table look-ups per row. Immutable; equality compares
/// the probabilities and the layout.
/// </summary>
public sealed class CategoricalComponent : IEquatable<CategoricalComponent>
{
    private readonly int[] _offsets; // length D + 1; column j's categories are [_offsets[j], _offsets[j + 1])
    private readonly double[] _probabilities;
    private readonly double[] _logProbabilities;

    /// <summary>Takes ownership of both arrays (not checked here).</summary>
    internal CategoricalComponent(int[] offsets, double[] probabilities)
    {
        _offsets = offsets;
        _probabilities = probabilities;
        _logProbabilities = new double[probabilities.Length];
        for (var i = 0; i < probabilities.Length; i++) _logProbabilities[i] = Math.Log(probabilities[i]);
    }

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _offsets.Length - 1;

    /// <summary>C_j, the number of categories (codes 0 … C_j − 1) of column <paramref name="column"/>.</summary>
    public int CategoryCount(int column) => _offsets[column + 1] - _offsets[column];

    /// <summary>The probability vector of column <paramref name="column"/> (length C_j, summing to 1).</summary>
    public ReadOnlySpan<double> Probabilities(int column) =>
        new(_probabilities, _offsets[column], _offsets[column + 1] - _offsets[column]);

    /// <summary>p_{j,c}: the probability of code <paramref name="category"/> in column <paramref name="column"/>.</summary>
    public double Probability(int column, int category)
    {
        if ((uint)category >= (uint)CategoryCount(column))
            throw new ArgumentOutOfRangeException(nameof(category), category, $"column {column} has codes 0 to {CategoryCount(column) - 1}");
        return _probabilities[_offsets[column] + category];
    }

    /// <summary>Every column's probability vector, as fresh arrays (row j is column j).</summary>
    public double[][] ToArrays()
    {
        var result = new double[Dimensions][];
        for (var j = 0; j < result.Length; j++) result[j] = Probabilities(j).ToArray();
        return result;
    }

    /// <summary>
    /// Builds a component from one probability vector per column. Each vector needs at least one entry,
    /// every entry a number in [0, 1], and a sum within 10⁻⁹ of 1 (it is not renormalized: a vector that
    /// does not sum to 1 is a mistake worth reporting). Zeros are allowed; a row with such a code then has
    /// density 0 under this component.
    /// </summary>
    public static Either<Error, CategoricalComponent> Create(IReadOnlyList<double[]> probabilities)
    {
        if (probabilities.Count < 1) return Errors.InvalidInput("a categorical component needs at least one column");
        var offsets = new int[probabilities.Count + 1];
        for (var j = 0; j < probabilities.Count; j++)
        {
            var vector = probabilities[j];
            if (vector is null || vector.Length < 1) return Errors.InvalidInput($"column {j} has no probabilities; give one per category");
            var sum = 0.0;
            for (var c = 0; c < vector.Length; c++)
            {
                if (!(vector[c] >= 0 && vector[c] <= 1))
                    return Errors.InvalidInput($"column {j}, category {c} has probability {DiscreteSupport.Format(vector[c])}; every probability must be a number in [0, 1]");
                sum += vector[c];
            }
            if (Math.Abs(sum - 1) > 1e-9)
                return Errors.InvalidInput($"the probabilities of column {j} sum to {DiscreteSupport.Format(sum)}; they must sum to 1");
            offsets[j + 1] = offsets[j] + vector.Length;
        }
        var flat = new double[offsets[^1]];
        for (var j = 0; j < probabilities.Count; j++) probabilities[j].CopyTo(flat, offsets[j]);
        return new CategoricalComponent(offsets, flat);
    }

    /// <summary>Column offsets of the flat layout (shared with statistics of the same family; never written).</summary>
    internal int[] Offsets => _offsets;

    /// <summary>
    /// log p(x_i | p) = Σ_j log p_{j, x_ij} for every row of the block. A value that is not one of the
    /// column's codes 0 … C_j − 1 has probability 0: the row's log-density is −∞ (see
    /// <see cref="CategoricalFamily.Check"/> to reject such data up front).
    /// </summary>
    public void LogDensities(ReadOnlySpan<double> block, Span<double> output)
    {
        var d = Dimensions;
        if (block.Length != output.Length * d)
            throw new ArgumentException($"the block has {block.Length} values, but {output.Length} rows of this {d}-column component need {output.Length * d}", nameof(block));
        for (var r = 0; r < output.Length; r++)
        {
            var x = block.Slice(r * d, d);
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                var value = x[j];
                var count = _offsets[j + 1] - _offsets[j];
                // The range test comes first so that the cast never sees NaN or a huge value.
                if (!(value >= 0 && value < count) || value != Math.Floor(value))
                {
                    sum = double.NegativeInfinity;
                    break;
                }
                sum += _logProbabilities[_offsets[j] + (int)value];
            }
            output[r] = sum;
        }
    }

    /// <summary>Draws each column's code independently by inverting its cumulative distribution.</summary>
    public void Sample(ref RandomSource random, Span<double> output)
    {
        for (var j = 0; j < Dimensions; j++)
        {
            var start = _offsets[j];
            var count = _offsets[j + 1] - start;
            var u = random.NextDouble();
            // The last category takes whatever rounding leaves at the top of the cumulative sum.
            var code = count - 1;
            var cumulative = 0.0;
            for (var c = 0; c < count - 1; c++)
            {
                cumulative += _probabilities[start + c];
                if (u < cumulative)
                {
                    code = c;
                    break;
                }
            }
            output[j] = code;
        }
    }

    /// <inheritdoc />
    public bool Equals(CategoricalComponent? other) =>
        other is not null && _offsets.AsSpan().SequenceEqual(other._offsets) && _probabilities.AsSpan().SequenceEqual(other._probabilities);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CategoricalComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var o in _offsets) hash.Add(o);
        foreach (var p in _probabilities) hash.Add(p);
        return hash.ToHashCode();
    }

    /// <summary>The probability vectors, e.g. <c>Categorical[[0.2, 0.8], [0.5, 0.3, 0.2]]</c>.</summary>
    public override string ToString() =>
        "Categorical[" + string.Join(", ", Enumerable.Range(0, Dimensions).Select(j =>
            "[" + string.Join(", ", Probabilities(j).ToArray().Select(p => p.ToString("G6", System.Globalization.CultureInfo.InvariantCulture))) + "]")) + "]";
}
