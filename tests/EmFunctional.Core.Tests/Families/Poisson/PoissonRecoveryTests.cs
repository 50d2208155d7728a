using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Initialization;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Poisson;

/// <summary>
/// Recovery: 20 000 rows sampled (seeded) from a known three-component Poisson mixture are fitted with
/// restarts, and the fitted components, matched to the truth by the best permutation, lie within a few
/// standard errors of the true parameters.
/// </summary>
public class PoissonRecoveryTests(ITestOutputHelper output)
{
    private static readonly double[][] TrueRates =
    [
        [1.0, 8.0, 0.5],
        [7.0, 2.0, 12.0],
        [16.0, 15.0, 3.0],
    ];

    private static readonly double[] TrueWeights = [0.3, 0.45, 0.25];

    /// <summary>The permutation σ (fitted k ↦ true σ[k]) minimizing Σ_k Σ_j (λ̂_kj − λ_σ(k)j)² / λ_σ(k)j.</summary>
    public static int[] BestPermutation(int k, Func<int, int, double> cost)
    {
        int[]? best = null;
        var bestCost = double.PositiveInfinity;
        foreach (var permutation in Permutations(Enumerable.Range(0, k).ToArray()))
        {
            var total = Enumerable.Range(0, k).Sum(c => cost(c, permutation[c]));
            if (total < bestCost)
            {
                bestCost = total;
                best = permutation;
            }
        }
        return best!;
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
            foreach (var rest in Permutations(items.Where((_, j) => j != i).ToArray()))
                yield return [items[i], .. rest];
    }

    [Fact]
    public void RecoversAThreeComponentPoissonMixture()
    {
        const int n = 20_000;
        var family = new PoissonFamily();
        var truth = new Mixture<PoissonComponent>(
            TrueWeights.ToArr(),
            TrueRates.Select(r => PoissonComponent.Create(r).Expect("truth")).ToArr());
        var (rows, _) = Inference.Sample(family, truth, 3, n, seed: 20_240_601);
        var data = Generators.ToDataset(rows, n, 3);
        Assert.True(family.Check(data).IsSuccess);

        var options = new EmOptions(StoppingRule.Default(1e-9, 500), new InitializationStrategy.KMeansPlusPlus(), Restarts: 4, Seed: 5);
        var fit = Fitting.Fit(family, data, 3, options).Expect("fit");
        Assert.True(fit.Converged, $"stopped by {fit.StopReason} after {fit.Iterations} steps");

        var map = BestPermutation(3, (c, t) => Enumerable.Range(0, 3).Sum(j =>
        {
            var delta = fit.Mixture.Components[c].Rates[j] - TrueRates[t][j];
            return delta * delta / TrueRates[t][j];
        }));
        // Standard errors with the labels known: λ̂ has SE √(λ / (n π)), π̂ has SE √(π (1 − π) / n). The
        // labels are latent, which inflates the variance by the fraction of missing information; these
        // components overlap little (every pair differs by ≥ 5 SDs in some column), so a factor 2 on the SE
        // covers it, and 4 such SEs is a generous two-sided bound (the worst z-score printed is ≈ 2).
        var worst = 0.0;
        for (var c = 0; c < 3; c++)
        {
            var t = map[c];
            var weightError = Math.Sqrt(TrueWeights[t] * (1 - TrueWeights[t]) / n);
            var z = Math.Abs(fit.Mixture.Weights[c] - TrueWeights[t]) / weightError;
            worst = Math.Max(worst, z);
            Assert.True(z <= 4 * 2, $"weight of component {c} (true {t}): {fit.Mixture.Weights[c]} vs {TrueWeights[t]} ({z:F1} SE)");
            for (var j = 0; j < 3; j++)
            {
                var rate = fit.Mixture.Components[c].Rates[j];
                var standardError = Math.Sqrt(TrueRates[t][j] / (n * TrueWeights[t]));
                z = Math.Abs(rate - TrueRates[t][j]) / standardError;
                worst = Math.Max(worst, z);
                output.WriteLine($"component {c} ↔ {t}, column {j}: λ̂ = {rate:F4}, λ = {TrueRates[t][j]}, z = {z:F2}");
                Assert.True(z <= 4 * 2, $"rate {j} of component {c} (true {t}): {rate} vs {TrueRates[t][j]} ({z:F1} SE)");
            }
        }
        output.WriteLine($"worst z-score {worst:F2}; log-likelihood {fit.LogLikelihood:F2} after {fit.Iterations} steps");
    }
}
