using EmFunctional.Core.Families.Multinomial;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Multinomial;

/// <summary>
/// The two-coin example of Do &amp; Batzoglou, "What is the expectation maximization algorithm?", Nature
/// Biotechnology 26 (2008): five sets of ten tosses of one of two coins, which coin unknown, with 5, 9,
/// 8, 4 and 7 heads. As multinomial rows (heads, tails): [5, 5], [9, 1], [8, 2], [4, 6], [7, 3]. EM
/// starts at θ_A = 0.6, θ_B = 0.5 with each coin equally likely and kept so (fixed weights ½), and the
/// paper reports θ_A ≈ 0.71, θ_B ≈ 0.58 after one iteration and θ_A ≈ 0.80, θ_B ≈ 0.52 after ten.
/// </summary>
public class TwoCoinTests(ITestOutputHelper output)
{
    private static readonly Dataset Tosses = Generators.ToDataset([5, 5, 9, 1, 8, 2, 4, 6, 7, 3], 5, 2);

    private static Mixture<MultinomialComponent> Start => new(
        new[] { 0.5, 0.5 }.ToArr(),
        new[] { MultinomialComponent.Create([0.6, 0.4]).Expect(), MultinomialComponent.Create([0.5, 0.5]).Expect() }.ToArr());

    [Fact]
    public void TenIterationsGiveThetaA080AndThetaB052()
    {
        var family = new MultinomialFamily();
        Assert.True(family.Check(Tosses).IsSuccess);
        var states = Em.Iterate(family, Tosses, Start, false, new MixtureWeights.Fixed()).Take(10).Select(step => step.Expect()).ToList();
        foreach (var state in states)
            output.WriteLine($"iteration {state.Iteration,2}: θ_A = {state.Mixture.Components[0].Probabilities[0]:R}, θ_B = {state.Mixture.Components[1].Probabilities[0]:R}, " +
                             $"log-likelihood of the previous θ = {state.MeanLogLikelihood * 5:R}");

        // After one iteration (the paper's worked step): 0.71 and 0.58 to two decimals.
        Assert.Equal(0.71, states[0].Mixture.Components[0].Probabilities[0], 0.005);
        Assert.Equal(0.58, states[0].Mixture.Components[1].Probabilities[0], 0.005);
        // After ten: 0.80 and 0.52 to two decimals.
        var final = states[9].Mixture;
        Assert.Equal(0.80, final.Components[0].Probabilities[0], 0.005);
        Assert.Equal(0.52, final.Components[1].Probabilities[0], 0.005);
        Assert.Equal([0.5, 0.5], final.Weights.ToArray());
        // Probabilities stay normalized and the log-likelihood never decreases.
        foreach (var component in final.Components) Assert.Equal(1, component.Probabilities[0] + component.Probabilities[1], 15);
        DiscreteLaws.AssertNeverDecreases(states, "two coins");
    }

    [Fact]
    public void TheFirstIterationByHand()
    {
        // E-step for [5, 5]: the binomial coefficient cancels, so r_A = 0.6⁵0.4⁵ / (0.6⁵0.4⁵ + 0.5¹⁰) ≈ 0.45.
        // M-step: θ_A = Σ_i r_iA h_i / Σ_i r_iA (h_i + t_i), the expected heads over expected tosses of coin A.
        double[] heads = [5, 9, 8, 4, 7];
        var rA = heads.Select(h => Math.Pow(0.6, h) * Math.Pow(0.4, 10 - h) / (Math.Pow(0.6, h) * Math.Pow(0.4, 10 - h) + Math.Pow(0.5, 10))).ToArray();
        Assert.Equal(0.45, rA[0], 0.005);
        Assert.Equal(0.80, rA[1], 0.005);
        var thetaA = rA.Zip(heads, (r, h) => r * h).Sum() / (10 * rA.Sum());
        var thetaB = rA.Zip(heads, (r, h) => (1 - r) * h).Sum() / (10 * rA.Sum(r => 1 - r));

        var state = Em.Step(new MultinomialFamily(), Tosses, EmState<MultinomialComponent>.Initial(Start), weights: new MixtureWeights.Fixed()).Expect();
        TestSupport.AssertClose(thetaA, state.Mixture.Components[0].Probabilities[0], 1e-14, "θ_A");
        TestSupport.AssertClose(thetaB, state.Mixture.Components[1].Probabilities[0], 1e-14, "θ_B");
        output.WriteLine($"r_A = [{string.Join(", ", rA.Select(r => r.ToString("F4")))}], θ_A = {thetaA:F4}, θ_B = {thetaB:F4}");

        // The reported log-likelihood is that of the start: Σ_i log(½ Bin(h_i | 10, 0.6) + ½ Bin(h_i | 10, 0.5)).
        var logLikelihood = heads.Sum(h => Math.Log(0.5 * MathNet.Numerics.Distributions.Binomial.PMF(0.6, 10, (int)h) + 0.5 * MathNet.Numerics.Distributions.Binomial.PMF(0.5, 10, (int)h)));
        TestSupport.AssertClose(logLikelihood / 5, state.MeanLogLikelihood, 1e-13, "mean log-likelihood of the start");
    }
}
