using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Initialization;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Categorical;

/// <summary>
/// Whole fits of the categorical family: a known mixture sampled through <see cref="Inference.Sample"/>,
/// fitted with restarts, matched to the truth by the best permutation, every probability compared with
/// its true value.
/// </summary>
/// <remarks>
/// p_jc is a proportion over about π_k·N rows, so its complete-data standard error is
/// √(p(1 − p)/(π_k N)), and π_k's is √(π_k(1 − π_k)/N). The classes below are well separated (the
/// Bayes rule misclassifies about 2% of the rows; the test prints the rate), so missing information
/// inflates these only slightly, and 5 standard errors (P(|Z| &gt; 5) ≈ 6·10⁻⁷ per parameter) leave a
/// correct fit ample room while a wrong M-step would miss by tens of standard errors at N = 20 000.
/// </remarks>
public class CategoricalRecoveryTests(ITestOutputHelper output)
{
    private const int Draws = 20_000;

    private static readonly CategoricalFamily Family = new(new[] { 2, 3, 4, 3 }.ToArr());

    private static readonly Mixture<CategoricalComponent> Truth = new(
        new[] { 0.45, 0.35, 0.2 }.ToArr(),
        new[]
        {
            CategoricalComponent.Create([[0.9, 0.1], [0.9, 0.05, 0.05], [0.85, 0.05, 0.05, 0.05], [0.05, 0.05, 0.9]]).Expect(),
            CategoricalComponent.Create([[0.2, 0.8], [0.05, 0.9, 0.05], [0.05, 0.85, 0.05, 0.05], [0.9, 0.05, 0.05]]).Expect(),
            CategoricalComponent.Create([[0.5, 0.5], [0.05, 0.05, 0.9], [0.05, 0.05, 0.1, 0.8], [0.05, 0.9, 0.05]]).Expect(),
        }.ToArr());

    /// <summary>"[j][c]" for each p_jc, in the order of <see cref="Flat"/>.</summary>
    private static readonly string[] Labels = Family.Categories.SelectMany((c, j) => Enumerable.Range(0, c).Select(code => $"[{j}][{code}]")).ToArray();

    private static double[] Flat(CategoricalComponent component) =>
        Enumerable.Range(0, component.Dimensions).SelectMany(j => component.Probabilities(j).ToArray()).ToArray();

    private void AssertRecovered(Mixture<CategoricalComponent> fitted, double n) =>
        new RecoveryCheck(output, 5).Proportions(Truth, fitted, Flat, n, label: i => Labels[i]);

    private static Dataset Sample(int count, ulong seed, out int[] labels)
    {
        var (rows, trueLabels) = Inference.Sample(Family, Truth, 4, count, seed);
        labels = trueLabels;
        return Generators.ToDataset(rows, count, 4);
    }

    [Fact]
    public void ThreeClassesAreRecoveredWithinFiveStandardErrors()
    {
        var data = Sample(Draws, 31, out var labels);
        Assert.True(Family.Check(data).IsSuccess);
        var bayes = Inference.Labels(Inference.Evaluate(Family, data, Truth).Expect().Responsibilities, 3);
        output.WriteLine($"the Bayes rule with the true parameters misclassifies {Enumerable.Range(0, Draws).Count(i => bayes[i] != labels[i]) / (double)Draws:P2} of the rows");
        var fit = Fitting.Fit(Family, data, 3, new EmOptions(StoppingRule.Default(1e-9, 500), new InitializationStrategy.KMeansPlusPlus(), Restarts: 2, Seed: 2)).Expect();
        output.WriteLine($"{fit.Iterations} iterations, mean log-likelihood {fit.MeanLogLikelihood:F6}, {fit.StopReason}");
        Assert.True(fit.Converged);
        AssertRecovered(fit.Mixture, Draws);
        Assert.Equal(3 - 1 + 3 * (1 + 2 + 3 + 2), fit.FreeParameters);
    }

    [Fact]
    public void MapFitWithADirichletPriorIsRecoveredAndMaximizesTheLogPosterior()
    {
        var family = new CategoricalFamily(Family.Categories, DirichletPrior.Laplace);
        var data = Sample(Draws, 32, out _);
        var fit = Fitting.Fit(family, data, 3, new EmOptions(StoppingRule.Default(1e-9, 500), new InitializationStrategy.KMeans(), Restarts: 2, Seed: 4)).Expect();
        output.WriteLine($"{fit.Iterations} iterations, {fit.StopReason}; restarts: {string.Join(", ", fit.Restarts.Map(r => r.Outcome.Match(Right: o => o.State.StopReason.ToString() + " " + o.State.Iteration, Left: e => e.Message)))}");
        Assert.True(fit.Converged);
        // One pseudo-count per code moves an estimate by at most ~1/(π_k N) ≈ 3·10⁻⁴, far below a standard error.
        AssertRecovered(fit.Mixture, Draws);
        TestSupport.AssertClose(fit.LogLikelihood + family.LogPrior(fit.Mixture.Components), fit.LogPosterior, 1e-12, "log-posterior");
        // Dirichlet densities exceed 1 near the centre of the simplex, so the log-prior may have either sign.
        var expected = fit.Mixture.Components.Sum(c => Enumerable.Range(0, c.Dimensions).Sum(j =>
            new MathNet.Numerics.Distributions.Dirichlet(Enumerable.Repeat(2.0, c.CategoryCount(j)).ToArray()).DensityLn(c.Probabilities(j).ToArray())));
        TestSupport.AssertClose(expected, fit.LogPrior, 1e-12, "log-prior");
    }

    [Fact]
    public void EveryInitializationStrategyFitsAndServesInference()
    {
        var data = Sample(3000, 33, out _);
        foreach (var strategy in Generators.Strategies)
        {
            var fit = Fitting.Fit(Family, data, 3, new EmOptions(StoppingRule.Default(1e-8, 300), strategy, Restarts: 3, Seed: 6)).Expect(strategy.ToString());
            Assert.True(fit.Converged, $"{strategy}: {fit.StopReason}");
            AssertRecovered(fit.Mixture, 3000);
            TestSupport.AssertClose(fit.LogLikelihood, Inference.LogLikelihood(Family, data, fit.Mixture).Expect(), 1e-12, $"{strategy}: log-likelihood");
            var (rows, _) = Inference.Sample(Family, fit.Mixture, 4, 50, 1);
            Assert.True(Family.Check(Generators.ToDataset(rows, 50, 4)).IsSuccess);
        }
    }
}
