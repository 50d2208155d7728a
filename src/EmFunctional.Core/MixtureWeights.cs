using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary>
/// How the M-step sets the mixture weights π_k: the driver's business, never the family's.
/// </summary>
public abstract record MixtureWeights
{
    private MixtureWeights() { }

    /// <summary>New weights from the effective counts N_k of the E-step and the current weights.</summary>
    public abstract Arr<double> Estimate(Arr<double> effectiveCounts, Arr<double> current);

    /// <summary>log p(π) under the policy's prior (0 when there is none).</summary>
    public abstract double LogPrior(Arr<double> weights);

    /// <summary>What makes this policy unusable (an InvalidInput error), or None; the M-step refuses an unusable policy.</summary>
    public virtual Option<Error> Problem => None;

    /// <summary>The maximum-likelihood update π_k = N_k / Σ_j N_j (the default).</summary>
    public sealed record MaximumLikelihood : MixtureWeights
    {
        /// <inheritdoc />
        public override Arr<double> Estimate(Arr<double> effectiveCounts, Arr<double> current)
        {
            var total = effectiveCounts.Sum();
            return effectiveCounts.Map(n => n / total);
        }

        /// <inheritdoc />
        public override double LogPrior(Arr<double> weights) => 0;
    }

    /// <summary>
    /// MAP under a symmetric Dirichlet(α, …, α) prior: π_k = (N_k + α − 1) / (Σ_j N_j + K(α − 1)), the
    /// mode of the posterior Dirichlet(N_k + α). α ≥ 1; α = 1 is the flat prior (maximum likelihood),
    /// larger α pulls the weights towards 1/K and keeps every component's weight positive.
    /// </summary>
    public sealed record Dirichlet(double Concentration) : MixtureWeights
    {
        /// <inheritdoc />
        public override Option<Error> Problem => Concentration >= 1 && double.IsFinite(Concentration)
            ? None
            : Some(Errors.InvalidInput($"the Dirichlet prior on the mixture weights has concentration α = {Concentration:R}; it needs a finite α ≥ 1 (a smaller α would make the mode give negative weights)"));

        /// <inheritdoc />
        public override Arr<double> Estimate(Arr<double> effectiveCounts, Arr<double> current)
        {
            var pseudo = Concentration - 1;
            var total = effectiveCounts.Sum() + effectiveCounts.Count * pseudo;
            return effectiveCounts.Map(n => (n + pseudo) / total);
        }

        /// <summary>log Dir(π | α) = log Γ(Kα) − K log Γ(α) + (α − 1) Σ_k log π_k.</summary>
        public override double LogPrior(Arr<double> weights)
        {
            var k = weights.Count;
            var sum = 0.0;
            if (Concentration != 1)
                foreach (var w in weights) sum += Math.Log(w);
            return SpecialFunctions.GammaLn(k * Concentration) - k * SpecialFunctions.GammaLn(Concentration) + (Concentration - 1) * sum;
        }
    }

    /// <summary>
    /// The weights stay as they start (e.g. the two-coin example, where each coin is equally likely by
    /// design). EM then maximizes the likelihood over the component parameters only, and the weights
    /// do not count as free parameters. Give the start explicitly (<see cref="Fitting.FitFrom"/>): an
    /// initialization strategy would fix whatever weights it starts with (1/K for random-from-data, the
    /// label proportions for the k-means starts).
    /// </summary>
    public sealed record Fixed : MixtureWeights
    {
        /// <inheritdoc />
        public override Arr<double> Estimate(Arr<double> effectiveCounts, Arr<double> current) => current;

        /// <inheritdoc />
        public override double LogPrior(Arr<double> weights) => 0;
    }

    /// <summary>The default, maximum likelihood.</summary>
    public static MixtureWeights Default { get; } = new MaximumLikelihood();
}
