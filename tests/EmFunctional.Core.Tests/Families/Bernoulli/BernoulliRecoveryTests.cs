using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Initialization;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Bernoulli;

/// <summary>
/// Whole fits: a known mixture is sampled through <see cref="Inference.Sample"/>, fitted with restarts,
/// matched to the truth by the best permutation, and every parameter compared with its true value.
/// </summary>
/// <remarks>
/// Tolerances come from standard errors. A probability p_kj is estimated from about π_k·N rows, so its
/// standard error is √(p(1 − p)/(π_k N)) when the class of every row is known; a weight π_k from N rows
/// has √(π_k(1 − π_k)/N). Not knowing the classes inflates these by the fraction of missing information,
/// which is small when the classes are well separated (in the three-class test the Bayes rule
/// misclassifies 2.6% of the rows, so the inflation is a few percent). The tests allow 5 standard errors: P(|Z| &gt; 5) ≈ 6·10⁻⁷ per
/// parameter, so a correct fit essentially never fails, while a wrong M-step (a missing weight, an
/// off-by-one prior) moves estimates by tens of standard errors at N = 20 000. Seeds are fixed, so the
/// tests are deterministic anyway; the bound says the seeds were not cherry-picked.
/// </remarks>
public class BernoulliRecoveryTests(ITestOutputHelper output)
{
    private const int Draws = 20_000;

    private static Mixture<BernoulliComponent> Mixture(double[] weights, params double[][] probabilities) =>
        new(weights.ToArr(), probabilities.Select(p => BernoulliComponent.Create(p).Expect()).ToArr());

    private static Dataset SampleData(Mixture<BernoulliComponent> truth, int count, ulong seed, out int[] labels)
    {
        var d = truth.Components[0].Dimensions;
        var (rows, trueLabels) = Inference.Sample(new BernoulliFamily(), truth, d, count, seed);
        labels = trueLabels;
        return Generators.ToDataset(rows, count, d);
    }

    /// <summary>Asserts recovery within 5 standard errors and returns the fitted→true component map.</summary>
    private int[] AssertRecovered(Mixture<BernoulliComponent> truth, Mixture<BernoulliComponent> fitted, double n) =>
        new RecoveryCheck(output, 5).Proportions(truth, fitted, c => c.Probabilities.ToArray(), n);

    [Fact]
    public void ThreeClassesAreRecoveredWithinFiveStandardErrors()
    {
        var truth = Mixture(
            [0.5, 0.3, 0.2],
            [0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.1],
            [0.1, 0.1, 0.1, 0.1, 0.9, 0.9, 0.9, 0.9],
            [0.9, 0.1, 0.9, 0.1, 0.9, 0.1, 0.9, 0.1]);
        var data = SampleData(truth, Draws, 2024, out var classes);
        var family = new BernoulliFamily();
        Assert.True(family.Check(data).IsSuccess);
        var bayes = Inference.Labels(Inference.Evaluate(family, data, truth).Expect().Responsibilities, 3);
        output.WriteLine($"the Bayes rule with the true parameters misclassifies {Enumerable.Range(0, Draws).Count(i => bayes[i] != classes[i]) / (double)Draws:P2} of the rows");
        var fit = Fitting.Fit(family, data, 3, new EmOptions(StoppingRule.Default(1e-9, 500), new InitializationStrategy.KMeansPlusPlus(), Restarts: 2, Seed: 5)).Expect();
        output.WriteLine($"{fit.Iterations} iterations, mean log-likelihood {fit.MeanLogLikelihood:F6}, {fit.StopReason}");
        Assert.True(fit.Converged);
        AssertRecovered(truth, fit.Mixture, Draws);
        Assert.Equal(3 - 1 + 3 * 8, fit.FreeParameters);
    }

    /// <summary>
    /// Latent class analysis of a survey: 5 yes/no questions answered by two latent groups of
    /// respondents, "engaged" (65%, mostly yes) and "disengaged" (35%, mostly no). BIC picks two classes
    /// over one and three, the answer probabilities come back within 5 standard errors, and the posterior
    /// classes agree with the true groups about as often as the Bayes rule can (the classes overlap: a
    /// respondent answering yes to 2 of 5 questions could be either).
    /// </summary>
    [Fact]
    public void LatentClassSurveyWithTwoGroups()
    {
        var truth = Mixture(
            [0.65, 0.35],
            [0.85, 0.80, 0.75, 0.90, 0.70],
            [0.20, 0.15, 0.35, 0.30, 0.10]);
        var data = SampleData(truth, Draws, 77, out var groups);
        var family = new BernoulliFamily();
        var options = new EmOptions(StoppingRule.Default(1e-8, 100), new InitializationStrategy.KMeansPlusPlus(), Restarts: 2, Seed: 1);
        // An over-fitted third class converges slowly; 100 iterations bring its log-likelihood within a
        // unit of its maximum, far less than BIC's extra penalty of 6·ln(20 000) ≈ 59 for it.
        var fits = Enumerable.Range(1, 3).Select(k => Fitting.Fit(family, data, k, options).Expect($"K = {k}")).ToArray();
        foreach (var f in fits) output.WriteLine($"K = {f.Mixture.Count}: log-likelihood {f.LogLikelihood:F2}, BIC {f.Bic:F2}, {f.Iterations} iterations ({f.StopReason})");
        Assert.Equal(2, fits.MinBy(f => f.Bic)!.Mixture.Count);

        var fit = fits[1];
        // Five questions separate the groups less sharply (the Bayes rule misclassifies about 6% of the
        // respondents), so more information is missing than in the three-class test; 5 complete-data
        // standard errors still hold with margin (the largest deviation is about 2).
        var map = AssertRecovered(truth, fit.Mixture, Draws);

        var (responsibilities, _) = Inference.Evaluate(family, data, fit.Mixture).Expect();
        var labels = Inference.Labels(responsibilities, 2);
        var bayes = Inference.Labels(Inference.Evaluate(family, data, truth).Expect().Responsibilities, 2);
        var agreement = Enumerable.Range(0, Draws).Count(i => map[labels[i]] == groups[i]) / (double)Draws;
        var bayesAgreement = Enumerable.Range(0, Draws).Count(i => bayes[i] == groups[i]) / (double)Draws;
        output.WriteLine($"fitted classes agree with the true groups for {agreement:P2} of respondents (Bayes rule with the true parameters: {bayesAgreement:P2})");
        Assert.True(agreement >= bayesAgreement - 0.005, $"agreement {agreement:P2} vs Bayes {bayesAgreement:P2}");
    }

    [Fact]
    public void EveryInitializationStrategyFitsAndServesInference()
    {
        var truth = Mixture([0.4, 0.6], [0.9, 0.8, 0.1, 0.2, 0.9], [0.1, 0.2, 0.9, 0.7, 0.2]);
        var data = SampleData(truth, 3000, 9, out _);
        var family = new BernoulliFamily();
        foreach (var strategy in Generators.Strategies)
        {
            var fit = Fitting.Fit(family, data, 2, new EmOptions(StoppingRule.Default(1e-8, 300), strategy, Restarts: 2, Seed: 3)).Expect(strategy.ToString());
            Assert.True(fit.Converged, $"{strategy}: {fit.StopReason}");
            AssertRecovered(truth, fit.Mixture, 3000);
            TestSupport.AssertClose(fit.LogLikelihood, Inference.LogLikelihood(family, data, fit.Mixture).Expect(), 1e-12, $"{strategy}: log-likelihood");
            var (again, _) = Inference.Sample(family, fit.Mixture, 5, 10, 1);
            Assert.All(again, x => Assert.True(x is 0 or 1));
        }
    }
}
