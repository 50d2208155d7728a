using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Poisson;

/// <summary>
/// The conjugate Gamma(a, b) prior on every Poisson rate, shape a and rate b:
/// p(λ) = bᵃ λᵃ⁻¹ e^(−bλ) / Γ(a). It acts like a − 1 extra counts observed in b extra rows, so the
/// posterior mode (the MAP M-step) is λ = (s + a − 1) / (N + b). a ≥ 1 keeps that mode at or above 0;
/// b &gt; 0 makes the prior proper (a finite log-prior). Gamma(1, b) is an exponential prior that only
/// shrinks rates towards 0; Gamma(1 + c·m, c) pulls each rate towards m with the weight of c rows.
/// </summary>
/// <param name="Shape">a ≥ 1.</param>
/// <param name="Rate">b &gt; 0 (an inverse scale, in rows).</param>
public sealed record GammaPrior(double Shape, double Rate)
{
    /// <summary>Checks a ≥ 1 and b &gt; 0, both finite, reporting every problem.</summary>
    public Validation<Error, GammaPrior> Validate()
    {
        var problems = new List<Error>();
        if (!(Shape >= 1) || !double.IsFinite(Shape))
            problems.Add(Errors.InvalidInput($"the Gamma prior's shape is {Shape:R}; it must be a finite number ≥ 1 (so that the posterior mode is non-negative)"));
        if (!(Rate > 0) || !double.IsFinite(Rate))
            problems.Add(Errors.InvalidInput($"the Gamma prior's rate is {Rate:R}; it must be a finite positive number (so that the prior is proper)"));
        return problems.Count == 0 ? Success<Error, GammaPrior>(this) : Validation<Error, GammaPrior>.Fail(problems.ToSeq());
    }

    /// <summary>The posterior mode (s + a − 1) / (N + b) for weight N and sum s.</summary>
    public double Mode(double weight, double sum) => (sum + Shape - 1) / (weight + Rate);

    /// <summary>log Gamma(λ | a, b) = a log b − log Γ(a) + (a − 1) log λ − b λ.</summary>
    public double LogDensity(double rate) =>
        Shape * Math.Log(Rate) - SpecialFunctions.GammaLn(Shape) + (Shape == 1 ? 0 : (Shape - 1) * Math.Log(rate)) - Rate * rate;
}
