using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families;

/// <summary>
/// The common part of the recovery tests: a known mixture is sampled, fitted, the fitted components
/// are matched to the true ones by the best permutation (EM's labels are arbitrary), and every estimate
/// must lie within <paramref name="bound"/> standard errors of its true value. Each check is written
/// to the test's output, and <see cref="Worst"/> keeps the largest deviation seen.
/// </summary>
public sealed class RecoveryCheck(ITestOutputHelper output, double bound)
{
    /// <summary>The largest deviation checked so far, in standard errors.</summary>
    public double Worst { get; private set; }

    /// <summary>Asserts |estimate − truth| ≤ bound·standardError and returns the deviation in standard errors.</summary>
    public double Within(string what, double estimate, double truth, double standardError)
    {
        var errors = FamilyTestSupport.AssertWithinStandardErrors(truth, estimate, standardError, bound, what);
        Worst = Math.Max(Worst, errors);
        output.WriteLine($"{what}: {estimate:F4} vs {truth} ({errors:F2} standard errors)");
        return errors;
    }

    /// <summary><see cref="Within"/> for a proportion estimated from n trials (standard error √(p(1 − p)/n)).</summary>
    public double Proportion(string what, double estimate, double truth, double trials) =>
        Within(what, estimate, truth, Math.Sqrt(truth * (1 - truth) / trials));

    /// <summary>
    /// The recovery of a discrete mixture, whose parameters are all probabilities: fitted component k is
    /// matched to true component m[k] by <see cref="BestMatch"/> over <paramref name="probabilities"/>;
    /// its weight is checked as a proportion of <paramref name="rows"/> rows and each probability as a
    /// proportion of the π·rows·<paramref name="trialsPerRow"/> trials of its true component (the
    /// complete-data standard errors). <paramref name="label"/> names a probability by its index
    /// ("[j]" by default). Returns the fitted→true map.
    /// </summary>
    public int[] Proportions<TComponent>(
        Mixture<TComponent> truth,
        Mixture<TComponent> fitted,
        Func<TComponent, double[]> probabilities,
        double rows,
        double trialsPerRow = 1,
        Func<int, string>? label = null)
    {
        var map = BestMatch(fitted.Components.Map(probabilities).ToList(), truth.Components.Map(probabilities).ToList());
        for (var k = 0; k < fitted.Count; k++)
        {
            var t = map[k];
            Proportion($"π[{t}]", fitted.Weights[k], truth.Weights[t], rows);
            var (estimates, expected) = (probabilities(fitted.Components[k]), probabilities(truth.Components[t]));
            for (var j = 0; j < expected.Length; j++)
                Proportion($"p[{t}]{label?.Invoke(j) ?? $"[{j}]"}", estimates[j], expected[j], truth.Weights[t] * rows * trialsPerRow);
        }
        output.WriteLine($"largest deviation: {Worst:F2} standard errors");
        return map;
    }

    /// <summary>The permutation m (fitted component k is true component m[k]) minimizing Σ_k cost(k, m[k]).</summary>
    public static int[] BestPermutation(int k, Func<int, int, double> cost)
    {
        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        foreach (var permutation in Permutations(k))
        {
            var total = 0.0;
            for (var c = 0; c < k; c++) total += cost(c, permutation[c]);
            if (total < bestCost)
            {
                bestCost = total;
                best = permutation;
            }
        }
        return best!;
    }

    /// <summary>The <see cref="BestPermutation"/> for the cost ‖θ̂_k − θ_{m[k]}‖², over flattened parameters.</summary>
    public static int[] BestMatch(IReadOnlyList<double[]> fitted, IReadOnlyList<double[]> truth) =>
        BestPermutation(truth.Count, (k, t) =>
        {
            var cost = 0.0;
            for (var j = 0; j < fitted[k].Length; j++)
            {
                var delta = fitted[k][j] - truth[t][j];
                cost += delta * delta;
            }
            return cost;
        });

    /// <summary>All permutations of 0 … k − 1.</summary>
    private static IEnumerable<int[]> Permutations(int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }
        foreach (var rest in Permutations(k - 1))
            for (var position = 0; position <= rest.Length; position++)
            {
                var permutation = new int[k];
                rest.AsSpan(0, position).CopyTo(permutation);
                permutation[position] = k - 1;
                rest.AsSpan(position).CopyTo(permutation.AsSpan(position + 1));
                yield return permutation;
            }
    }
}
