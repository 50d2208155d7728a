using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Bernoulli;

/// <summary>
/// One multivariate Bernoulli component: D independent binary features with probabilities
/// p_j = P(x_j = 1), so log p(x | p) = Σ_j [x_j log p_j + (1 − x_j) log(1 − p_j)]. The logs are computed
/// once at construction (the E-step never takes a logarithm). Immutable; equality compares the
/// probabilities.
/// </summary>
public sealed class BernoulliComponent : IEquatable<BernoulliComponent>
{
    private readonly double[] _probabilities;
    // log(p_j / (1 − p_j)) and Σ_j log(1 − p_j): log p(x) = Σ_j log(1 − p_j) + Σ_j x_j logit(p_j), one
    // multiply-add per feature and no branch. Only valid when every p_j is in (0, 1).
    private readonly double[] _logOdds;
    private readonly double _logAllAbsent;
    // log p_j and log(1 − p_j), for components with a probability of exactly 0 or 1, where the logit is
    // infinite and the zero terms of x log p + (1 − x) log(1 − p) must be skipped rather than give 0·(−∞).
    private readonly double[] _logPresent;
    private readonly double[] _logAbsent;
    private readonly bool _interior;

    /// <summary>Takes ownership of <paramref name="probabilities"/> (each in [0, 1], not checked here).</summary>
    internal BernoulliComponent(double[] probabilities)
    {
        _probabilities = probabilities;
        var d = probabilities.Length;
        _logOdds = new double[d];
        _logPresent = new double[d];
        _logAbsent = new double[d];
        _interior = true;
        for (var j = 0; j < d; j++)
        {
            var p = probabilities[j];
            _logPresent[j] = Math.Log(p);
            _logAbsent[j] = Math.Log(1 - p);
            _logOdds[j] = _logPresent[j] - _logAbsent[j];
            _logAllAbsent += _logAbsent[j];
            if (!(p > 0 && p < 1)) _interior = false;
        }
    }

    /// <summary>Number of features D.</summary>
    public int Dimensions => _probabilities.Length;

    /// <summary>The probabilities p_j = P(x_j = 1), length D.</summary>
    public ReadOnlySpan<double> Probabilities => _probabilities;

    /// <summary>
    /// Builds a component from D probabilities, each a finite number in [0, 1]. Probabilities of exactly 0
    /// or 1 are allowed here (a row that contradicts one has density 0 under this component); the M-step
    /// never produces them unless the family's floor is 0.
    /// </summary>
    public static Either<Error, BernoulliComponent> Create(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.Length < 1) return Errors.InvalidInput("a Bernoulli component needs at least one probability");
        for (var j = 0; j < probabilities.Length; j++)
        {
            var p = probabilities[j];
            if (!(p >= 0 && p <= 1))
                return Errors.InvalidInput($"probability {j} is {DiscreteSupport.Format(p)}; every probability must be a number in [0, 1]");
        }
        return new BernoulliComponent(probabilities.ToArray());
    }

    /// <summary>
    /// log p(x_i | p) = Σ_j [x_ij log p_j + (1 − x_ij) log(1 − p_j)] for every row of the block (row-major,
    /// D columns). Values other than 0 and 1 are not rejected here (see <see cref="BernoulliFamily.Check"/>);
    /// the formula is then the cross-entropy, which is what EM on such data would maximize.
    /// </summary>
    public void LogDensities(ReadOnlySpan<double> block, Span<double> output)
    {
        var d = Dimensions;
        if (block.Length != output.Length * d)
            throw new ArgumentException($"the block has {block.Length} values, but {output.Length} rows of this {d}-feature component need {output.Length * d}", nameof(block));
        for (var r = 0; r < output.Length; r++)
        {
            var x = block.Slice(r * d, d);
            if (_interior)
            {
                output[r] = _logAllAbsent + VectorKernels.Dot(x, _logOdds);
            }
            else
            {
                var sum = 0.0;
                for (var j = 0; j < d; j++)
                {
                    if (x[j] != 0) sum += x[j] * _logPresent[j];
                    if (x[j] != 1) sum += (1 - x[j]) * _logAbsent[j];
                }
                output[r] = sum;
            }
        }
    }

    /// <summary>Draws x_j = 1 with probability p_j, independently for each feature.</summary>
    public void Sample(ref RandomSource random, Span<double> output)
    {
        for (var j = 0; j < Dimensions; j++) output[j] = random.NextDouble() < _probabilities[j] ? 1.0 : 0.0;
    }

    /// <inheritdoc />
    public bool Equals(BernoulliComponent? other) =>
        other is not null && _probabilities.AsSpan().SequenceEqual(other._probabilities);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as BernoulliComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in _probabilities) hash.Add(p);
        return hash.ToHashCode();
    }

    /// <summary>The probabilities, e.g. <c>Bernoulli[0.9, 0.1]</c>.</summary>
    public override string ToString() => $"Bernoulli[{string.Join(", ", _probabilities.Select(p => p.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}
