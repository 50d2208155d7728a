using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Multinomial;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Multinomial;

/// <summary>
/// Whole fits of the multinomial family: a known mixture is sampled, fitted with restarts, matched to the
/// truth by the best permutation, and every parameter compared with its true value.
/// </summary>
/// <remarks>
/// Each trial is one categorical observation, so p_kj, estimated from the T_k trials of component k's
/// rows, has complete-data standard error √(p(1 − p)/T_k); π_k has √(π_k(1 − π_k)/N). With 20 trials a
/// row the components are well separated (the test prints the Bayes misclassification rate), and the
/// tests allow 5 standard errors, as for the other families.
/// </remarks>
public class MultinomialRecoveryTests(ITestOutputHelper output)
{
    private static readonly Mixture<MultinomialComponent> Truth = new(
        new[] { 0.4, 0.6 }.ToArr(),
        new[] { MultinomialComponent.Create([0.6, 0.3, 0.1]).Expect(), MultinomialComponent.Create([0.15, 0.35, 0.5]).Expect() }.ToArr());

    private void AssertRecovered(Mixture<MultinomialComponent> fitted, double rows, double trialsPerRow) =>
        new RecoveryCheck(output, 5).Proportions(Truth, fitted, c => c.Probabilities.ToArray(), rows, trialsPerRow);

    [Fact]
    public void TwoComponentsAreRecoveredWithinFiveStandardErrors()
    {
        const int draws = 20_000;
        var family = new MultinomialFamily(sampleTrials: 20);
        var (rows, labels) = Inference.Sample(family, Truth, 3, draws, 99);
        var data = Generators.ToDataset(rows, draws, 3);
        Assert.Equal(20, MultinomialFamily.ForData(data).Match(Succ: f => f.SampleTrials, Fail: _ => -1));
        var bayes = Inference.Labels(Inference.Evaluate(family, data, Truth).Expect().Responsibilities, 2);
        output.WriteLine($"the Bayes rule with the true parameters misclassifies {Enumerable.Range(0, draws).Count(i => bayes[i] != labels[i]) / (double)draws:P2} of the rows");
        var fit = Fitting.Fit(family, data, 2, new EmOptions(StoppingRule.Default(1e-9, 500), new InitializationStrategy.KMeansPlusPlus(), Restarts: 3, Seed: 12)).Expect();
        output.WriteLine($"{fit.Iterations} iterations, mean log-likelihood {fit.MeanLogLikelihood:F6}, {fit.StopReason}");
        Assert.True(fit.Converged);
        AssertRecovered(fit.Mixture, draws, 20);
        Assert.Equal(2 - 1 + 2 * 2, fit.FreeParameters);
    }

    [Fact]
    public void EveryInitializationStrategyFitsRowsWithDifferentNumbersOfTrials()
    {
        // 3 000 rows of 1 to 39 trials (mean 20): the density uses each row's own total.
        const int count = 3000;
        var random = RandomSource.Create(41);
        var values = new double[count * 3];
        var totalTrials = 0.0;
        for (var i = 0; i < count; i++)
        {
            var component = random.NextDouble() < Truth.Weights[0] ? 0 : 1;
            var trials = 1 + random.NextInt(39);
            totalTrials += trials;
            Truth.Components[component].Sample(ref random, trials, values.AsSpan(i * 3, 3));
        }
        var data = Generators.ToDataset(values, count, 3);
        var family = MultinomialFamily.ForData(data).Match(Succ: f => f, Fail: e => throw new Xunit.Sdk.XunitException(e.Head.Message));
        Assert.InRange(family.SampleTrials, 19, 21);
        foreach (var strategy in Generators.Strategies)
        {
            var fit = Fitting.Fit(family, data, 2, new EmOptions(StoppingRule.Default(1e-8, 300), strategy, Restarts: 2, Seed: 8)).Expect(strategy.ToString());
            Assert.True(fit.Converged, $"{strategy}: {fit.StopReason}");
            AssertRecovered(fit.Mixture, count, totalTrials / count);
            TestSupport.AssertClose(fit.LogLikelihood, Inference.LogLikelihood(family, data, fit.Mixture).Expect(), 1e-12, $"{strategy}: log-likelihood");
            var (sampled, _) = Inference.Sample(family, fit.Mixture, 3, 20, 1);
            Assert.True(family.Check(Generators.ToDataset(sampled, 20, 3)).IsSuccess);
        }
    }
}
