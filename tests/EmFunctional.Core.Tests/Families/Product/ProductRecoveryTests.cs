using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Initialization;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Product;

/// <summary>
/// Recovery: 20 000 rows sampled (seeded) from a known three-class mixture over a mixed table (two
/// correlated Gaussian columns, two binary columns and one count column, interleaved) are fitted with
/// restarts; matched to the truth by the best permutation, every fitted parameter lies within a few
/// standard errors of the truth.
/// </summary>
public class ProductRecoveryTests(ITestOutputHelper output)
{
    private sealed record Truth(double Weight, double[] Mean, double[] Covariance, double[] Probabilities, double Rate);

    private static readonly Truth[] Classes =
    [
        new(0.5, [0, 0], [1, 0.5, 0.5, 1], [0.2, 0.7], 3),
        new(0.3, [3, 1], [0.5, -0.2, -0.2, 1.5], [0.8, 0.3], 10),
        new(0.2, [-2, 4], [2, 0, 0, 0.5], [0.5, 0.9], 1),
    ];

    [Fact]
    public void RecoversAMixtureOverGaussianBinaryAndCountColumns()
    {
        const int n = 20_000;
        var family = ProductTestData.CheckedInterleaved();
        var truth = new Mixture<ProductComponent>(
            Classes.Select(c => c.Weight).ToArr(),
            Classes.Select(c => family.Compose(
                GaussianComponent.Create(CovarianceKind.Full, c.Mean, c.Covariance).Expect(),
                BernoulliComponent.Create(c.Probabilities).Expect(),
                PoissonComponent.Create([c.Rate]).Expect()).Expect()).ToArr());
        var (rows, _) = Inference.Sample(family, truth, 5, n, seed: 31_415);
        var data = Generators.ToDataset(rows, n, 5);
        Assert.True(family.Check(data).IsSuccess);

        var options = new EmOptions(StoppingRule.Default(1e-9, 1000), new InitializationStrategy.KMeansPlusPlus(), Restarts: 4, Seed: 3);
        var fit = Fitting.Fit(family, data, 3, options).Expect("fit");
        Assert.True(fit.Converged, $"stopped by {fit.StopReason} after {fit.Iterations} steps");
        var fitted = fit.Mixture;

        var map = RecoveryCheck.BestPermutation(3, (c, t) =>
        {
            var mean = fitted.Components[c].Part<GaussianComponent>(0).Mean;
            return Math.Pow(mean[0] - Classes[t].Mean[0], 2) + Math.Pow(mean[1] - Classes[t].Mean[1], 2);
        });

        // Standard errors with the labels known, for n_k = n π_k rows of class k: π̂ ~ √(π(1 − π)/n),
        // μ̂_j ~ √(Σ_jj/n_k), Σ̂_ij ~ √((Σ_ii Σ_jj + Σ_ij²)/n_k) (Wishart), p̂_j ~ √(p(1 − p)/n_k), λ̂ ~ √(λ/n_k).
        // The labels are latent, which inflates variances by the missing information; the classes here
        // are separated by ≥ 3 SDs jointly, so a factor 2 on the SE covers that, and 4 such SEs bound it.
        var check = new RecoveryCheck(output, 4 * 2);
        for (var c = 0; c < 3; c++)
        {
            var t = Classes[map[c]];
            var nk = n * t.Weight;
            var component = fitted.Components[c];
            check.Proportion($"π[{c}]", fitted.Weights[c], t.Weight, n);
            var gaussian = component.Part<GaussianComponent>(0);
            var covariance = gaussian.FullCovariance();
            for (var i = 0; i < 2; i++)
            {
                check.Within($"μ[{c}][{i}]", gaussian.Mean[i], t.Mean[i], Math.Sqrt(t.Covariance[i * 3] / nk));
                for (var j = 0; j <= i; j++)
                    check.Within($"Σ[{c}][{i},{j}]", covariance[i * 2 + j], t.Covariance[i * 2 + j],
                        Math.Sqrt((t.Covariance[i * 3] * t.Covariance[j * 3] + t.Covariance[i * 2 + j] * t.Covariance[i * 2 + j]) / nk));
            }
            for (var j = 0; j < 2; j++)
                check.Proportion($"p[{c}][{j}]", component.Part<BernoulliComponent>(1).Probabilities[j], t.Probabilities[j], nk);
            check.Within($"λ[{c}]", component.Part<PoissonComponent>(2).Rates[0], t.Rate, Math.Sqrt(t.Rate / nk));
        }
        output.WriteLine($"worst z-score {check.Worst:F2}; {fit.Iterations} steps; log-likelihood {fit.LogLikelihood:F1}; parameters {fit.FreeParameters}");
        Assert.Equal(2 + 3 * (2 + 3) + 3 * 2 + 3 * 1, fit.FreeParameters);
    }
}
