using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Multinomial;

/// <summary>
/// Multinomial components for rows of non-negative integer counts over C categories (e.g. heads and
/// tails of a batch of coin tosses, word counts of a document): log p(c | p) = log n! − Σ_j log c_j! +
/// Σ_j c_j log p_j, with n = Σ_j c_j the row's own number of trials.
/// </summary>
/// <remarks>
/// <para>Statistics: N = Σ_i w_i and the weighted count sums t_j = Σ_i w_i c_ij.</para>
/// <para>M-step: maximum likelihood p_j = t_j / Σ_j' t_j' (so p_j ∝ Σ_i w_i r_ik c_ij); with a symmetric
/// <see cref="DirichletPrior"/> Dirichlet(α), the MAP p_j = (t_j + α − 1) / (Σ_j' t_j' + C(α − 1)). A
/// component whose rows hold no trials at all (every count 0, α = 1) has a flat objective and gets the
/// uniform vector.</para>
/// <para>Zero-probability policy: every estimated p_j is kept ≥ <see cref="ProbabilityFloor"/> (default
/// 10⁻¹⁰) by the exact constrained maximizer on the simplex, as in the categorical family, so a category
/// a component never saw does not give later rows density 0, and EM stays monotone. C·floor &lt; 1 is
/// required; <see cref="Estimate"/> reports a violation.</para>
/// <para>Parameters: K·(C − 1). Instances are immutable and validated.</para>
/// </remarks>
public sealed record MultinomialFamily : WeightedSumFamily, IComponentFamily<MultinomialComponent, WeightedSumStatistics>
{
    /// <summary>The default probability floor, 10⁻¹⁰.</summary>
    public const double DefaultProbabilityFloor = 1e-10;

    /// <summary>
    /// A family with an optional Dirichlet prior, a probability floor ≥ 0 and the number of trials of the
    /// rows <see cref="Sample"/> draws. Any values construct; <see cref="Validate"/> reports a floor outside
    /// [0, 1) or negative trials, and <see cref="Estimate"/> refuses them (InvalidInput).
    /// </summary>
    /// <param name="prior">Dirichlet(α) on each component's p; null (the default) for maximum likelihood.</param>
    /// <param name="probabilityFloor">Every estimated p_j is at least this (with C·floor &lt; 1).</param>
    /// <param name="sampleTrials">n of every row drawn by <see cref="Sample"/> (the densities use each row's own total).</param>
    public MultinomialFamily(DirichletPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor, int sampleTrials = 1)
    {
        Prior = prior;
        ProbabilityFloor = probabilityFloor;
        SampleTrials = sampleTrials;
    }

    /// <summary>Checks the hyper-parameters: a floor in [0, 1), trials ≥ 0 and a valid prior; every problem at once.</summary>
    public Validation<Error, MultinomialFamily> Validate()
    {
        var problems = new List<Error>();
        if (!(ProbabilityFloor >= 0 && ProbabilityFloor < 1))
            problems.Add(Errors.InvalidInput($"the multinomial probability floor is {ProbabilityFloor:R}; it must be in [0, 1/C) (default {DefaultProbabilityFloor:g})"));
        if (SampleTrials < 0)
            problems.Add(Errors.InvalidInput($"the number of trials of sampled rows is {SampleTrials}; it must be ≥ 0"));
        if (Prior is not null)
            foreach (var error in Prior.Validate().Match(Succ: _ => Seq<Error>(), Fail: errors => errors)) problems.Add(error);
        return problems.Count == 0 ? Success<Error, MultinomialFamily>(this) : Validation<Error, MultinomialFamily>.Fail(problems.ToSeq());
    }

    /// <summary>The Dirichlet prior on every component's probability vector, or null for maximum likelihood.</summary>
    public DirichletPrior? Prior { get; }

    /// <summary>Every estimated probability is at least this.</summary>
    public double ProbabilityFloor { get; }

