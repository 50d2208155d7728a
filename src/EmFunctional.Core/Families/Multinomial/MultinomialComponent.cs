using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;

namespace EmFunctional.Core.Families.Multinomial;

/// <summary>
/// One multinomial component: a probability vector p = (p_1, …, p_C) over C categories. A row is a vector
/// of counts c = (c_1, …, c_C) with n = Σ_j c_j trials, and
/// log p(c | p) = log n! − Σ_j log c_j! + Σ_j c_j log p_j. The number of trials is each row's own
/// total, not a parameter: only p is estimated. The logs of p are computed once at construction.
/// Immutable; equality compares the probabilities.
/// </summary>
public sealed class MultinomialComponent : IEquatable<MultinomialComponent>
{
    private readonly double[] _probabilities;
    private readonly double[] _logProbabilities;

    /// <summary>Takes ownership of <paramref name="probabilities"/> (not checked here).</summary>
    internal MultinomialComponent(double[] probabilities)
    {
        _probabilities = probabilities;
        _logProbabilities = new double[probabilities.Length];
        for (var j = 0; j < probabilities.Length; j++) _logProbabilities[j] = Math.Log(probabilities[j]);
    }

    /// <summary>Number of categories C (the data's columns).</summary>
    public int Dimensions => _probabilities.Length;

    /// <summary>The probabilities p_j, length C, summing to 1.</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities;

    /// <summary>
    /// Builds a component from C ≥ 1 probabilities in [0, 1] whose sum is within 10⁻⁹ of 1 (not
    /// renormalized). Zeros are allowed: a row with a positive count in such a category has density 0.
    /// </summary>
    public static Either<Error, MultinomialComponent> Create(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length < 1) return Errors.InvalidInput("a multinomial component needs at least one category");
        var sum = 0.0;
        for (var j = 0; j < probabilities.Length; j++)
        {
            var p = probabilities[j];
            if (!(p >= 0 && p <= 1))
                return Errors.InvalidInput($"probability {j} is {DiscreteSupport.Format(p)}; every probability must be a number in [0, 1]");
            sum += p;
        }
        if (Math.Abs(sum - 1) > 1e-9)
            return Errors.InvalidInput($"the probabilities sum to {DiscreteSupport.Format(sum)}; they must sum to 1");
        return new MultinomialComponent(probabilities.ToArray());
    }

    /// <summary>
    /// log p(c_i | p) = log n_i! − Σ_j log c_ij! + Σ_j c_ij log p_j for every row of the block. Terms with
    /// c_ij = 0 are skipped (0·log 0 = 0: a category of probability 0 that was not observed costs nothing).
    /// A count that is negative or not an integer has probability 0: the row's log-density is −∞ (see
    /// <see cref="MultinomialFamily.Check"/> to reject such data up front).
    /// </summary>
    public void LogDensities(ReadOnlySpan<double> block, Span<double> output)
    {
        var d = Dimensions;
        if (block.Length != output.Length * d)
            throw new ArgumentException($"the block has {block.Length} values, but {output.Length} rows of this {d}-category component need {output.Length * d}", nameof(block));
        for (var r = 0; r < output.Length; r++)
        {
            var counts = block.Slice(r * d, d);
            var trials = 0.0;
            var sum = 0.0;
            var valid = true;
            for (var j = 0; j < d; j++)
            {
                var c = counts[j];
                if (c == 0) continue;
                if (!DiscreteSupport.IsCount(c))
                {
                    valid = false;
                    break;
                }
                trials += c;
                sum += c * _logProbabilities[j] - LogFactorial(c);
            }
            output[r] = valid ? sum + LogFactorial(trials) : double.NegativeInfinity;
        }
    }

    /// <summary>
    /// Draws a count vector with <paramref name="trials"/> trials: each trial picks a category by inverting
    /// the cumulative distribution (O(trials·C), meant for the moderate n of tests and simulations).
    /// </summary>
    public void Sample(ref RandomSource random, int trials, Span<double> output)
    {
        var d = Dimensions;
        output[..d].Clear();
        for (var t = 0; t < trials; t++)
        {
            var u = random.NextDouble();
            // The last category takes whatever rounding leaves at the top of the cumulative sum.
            var category = d - 1;
            var cumulative = 0.0;
            for (var j = 0; j < d - 1; j++)
            {
                cumulative += _probabilities[j];
                if (u < cumulative)
                {
                    category = j;
                    break;
                }
            }
            output[category] += 1;
        }
    }

    /// <summary>
    /// log c! for a non-negative integer c: a table look-up below 171 (MathNet caches the factorials that
    /// fit in a double) and log Γ(c + 1) above.
    /// </summary>
    internal static double LogFactorial(double count) =>
        count < 171 ? SpecialFunctions.FactorialLn((int)count) : SpecialFunctions.GammaLn(count + 1);

    /// <inheritdoc />
    public bool Equals(MultinomialComponent? other) =>
        other is not null && _probabilities.AsSpan().SequenceEqual(other._probabilities);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MultinomialComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _probabilities) hash.Add(p);
        return hash.ToHashCode();
    }

    /// <summary>The probabilities, e.g. <c>Multinomial[0.8, 0.2]</c>.</summary>
    public override string ToString() => $"Multinomial[{string.Join(", ", _probabilities.Select(p => p.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
