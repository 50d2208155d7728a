using EmFunctional.Core.Families;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families;

/// <summary>Family-agnostic helpers for the law, sampling and recovery tests of every family.</summary>
public static class FamilyTestSupport
{
    /// <summary>The states of <see cref="Em.Iterate"/> before any failure, at most <paramref name="count"/>, and the error that ended it, if any.</summary>
    public static (List<EmState<TComponent>> States, Error? Error) Run<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start, int count, MixtureWeights? weights = null)
        where TStatistics : IComponentStatistics
    {
        var states = new List<EmState<TComponent>>();
        foreach (var step in Em.Iterate(family, data, start, weights: weights).Take(count))
        {
            if (step.Failed) return (states, (Error)step.Failure);
            states.Add(step);
        }
        return (states, null);
    }

    /// <summary>
    /// Asserts that <see cref="EmState{TComponent}.MeanLogPosterior"/> never decreases along the states (up to
    /// rounding, 1e-12 relative, plus <paramref name="allowance"/> of the previous state for a known,
    /// bounded loss such as regularization), that every value is finite, and that Change is the difference.
    /// </summary>
    public static void AssertMonotone<TComponent>(IReadOnlyList<EmState<TComponent>> states, Func<EmState<TComponent>, double>? allowance = null)
    {
        for (var t = 0; t < states.Count; t++)
        {
            Assert.True(double.IsFinite(states[t].MeanLogLikelihood), $"state {t}: mean log-likelihood {states[t].MeanLogLikelihood}");
            Assert.True(double.IsFinite(states[t].MeanLogPrior), $"state {t}: mean log-prior {states[t].MeanLogPrior}");
            if (t == 0) continue;
            var previous = states[t - 1].MeanLogPosterior;
            var current = states[t].MeanLogPosterior;
            var slack = 1e-12 * Math.Abs(previous) + 1e-12 + (allowance?.Invoke(states[t - 1]) ?? 0);
            Assert.True(current >= previous - slack,
                $"mean log-posterior decreased at step {t + 1}: {previous:R} → {current:R} (by {previous - current:g3}, slack {slack:g3})");
            TestSupport.AssertClose(current - previous, states[t].Change, 1e-12, $"Change of step {t + 1}");
        }
    }

    /// <summary>Asserts that each row's responsibilities are in [0, 1] and sum to 1, and that log-densities are finite.</summary>
    public static void AssertResponsibilitiesAreDistributions<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> mixture)
        where TStatistics : IComponentStatistics
    {
        var (responsibilities, logDensities) = Inference.Evaluate(family, data, mixture).Expect("Evaluate");
        var k = mixture.Count;
        for (var i = 0; i < data.Rows; i++)
        {
            Assert.True(double.IsFinite(logDensities[i]), $"row {i}: log-density {logDensities[i]}");
            var sum = 0.0;
            for (var c = 0; c < k; c++)
            {
                var r = responsibilities[i * k + c];
                Assert.True(r >= 0 && r <= 1, $"row {i}, component {c}: responsibility {r}");
                sum += r;
            }
            Assert.True(Math.Abs(sum - 1) <= 1e-12, $"row {i}: responsibilities sum to {sum:R}");
        }
    }

    /// <summary>The rows repeated by their integer weights, unweighted.</summary>
    public static Dataset Expand(Dataset data)
    {
        var d = data.Columns;
        var values = new List<double>();
        for (var i = 0; i < data.Rows; i++)
            for (var copy = 0; copy < (int)data.Weight(i); copy++) values.AddRange(data.Row(i).ToArray());
        return Generators.ToDataset(values.ToArray(), values.Count / d, d);
    }

    /// <summary>Weights of a generated dataset: none, integers in {0, …, 3} or reals in [0, 3) with some zeros (at least one positive).</summary>
    public static double[]? MakeWeights(Random random, int rows, WeightMode mode)
    {
        double[]? weights = mode switch
        {
            WeightMode.Integer => Enumerable.Range(0, rows).Select(_ => (double)random.Next(4)).ToArray(),
            WeightMode.Real => Enumerable.Range(0, rows).Select(_ => random.Next(8) == 0 ? 0.0 : 3 * random.NextDouble()).ToArray(),
            _ => null,
        };
        if (weights is not null && !weights.Any(w => w > 0)) weights[random.Next(rows)] = 1;
        return weights;
    }

    /// <summary>
    /// Asserts |estimate − truth| ≤ z·<paramref name="standardError"/> and returns the observed deviation
    /// in standard errors (for the test's output).
    /// </summary>
    public static double AssertWithinStandardErrors(double truth, double estimate, double standardError, double z, string what)
    {
        var errors = Math.Abs(estimate - truth) / standardError;
        Assert.True(errors <= z, $"{what}: estimate {estimate:F5}, truth {truth:F5}, {errors:F2} standard errors ({standardError:G3}) > {z}");
        return errors;
    }

    /// <summary>
    /// <see cref="AssertWithinStandardErrors"/> for a proportion estimated from n trials, whose binomial
    /// standard error is √(p(1 − p)/n).
    /// </summary>
    public static double AssertProportion(double truth, double estimate, double trials, double z, string what) =>
        AssertWithinStandardErrors(truth, estimate, Math.Sqrt(truth * (1 - truth) / trials), z, what);

    /// <summary>A weight per row: 0, 1, or a real in (0, 3).</summary>
    public static double[] RandomWeights(Random random, int rows) =>
        Enumerable.Range(0, rows).Select(_ => random.Next(3) switch { 0 => 0.0, 1 => 1.0, _ => 3 * random.NextDouble() }).ToArray();
}
