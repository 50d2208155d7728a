using EmFunctional.Core.Families;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families;

// The laws every discrete family (Bernoulli, categorical, multinomial) must obey, written once over the
// generic contract; DiscreteFamilyLaws runs them as tests, and each family's law class supplies a
// generator of cases and a way to flatten its parameters and statistics into numbers.

/// <summary>
/// One generated case: a family, data, a number of components, an initialization and a weight policy.
/// <see cref="Description"/> is the generating specification, so FsCheck's report of a failing case
/// can be replayed by hand.
/// </summary>
public sealed record DiscreteCase<TComponent, TStatistics>(
    IComponentFamily<TComponent, TStatistics> Family,
    Dataset Data,
    int Components,
    InitializationStrategy Initialization,
    ulong InitializationSeed,
    MixtureWeights Weights,
    string Description)
    where TStatistics : IComponentStatistics
{
    /// <summary>The starting mixture, Left when initialization fails.</summary>
    public Either<Error, Mixture<TComponent>> Start() =>
        Initializer.Initialize(Family, Data, Components, Initialization, InitializationSeed);

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary>The generic laws and the helpers the discrete family tests share.</summary>
public static class DiscreteLaws
{
    /// <summary>The three mixture-weight policies, by the index a generated case draws.</summary>
    public static readonly MixtureWeights[] Policies = [new MixtureWeights.MaximumLikelihood(), new MixtureWeights.Dirichlet(1.5), new MixtureWeights.Fixed()];

    /// <summary>
    /// Law 1: r_ik ∈ [0, 1], Σ_k r_ik = 1 to 1e-12, log p(x_i) finite, labels are the arg-max.
    /// </summary>
    public static void AssertResponsibilitiesAreDistributions<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture, string what)
        where TStatistics : IComponentStatistics
    {
        var (responsibilities, logDensities) = Inference.Evaluate(family, data, mixture).Expect(what);
        var k = mixture.Count;
        var labels = Inference.Labels(responsibilities, k);
        for (var i = 0; i < data.Rows; i++)
        {
            Assert.True(double.IsFinite(logDensities[i]), $"{what}: log p(x_{i}) = {logDensities[i]}");
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                var r = responsibilities[i * k + c];
                Assert.True(r >= 0 && r <= 1, $"{what}: r[{i},{c}] = {r}");
                sum += r;
                Assert.True(r <= responsibilities[i * k + labels[i]], $"{what}: label of row {i} is not the arg-max");
            }
            Assert.True(Math.Abs(sum - 1) <= 1e-12, $"{what}: responsibilities of row {i} sum to {sum:R}");
        }
    }

    /// <summary>
    /// Law 2: along <paramref name="states"/> (from <see cref="Em.Iterate"/>) the mean log-posterior — the
    /// log-likelihood when there is no prior — never decreases beyond rounding (1e-12 relative).
    /// </summary>
    public static void AssertNeverDecreases<TComponent>(IReadOnlyList<EmState<TComponent>> states, string what)
    {
        for (var t = 1; t < states.Count; t++)
        {
            var before = states[t - 1].MeanLogPosterior;
            var after = states[t].MeanLogPosterior;
            Assert.True(double.IsFinite(after), $"{what}: step {t + 1} has mean log-posterior {after}");
            var slack = 1e-12 * Math.Max(1, Math.Abs(before));
            Assert.True(after >= before - slack, $"{what}: mean log-posterior fell from {before:R} to {after:R} at step {t + 1}");
        }
    }

    /// <summary>Asserts that every value is finite (no NaN, no ±∞).</summary>
    public static void AssertFinite(IEnumerable<double> values, string what)
    {
        var i = 0;
        foreach (var value in values)
        {
            Assert.True(double.IsFinite(value), $"{what}[{i}] = {value}");
            i++;
        }
    }

    /// <summary>
    /// Law 3, the monoid: Summarize(a ++ b) = Combine(Summarize a, Summarize b), Combine(Empty, s) = s =
    /// Combine(s, Empty) exactly, and Combine is associative. With <paramref name="exact"/> (integer
    /// weights and integer data, whose sums are exact in double) equality must be bit for bit; otherwise
    /// to 1e-13 relative.
    /// </summary>
    public static void AssertMonoid<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        int d,
        (double[] Values, double[] Weights) a,
        (double[] Values, double[] Weights) b,
        (double[] Values, double[] Weights) c,
        Func<TStatistics, double[]> flatten,
        bool exact)
        where TStatistics : IComponentStatistics
    {
        TStatistics Summarize((double[] Values, double[] Weights) part) => family.Summarize(part.Values, d, part.Weights);
        void Same(TStatistics expected, TStatistics actual, string what)
        {
            var e = flatten(expected);
            var x = flatten(actual);
            if (exact) Assert.True(e.AsSpan().SequenceEqual(x), $"{what}: [{string.Join(", ", e)}] vs [{string.Join(", ", x)}]");
            else TestSupport.AssertClose(e, x, 1e-13, what);
        }
        (double[], double[]) Concat(params (double[] Values, double[] Weights)[] parts) =>
            (parts.SelectMany(p => p.Values).ToArray(), parts.SelectMany(p => p.Weights).ToArray());

        var sa = Summarize(a);
        var sb = Summarize(b);
        var sc = Summarize(c);
        Same(Summarize(Concat(a, b)), family.Combine(sa, sb), "Summarize(a ++ b) vs Combine");
        Same(Summarize(Concat(a, b, c)), family.Combine(family.Combine(sa, sb), sc), "Summarize(a ++ b ++ c) vs Combine");
        Same(family.Combine(family.Combine(sa, sb), sc), family.Combine(sa, family.Combine(sb, sc)), "associativity");
        Assert.True(flatten(family.Combine(family.Empty(d), sa)).AsSpan().SequenceEqual(flatten(sa)), "Empty is a left identity");
        Assert.True(flatten(family.Combine(sa, family.Empty(d))).AsSpan().SequenceEqual(flatten(sa)), "Empty is a right identity");
        Assert.Equal(a.Weights.Sum(), sa.Weight, 12);
    }

    /// <summary>
    /// Law 4: a dataset with integer weights and the dataset with each row repeated weight times (weight-0
    /// rows dropped) give the same EM path from the same start, to 1e-10 relative (the sums differ in
    /// association only).
    /// </summary>
    public static void AssertIntegerWeightsEqualDuplicatedRows<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset weighted,
        Mixture<TComponent> start,
        Func<TComponent, double[]> parameters,
        int steps,
        string what)
        where TStatistics : IComponentStatistics
    {
        var (a, errorA) = FamilyTestSupport.Run(family, weighted, start, steps);
        var (b, errorB) = FamilyTestSupport.Run(family, FamilyTestSupport.Expand(weighted), start, steps);
        Assert.Equal(a.Count, b.Count);
        Assert.Equal(errorA?.Code, errorB?.Code);
        for (var t = 0; t < a.Count; t++)
        {
            TestSupport.AssertClose(a[t].MeanLogLikelihood, b[t].MeanLogLikelihood, 1e-10, $"{what}: step {t + 1} mean log-likelihood");
            for (var k = 0; k < start.Count; k++)
            {
                TestSupport.AssertClose(a[t].Mixture.Weights[k], b[t].Mixture.Weights[k], 1e-10, $"{what}: step {t + 1} weight {k}");
                TestSupport.AssertClose(parameters(a[t].Mixture.Components[k]), parameters(b[t].Mixture.Components[k]), 1e-10, $"{what}: step {t + 1} component {k}");
            }
        }
    }
}
