using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Bernoulli;

/// <summary>
/// Multivariate Bernoulli components for rows of D binary features (0/1 values): the latent class model
/// when used in a mixture. log p(x | p) = Σ_j [x_j log p_j + (1 − x_j) log(1 − p_j)].
/// </summary>
/// <remarks>
/// <para>Statistics: N = Σ_i w_i and s_j = Σ_i w_i x_ij, with w_i = r_ik·(sample weight) in the E-step.</para>
/// <para>M-step: maximum likelihood p_j = s_j / N; with a <see cref="BetaPrior"/> Beta(a, b), the MAP
/// p_j = (s_j + a − 1) / (N + a + b − 2). Either is then clamped into [floor, 1 − floor].</para>
/// <para>Zero-probability policy: a feature that no row of a component has (or that all its rows have)
/// gives the ML estimate p_j = 0 (or 1), and then any other row has log-density −∞ under that
/// component, which spreads 0·(−∞) = NaN into responsibilities and can make a row unexplainable. The
/// M-step therefore keeps every probability in [<see cref="ProbabilityFloor"/>, 1 − floor] (default
/// 10⁻¹⁰, like the Gaussian's covariance regularization). Each feature's objective
/// s log p + (N − s) log(1 − p) is concave in p, so clamping the unconstrained maximizer gives the exact
/// maximizer on the interval: EM with the floor is EM for the constrained model and still never
/// decreases the log-likelihood. With a, b &gt; 1 the MAP estimate is interior anyway. A floor of 0 is
/// allowed (pure maximum likelihood); the densities then skip 0·log 0 terms and never produce NaN, but a
/// row may have density 0 under every component.</para>
/// <para>Parameters: K·D. Instances are immutable and validated: an invalid floor cannot be constructed.</para>
/// </remarks>
public sealed record BernoulliFamily : WeightedSumFamily, IComponentFamily<BernoulliComponent, WeightedSumStatistics>
{
    /// <summary>The default probability floor, 10⁻¹⁰ (log 10⁻¹⁰ ≈ −23 per contradicting feature).</summary>
    public const double DefaultProbabilityFloor = 1e-10;

    /// <summary>
    /// A family with an optional Beta prior on every probability and a probability floor in [0, ½). Any values
    /// construct; <see cref="Validate"/> reports invalid ones, and <see cref="Estimate"/> refuses them (InvalidInput).
    /// </summary>
    /// <param name="prior">Beta(a, b) on each p_kj for MAP estimation; null (the default) for maximum likelihood.</param>
    /// <param name="probabilityFloor">Every estimated p_kj lies in [floor, 1 − floor].</param>
    public BernoulliFamily(BetaPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor)
    {
        Prior = prior;
        ProbabilityFloor = probabilityFloor;
    }

    /// <summary>Checks the hyper-parameters: a floor in [0, ½) and a valid prior; every problem at once.</summary>
    public Validation<Error, BernoulliFamily> Validate()
    {
        var problems = new List<Error>();
        if (!(ProbabilityFloor >= 0 && ProbabilityFloor < 0.5))
            problems.Add(Errors.InvalidInput($"the Bernoulli probability floor is {ProbabilityFloor:R}; it must be in [0, 0.5) (default {DefaultProbabilityFloor:g})"));
        if (Prior is not null)
            foreach (var error in Prior.Validate().Match(Succ: _ => Seq<Error>(), Fail: errors => errors)) problems.Add(error);
        return problems.Count == 0 ? Success<Error, BernoulliFamily>(this) : Validation<Error, BernoulliFamily>.Fail(problems.ToSeq());
    }

    /// <summary>The Beta prior on every probability, or null for maximum likelihood.</summary>
    public BetaPrior? Prior { get; }

    /// <summary>Every estimated probability lies in [floor, 1 − floor] (see the remarks).</summary>
    public double ProbabilityFloor { get; }

    /// <summary>
    /// The data unchanged when every value is 0 or 1; otherwise InvalidInput errors naming the row and
    /// column of each offending value (the first ten, then a count of the rest).
    /// </summary>
    public Validation<Error, Dataset> Check(Dataset data) =>
        DiscreteSupport.CheckValues(
            data,
            (value, _) => value is 0 or 1 ? null : "not 0 or 1",
            "a Bernoulli mixture needs binary data: code every feature as 0 (absent) or 1 (present)");

    /// <inheritdoc />
    public void LogDensities(BernoulliComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        RequireDimensions(component, dimensions);
        component.LogDensities(block, output);
    }

    /// <summary>Missing cells contribute nothing to a row's density; each feature is estimated from its observed cells.</summary>
    public bool ModelsMissingCells => true;

    /// <summary>Independent features: a missing feature's imputation is p_kj, its draw a Bernoulli(p_kj).</summary>
    public Missing.IConditional Condition(BernoulliComponent component, Missing.MissingPattern pattern) =>
        new Missing.IndependentConditional(component.Probabilities.ToArray(), pattern.Missing.ToArray(), component.Dimensions, component.Sample);

