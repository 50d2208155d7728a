using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Bernoulli;

/// <summary>
/// A Beta(a, b) prior on every probability p of a Bernoulli component:
/// log Beta(p | a, b) = (a − 1) log p + (b − 1) log(1 − p) − log B(a, b), with
/// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). It is conjugate to the Bernoulli likelihood, so the
/// M-step stays in closed form: from weighted sums s (successes) out of N, the MAP estimate is the
/// posterior mode p = (s + a − 1) / (N + a + b − 2), i.e. a − 1 pseudo-successes and b − 1 pseudo-failures.
/// </summary>
/// <remarks>
/// a, b ≥ 1 is required: below 1 the density is unbounded at 0 or 1 and the posterior has no interior
/// mode when a feature is always (or never) present. Beta(1, 1) is the flat prior (MAP = maximum
/// likelihood); <see cref="Laplace"/> = Beta(2, 2) gives (s + 1) / (N + 2), Laplace's rule of succession.
/// Values are immutable. Any a and b construct (the core never throws on a value); <see cref="Validate"/> and
/// <see cref="Create"/> report invalid ones, and a family's M-step refuses them with an InvalidInput error.
/// </remarks>
public sealed record BetaPrior
{
    /// <summary>Builds the prior; a and b must be finite and ≥ 1 to be used (<see cref="Validate"/>, <see cref="Create"/>).</summary>
    /// <param name="alpha">a ≥ 1 (a − 1 pseudo-successes).</param>
    /// <param name="beta">b ≥ 1 (b − 1 pseudo-failures).</param>
    public BetaPrior(double alpha, double beta)
    {
        Alpha = alpha;
        Beta = beta;
        LogNormalizer = SpecialFunctions.GammaLn(alpha) + SpecialFunctions.GammaLn(beta) - SpecialFunctions.GammaLn(alpha + beta);
    }

    /// <summary>a: the weight of "present" (x = 1).</summary>
    public double Alpha { get; }

    /// <summary>b: the weight of "absent" (x = 0).</summary>
    public double Beta { get; }

    /// <summary>log B(a, b), the log of the normalizing constant.</summary>
    public double LogNormalizer { get; }

    /// <summary>Beta(2, 2): one pseudo-success and one pseudo-failure, the suggested prior when one is wanted.</summary>
    public static BetaPrior Laplace { get; } = new(2, 2);

    /// <summary>The validating constructor for user input: every problem at once, as InvalidInput errors.</summary>
    public static Validation<Error, BetaPrior> Create(double alpha, double beta) => new BetaPrior(alpha, beta).Validate();

    /// <summary>This prior when a and b are finite and ≥ 1; else every problem, as InvalidInput errors.</summary>
    public Validation<Error, BetaPrior> Validate()
    {
        var problems = new[] { Problem("a (alpha)", Alpha), Problem("b (beta)", Beta) }
            .OfType<string>().Select(Errors.InvalidInput).ToSeq();
        return problems.IsEmpty
            ? Success<Error, BetaPrior>(this)
            : Validation<Error, BetaPrior>.Fail(problems);
    }

    /// <summary>
    /// log Beta(p | a, b) with its normalizing constant. A term whose coefficient a − 1 or b − 1 is 0 is
    /// skipped, so the flat directions stay finite at p = 0 or 1.
    /// </summary>
    public double LogDensity(double probability)
    {
        var value = -LogNormalizer;
        if (Alpha != 1) value += (Alpha - 1) * Math.Log(probability);
        if (Beta != 1) value += (Beta - 1) * Math.Log(1 - probability);
        return value;
    }

    private static string? Problem(string name, double value) =>
        double.IsFinite(value) && value >= 1
            ? null
            : ($"the Beta prior's {name} is {DiscreteSupport.Format(value)}; it must be a finite number ≥ 1 (1 is flat, 2 adds one pseudo-count)");
}
