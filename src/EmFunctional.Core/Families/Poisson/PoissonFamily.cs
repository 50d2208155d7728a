using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Families.Poisson;

/// <summary>
/// Components that model a row of D non-negative integer counts as D independent Poisson variables,
/// log p(x | λ) = Σ_j (x_j log λ_j − λ_j − log x_j!). The M-step is λ_j = s_j / N (maximum likelihood)
/// or, with a <see cref="GammaPrior"/>, the posterior mode λ_j = (s_j + a − 1) / (N + b); either way
/// raised to at least <paramref name="Floor"/>.
/// </summary>
/// <remarks>
/// <para><b>The floor.</b> A column that is all zeros within a component (s_j = 0) has maximum-likelihood
/// rate 0, and log λ = −∞ would make any later positive count in that column impossible (and 0·log 0 is
/// NaN). Raising every rate to at least the floor (default 1e-10) keeps all log-densities finite: a
/// row of zeros loses only 1e-10 per column, and a positive count x costs x·log(1e-10) ≈ −23x instead of
/// −∞. Because Q(λ) = s log λ − N λ is concave in λ, max(floor, s/N) is its exact maximizer over
/// λ ≥ floor, so EM stays exactly monotone: it is maximum likelihood with the rates constrained to
/// [floor, ∞). The same holds for the posterior mode with a prior.</para>
/// <para><b>Data.</b> The density is meant for counts; <see cref="Check"/> rejects negative and
/// non-integer values. Unchecked non-integers are scored with the continuous extension log Γ(x + 1),
/// which is not a normalized density.</para>
/// </remarks>
/// <param name="Prior">Optional Gamma(a, b) prior on every rate (MAP); null for maximum likelihood.</param>
/// <param name="Floor">The smallest rate the M-step returns; finite and positive.</param>
public sealed record PoissonFamily(GammaPrior? Prior = null, double Floor = PoissonFamily.DefaultFloor)
    : WeightedSumFamily, IComponentFamily<PoissonComponent, WeightedSumStatistics>
{
    /// <summary>The default rate floor, 1e-10 (see the remarks).</summary>
    public const double DefaultFloor = 1e-10;

    /// <summary>
    /// Checks that every value of <paramref name="data"/> is a non-negative integer (a count), naming
    /// the row and column of each offender (the first ten are reported), and the hyper-parameters.
    /// </summary>
    public Validation<Error, Dataset> Check(Dataset data)
    {
        var problems = new List<Error>();
        foreach (var error in Validate().Match(Succ: _ => Seq<Error>(), Fail: errors => errors)) problems.Add(error);
        var values = data.Values;
        var d = data.Columns;
        for (var i = 0; i < values.Length && problems.Count < 10; i++)
        {
            var x = values[i];
            if (double.IsNaN(x)) continue;   // a missing cell (only data made with allowMissing hold NaN)
            if (x < 0 || x != Math.Floor(x))
                problems.Add(Errors.InvalidInput(
                    $"row {i / d}, column {i % d} is {x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; Poisson counts must be non-negative integers"));
        }
        return problems.Count == 0 ? Success<Error, Dataset>(data) : Validation<Error, Dataset>.Fail(problems.ToSeq());
    }

    /// <summary>Checks the hyper-parameters: a finite positive floor and a valid prior.</summary>
    public Validation<Error, PoissonFamily> Validate()
    {
        var problems = new List<Error>();
        if (!(Floor > 0) || !double.IsFinite(Floor))
            problems.Add(Errors.InvalidInput($"the Poisson rate floor is {Floor:R}; it must be a finite positive number (default {DefaultFloor:g})"));
        if (Prior is not null)
            foreach (var error in Prior.Validate().Match(Succ: _ => Seq<Error>(), Fail: errors => errors)) problems.Add(error);
        return problems.Count == 0 ? Success<Error, PoissonFamily>(this) : Validation<Error, PoissonFamily>.Fail(problems.ToSeq());
    }

    /// <inheritdoc />
    public void LogDensities(PoissonComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output) =>
        component.LogDensities(block, output);

    /// <summary>Missing cells contribute nothing to a row's density; each column is estimated from its observed cells.</summary>
    public bool ModelsMissingCells => true;

    /// <summary>Independent columns: a missing count's imputation is λ_kj, its draw a Poisson(λ_kj).</summary>
    public Missing.IConditional Condition(PoissonComponent component, Missing.MissingPattern pattern) =>
        new Missing.IndependentConditional(component.Rates.ToArray(), pattern.Missing.ToArray(), component.Dimensions, component.Sample);

    /// <summary>log p(x_o | λ_k) = Σ over the observed columns.</summary>
    public void LogDensities(Arr<PoissonComponent> components, ReadOnlySpan<double> block, int dimensions, Missing.MissingPattern pattern, Span<double> output) =>
        ObservedColumns.LogDensities(components, block, pattern, output,
            (component, observed) => PoissonComponent.FromChecked([.. observed.ToArray().Select(j => component.Rates[j])]),
            (component, rows, target) => component.LogDensities(rows, target));

    /// <summary>The accumulator that also counts, per column, the weight of the rows that observed it.</summary>
    public IStatisticsAccumulator<WeightedSumStatistics> CreateAccumulator(Arr<PoissonComponent> components, int dimensions) =>
        new WeightedSumAccumulator(components.Count, dimensions, takesMissingCells: true);

    /// <summary>
    /// λ_kj = max(floor, s_kj / N_k), or max(floor, (s_kj + a − 1) / (N_k + b)) with a Gamma(a, b) prior.
    /// Left when the hyper-parameters are invalid or a component has no weight.
    /// </summary>
    public Either<Error, Arr<PoissonComponent>> Estimate(Arr<WeightedSumStatistics> statistics)
    {
        var valid = Validate();
        if (valid.IsFail) return valid.Match(Succ: _ => Errors.InvalidInput("unreachable"), Fail: errors => errors.Head);
        var components = new PoissonComponent[statistics.Count];
        for (var k = 0; k < statistics.Count; k++)
        {
            var s = statistics[k];
            if (!(s.Weight > 0)) return Errors.EmptyComponent(k, s.Weight);
            var rates = new double[s.Dimensions];
            for (var j = 0; j < rates.Length; j++)
            {
                // Each column's own observed weight (N_k when no cell is missing); a column the component
                // never observed is not identified and gets rate 1 (it enters no density of a row that misses it).
                var observed = s.ObservedWeight(j);
                var rate = Prior is null ? (observed > 0 ? s.Sums[j] / observed : 1.0) : Prior.Mode(observed, s.Sums[j]);
                rates[j] = Math.Max(Floor, rate);
            }
            components[k] = PoissonComponent.FromChecked(rates);
        }
        return components.ToArr();
    }

    /// <summary>Σ_k Σ_j log Gamma(λ_kj | a, b) with its normalizing constant; 0 without a prior.</summary>
    public double LogPrior(Arr<PoissonComponent> components)
    {
        if (Prior is null) return 0;
        var sum = 0.0;
        foreach (var component in components)
            foreach (var rate in component.Rates) sum += Prior.LogDensity(rate);
        return sum;
    }

    /// <summary>K·D: one rate per component and column.</summary>
    public int FreeParameters(int components, int dimensions) => components * dimensions;

    /// <summary>
    /// Rates λ_j = x_j + ½ around the row x: the posterior mean of a Poisson rate after one observation x
    /// under Jeffreys' prior, which keeps a zero count's rate positive (log λ finite) and puts the
    /// component's mode at x. (A negative value, which <see cref="Check"/> rejects, is treated as 0.)
    /// </summary>
    public PoissonComponent CenteredAt(ReadOnlySpan<double> center)
    {
        var rates = new double[center.Length];
        for (var j = 0; j < rates.Length; j++) rates[j] = Math.Max(center[j], 0) + 0.5;
        return PoissonComponent.FromChecked(rates);
    }

    /// <inheritdoc />
    public void Sample(PoissonComponent component, ref RandomSource random, Span<double> output) =>
        component.Sample(ref random, output);
}