    /// <summary>log p(x_o | p_k) = Σ over the observed features.</summary>
    public void LogDensities(Arr<BernoulliComponent> components, ReadOnlySpan<double> block, int dimensions, Missing.MissingPattern pattern, Span<double> output) =>
        ObservedColumns.LogDensities(components, block, pattern, output,
            (component, observed) => new BernoulliComponent([.. observed.ToArray().Select(j => component.Probabilities[j])]),
            (component, rows, target) => component.LogDensities(rows, target));

    /// <summary>The accumulator that also counts, per feature, the weight of the rows that observed it.</summary>
    public IStatisticsAccumulator<WeightedSumStatistics> CreateAccumulator(Arr<BernoulliComponent> components, int dimensions) =>
        new WeightedSumAccumulator(components.Count, dimensions, takesMissingCells: true);

    /// <summary>
    /// p_kj = clamp((s_kj + a − 1) / (N_k + a + b − 2), floor, 1 − floor), with a = b = 1 (maximum
    /// likelihood, s_kj / N_k) when there is no prior. Left (EmptyComponent) when some N_k is not positive:
    /// the component has collapsed.
    /// </summary>
    public Either<Error, Arr<BernoulliComponent>> Estimate(Arr<WeightedSumStatistics> statistics)
    {
        var valid = Validate();
        if (valid.IsFail) return valid.Match(Succ: _ => Errors.InvalidInput("unreachable"), Fail: errors => errors.Head);
        var pseudoPresent = Prior is null ? 0 : Prior.Alpha - 1;
        var pseudoAbsent = Prior is null ? 0 : Prior.Beta - 1;
        var components = new BernoulliComponent[statistics.Count];
        for (var k = 0; k < statistics.Count; k++)
        {
            var s = statistics[k];
            if (!(s.Weight > 0)) return Errors.EmptyComponent(k, s.Weight);
            var probabilities = new double[s.Sums.Length];
            for (var j = 0; j < probabilities.Length; j++)
            {
                // Each feature's own observed weight (N_k when no cell is missing); a feature the component
                // never observed is not identified and gets ½ (it enters no density of a row that misses it).
                var denominator = s.ObservedWeight(j) + pseudoPresent + pseudoAbsent;
                var p = denominator > 0 ? (s.Sums[j] + pseudoPresent) / denominator : 0.5;
                probabilities[j] = Math.Clamp(p, ProbabilityFloor, 1 - ProbabilityFloor);
            }
            components[k] = new BernoulliComponent(probabilities);
        }
        return components.ToArr();
    }

    /// <summary>
    /// Σ_k Σ_j log Beta(p_kj | a, b) = Σ_k Σ_j [(a − 1) log p_kj + (b − 1) log(1 − p_kj)] − K·D·log B(a, b)
    /// under the prior; 0 without one (maximum likelihood).
    /// </summary>
    public double LogPrior(Arr<BernoulliComponent> components)
    {
        if (Prior is null) return 0;
        var sum = 0.0;
        foreach (var component in components)
            foreach (var p in component.Probabilities)
                sum += Prior.LogDensity(p);
        return sum;
    }

    /// <summary>K·D: one probability per component and feature.</summary>
    public int FreeParameters(int components, int dimensions) => components * dimensions;

    /// <summary>
    /// The component p_j = 0.25 + 0.5·x_j (0.75 where the row has the feature, 0.25 where not; values are
    /// clamped into [0, 1] first). A component at the row itself (p = x) would give every row that differs
    /// in any feature density floor^(differences), so the first E-step would assign rows by Hamming
    /// distance with near-certainty and EM would start stuck. 0.25 + 0.5·x is the posterior mean of p after
    /// observing the row once under Jeffreys' Beta(½, ½) prior: it leans towards the row while every row
    /// keeps a reasonable density, as the Gaussian's identity covariance does.
    /// </summary>
    public BernoulliComponent CenteredAt(ReadOnlySpan<double> center)
    {
        var probabilities = new double[center.Length];
        for (var j = 0; j < center.Length; j++)
            probabilities[j] = Math.Clamp(0.25 + 0.5 * Math.Clamp(center[j], 0, 1), ProbabilityFloor, 1 - ProbabilityFloor);
        return new BernoulliComponent(probabilities);
    }

    /// <inheritdoc />
    public void Sample(BernoulliComponent component, ref RandomSource random, Span<double> output) =>
        component.Sample(ref random, output);

    private static void RequireDimensions(BernoulliComponent component, int dimensions)
    {
        if (component.Dimensions != dimensions)
            throw new ArgumentException($"the component has {component.Dimensions} features but the data has {dimensions} columns", nameof(dimensions));
    }
}