    /// <summary>
    /// The number of trials n of each row that <see cref="Sample"/> draws. The contract's
    /// <c>Sample(component, random, output)</c> has no per-row input, and n is not a parameter of the
    /// model (each row's density uses its own total), so it is a property of the family.
    /// </summary>
    public int SampleTrials { get; }

    /// <summary>
    /// The family for <paramref name="data"/> after checking it (see <see cref="Check"/>), with
    /// <see cref="SampleTrials"/> set to the rows' common total when they all share one, else to the
    /// weighted mean total rounded to the nearest integer.
    /// </summary>
    public static Validation<Error, MultinomialFamily> ForData(Dataset data, DirichletPrior? prior = null, double probabilityFloor = DefaultProbabilityFloor)
    {
        if (!(probabilityFloor >= 0 && probabilityFloor * data.Columns < 1))
            return Fail<Error, MultinomialFamily>(Errors.InvalidInput(
                $"the probability floor {DiscreteSupport.Format(probabilityFloor)} must be ≥ 0 and below 1/C = 1/{data.Columns}"));
        return CheckCounts(data).Map(valid =>
        {
            var d = valid.Columns;
            double? common = null;
            var shared = true;
            var weightedTotal = 0.0;
            for (var i = 0; i < valid.Rows; i++)
            {
                var total = 0.0;
                foreach (var c in valid.Row(i)) total += c;
                weightedTotal += valid.Weight(i) * total;
                if (common is null) common = total;
                else if (common != total) shared = false;
            }
            var trials = shared ? common!.Value : Math.Round(weightedTotal / valid.TotalWeight);
            return new MultinomialFamily(prior, probabilityFloor, (int)Math.Min(trials, int.MaxValue));
        });
    }

    /// <summary>
    /// The data unchanged when every value is a non-negative integer count; otherwise InvalidInput errors
    /// naming the row and column of each offending value (the first ten, then a count of the rest).
    /// </summary>
    public Validation<Error, Dataset> Check(Dataset data) => CheckCounts(data);

    private static Validation<Error, Dataset> CheckCounts(Dataset data) =>
        DiscreteSupport.CheckValues(
            data,
            (value, _) => DiscreteSupport.IsCount(value) ? null : "not a non-negative integer count",
            "multinomial data must hold counts 0, 1, 2, … (one column per category)");

    /// <inheritdoc />
    public void LogDensities(MultinomialComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        if (component.Dimensions != dimensions)
            throw new ArgumentException($"the component has {component.Dimensions} categories but the data has {dimensions} columns", nameof(dimensions));
        component.LogDensities(block, output);
    }

    /// <summary>
    /// Missing counts are modelled: a row's observed counts are the draws that fell in its observed
    /// categories, so their density is the multinomial over those categories with p renormalized, and the
    /// E-step fills each missing count with its expected value (<see cref="MultinomialAccumulator"/>).
    /// </summary>
    public bool ModelsMissingCells => true;

    /// <summary>
    /// log p(c_o | p_k) = log n_o! − Σ_{j∈o} log c_j! + Σ_{j∈o} c_j log(p_kj / P_ko), with n_o = Σ_{j∈o} c_j
    /// and P_ko = Σ_{j∈o} p_kj: the law of the observed counts given that they are the draws that landed in
    /// the observed categories. A missing count, like the row's unknown total, contributes nothing else.
    /// </summary>
    public void LogDensities(Arr<MultinomialComponent> components, ReadOnlySpan<double> block, int dimensions, Missing.MissingPattern pattern, Span<double> output) =>
        ObservedColumns.LogDensities(components, block, pattern, output,
            (component, observed) =>
            {
                var p = component.Probabilities;
                var mass = 0.0;
                foreach (var j in observed) mass += p[j];
                var restricted = new double[observed.Length];
                for (var a = 0; a < observed.Length; a++) restricted[a] = p[observed[a]] / mass;
                return new MultinomialComponent(restricted);
            },
            (component, rows, target) => component.LogDensities(rows, target));

