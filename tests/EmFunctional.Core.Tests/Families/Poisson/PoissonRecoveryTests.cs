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

        // Fitted c is true σ[c] for the permutation σ minimizing Σ_c Σ_j (λ̂_cj − λ_σ(c)j)² / λ_σ(c)j.
        var map = RecoveryCheck.BestPermutation(3, (c, t) => Enumerable.Range(0, 3).Sum(j =>
        {
            var delta = fit.Mixture.Components[c].Rates[j] - TrueRates[t][j];
            return delta * delta / TrueRates[t][j];
        }));
        // Standard errors with the labels known: λ̂ has SE √(λ / (n π)), π̂ has SE √(π (1 − π) / n). The
        // labels are latent, which inflates the variance by the fraction of missing information; these
        // components overlap little (every pair differs by ≥ 5 SDs in some column), so a factor 2 on the SE
        // covers it, and 4 such SEs is a generous two-sided bound (the worst z-score printed is ≈ 2).
        var check = new RecoveryCheck(output, 4 * 2);
        for (var c = 0; c < 3; c++)
        {
            var t = map[c];
            check.Proportion($"weight of component {c} (true {t})", fit.Mixture.Weights[c], TrueWeights[t], n);
            for (var j = 0; j < 3; j++)
                check.Within($"rate {j} of component {c} (true {t})", fit.Mixture.Components[c].Rates[j], TrueRates[t][j], Math.Sqrt(TrueRates[t][j] / (n * TrueWeights[t])));
        }
        output.WriteLine($"worst z-score {check.Worst:F2}; log-likelihood {fit.LogLikelihood:F2} after {fit.Iterations} steps");
    }
}