    /// <summary>The accumulator that fills missing counts with their expected values under each component.</summary>
    public IStatisticsAccumulator<WeightedSumStatistics> CreateAccumulator(Arr<MultinomialComponent> components, int dimensions) =>
        new MultinomialAccumulator(components, dimensions);

    /// <summary>The missing counts given the observed ones: negative multinomial with means n_o p_m / P_o.</summary>
    public Missing.IConditional Condition(MultinomialComponent component, Missing.MissingPattern pattern) =>
        new MultinomialConditional(component.Probabilities.ToArray(), pattern.Observed.ToArray(), pattern.Missing.ToArray());

    /// <summary>
    /// For each component, the p that maximizes Σ_j (t_j + α − 1) log p_j with every p_j ≥ floor (α = 1
    /// without a prior): (t_j + α − 1) / (Σ t + C(α − 1)) when no category falls below the floor. Left
    /// (EmptyComponent) when some N_k is not positive; Left (InvalidInput) when C·floor ≥ 1.
    /// </summary>
    public Either<Error, Arr<MultinomialComponent>> Estimate(Arr<WeightedSumStatistics> statistics)
    {
        var valid = Validate();
        if (valid.IsFail) return valid.Match(Succ: _ => Errors.InvalidInput("unreachable"), Fail: errors => errors.Head);
        var pseudo = Prior is null ? 0 : Prior.Concentration - 1;
        var components = new MultinomialComponent[statistics.Count];
        for (var k = 0; k < statistics.Count; k++)
        {
            var s = statistics[k];
            if (!(s.Weight > 0)) return Errors.EmptyComponent(k, s.Weight);
            var c = s.Sums.Length;
            if (ProbabilityFloor * c >= 1)
                return Errors.InvalidInput($"the probability floor {DiscreteSupport.Format(ProbabilityFloor)} times {c} categories is ≥ 1; lower the floor below 1/C");
            var effective = new double[c];
            for (var j = 0; j < c; j++) effective[j] = s.Sums[j] + pseudo;
            var probabilities = new double[c];
            DiscreteSupport.MaximizeOnSimplex(effective, ProbabilityFloor, probabilities);
            components[k] = new MultinomialComponent(probabilities);
        }
        return components.ToArr();
    }

    /// <summary>
    /// Σ_k log Dir(p_k | α) = Σ_k [log Γ(Cα) − C log Γ(α) + (α − 1) Σ_j log p_kj] under the prior; 0 without one.
    /// </summary>
    public double LogPrior(Arr<MultinomialComponent> components)
    {
        if (Prior is null) return 0;
        var sum = 0.0;
        foreach (var component in components) sum += Prior.LogDensity(component.Probabilities);
        return sum;
    }

    /// <summary>K·(C − 1): each probability vector has one fewer free entry than categories (C = the data's columns).</summary>
    public int FreeParameters(int components, int dimensions) => components * (dimensions - 1);

    /// <summary>
    /// The component p_j = (c_j + ½) / (n + C/2), with n = Σ_j c_j (negative or non-finite counts read as
    /// 0): the posterior mean after observing the row under Jeffreys' Dirichlet(½, …, ½) prior. It leans
    /// towards the row's proportions but never puts probability 0 on a category, so no other row starts
    /// with density 0 (for one trial this is the categorical family's start).
    /// </summary>
    public MultinomialComponent CenteredAt(ReadOnlySpan<double> center)
    {
        var c = center.Length;
        var total = 0.0;
        var probabilities = new double[c];
        for (var j = 0; j < c; j++)
        {
            var count = double.IsFinite(center[j]) && center[j] > 0 ? center[j] : 0;
            probabilities[j] = count + 0.5;
            total += probabilities[j];
        }
        for (var j = 0; j < c; j++) probabilities[j] /= total;
        return new MultinomialComponent(probabilities);
    }

    /// <summary>Draws a row of <see cref="SampleTrials"/> trials from <paramref name="component"/>.</summary>
    public void Sample(MultinomialComponent component, ref RandomSource random, Span<double> output) =>
        component.Sample(ref random, SampleTrials, output);
}
