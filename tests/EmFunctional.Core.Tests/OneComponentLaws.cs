using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 6: with one component every responsibility is 1, so one EM step from any start lands on the
/// closed-form (weighted) maximum-likelihood estimate: the sample mean, and the biased (/N) sample
/// covariance plus λ on the diagonal in the kind's parametrization.
/// </summary>
public class OneComponentLaws
{
    [SeededProperty(200)]
    public Property OneStepGivesTheWeightedSampleMeanAndBiasedCovariance()
    {
        var gen =
            from scenario in Generators.Scenarios(maxComponents: 1, weightModes: [WeightMode.None, WeightMode.Integer, WeightMode.Real])
            from lambda in Gen.Elements(0.0, 1e-6, 0.5)
            from startSeed in Generators.Seed
            select (scenario: scenario with { Regularization = lambda }, startSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, startSeed) = testCase;
            var data = scenario.CreateData();
            var d = data.Columns;
            var lambda = scenario.Regularization;
            // Any start will do: an arbitrary component, possibly far away.
            var start = new Mixture<GaussianComponent>(new[] { 1.0 }.ToArr(), new[] { Generators.RandomComponent(new Random(startSeed), scenario.Kind, d, meanScale: 50) }.ToArr());
            var next = Em.Step(scenario.Family, data, EmState<GaussianComponent>.Initial(start));
            var needed = scenario.Kind is CovarianceKind.Full or CovarianceKind.Tied ? d + 1 : 2;
            if (lambda == 0 && data.CountDistinctRows(needed) < needed)
                return; // Too few distinct rows for a non-singular unregularized covariance: not this law's business.
            var state = next.Expect("Step");
            var weights = TestSupport.WeightsOf(data);
            var (n, mean, scatter) = TestSupport.TwoPass(data.Values, d, weights);
            var component = state.Mixture.Components[0];

            Assert.Equal(1.0, state.Mixture.Weights[0]);
            TestSupport.AssertClose(n, state.Diagnostics[0].EffectiveCount, 1e-13, "N");
            TestSupport.AssertClose(mean, component.Mean, 1e-12, "mean");
            var covariance = scatter.Select(s => s / n).ToArray();
            var expected = scenario.Kind switch
            {
                CovarianceKind.Full or CovarianceKind.Tied => covariance.Select((c, i) => i % (d + 1) == 0 ? c + lambda : c).ToArray(),
                CovarianceKind.Diagonal => Enumerable.Range(0, d).Select(j => covariance[j * d + j] + lambda).ToArray(),
                _ => [Enumerable.Range(0, d).Average(j => covariance[j * d + j]) + lambda],
            };
            TestSupport.AssertClose(expected, component.CovarianceParameters, 1e-11, $"{scenario.Kind} covariance");

            // The reported log-likelihood is that of the start, not of the estimate.
            var startLogLikelihood = Inference.LogLikelihood(scenario.Family, data, start).Expect("LogLikelihood");
            TestSupport.AssertClose(startLogLikelihood / data.TotalWeight, state.MeanLogLikelihood, 1e-12, "mean log-likelihood of the start");
        });
    }

    [SeededProperty(100)]
    public Property OneComponentIsAFixedPointAfterOneStep()
    {
        // The closed form does not depend on the start, so a second step changes nothing.
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxComponents: 1)), scenario =>
        {
            var data = scenario.CreateData();
            var (states, error) = TestSupport.Run(scenario.Family, data, scenario.Initialize(data).Expect("initialization"), 3);
            Assert.True(error is null, error?.Message);
            TestSupport.AssertClose(states[1].Mixture, states[2].Mixture, 1e-12, "second vs third step");
            TestSupport.AssertClose(states[0].Mixture, states[1].Mixture, 1e-12, "first vs second step");
        });
    }

    [SeededProperty(100)]
    public Property TiedWithOneComponentIsFull()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxComponents: 1, kinds: [CovarianceKind.Full])), scenario =>
        {
            var data = scenario.CreateData();
            var full = new GaussianFamily(CovarianceKind.Full, scenario.Regularization);
            var tied = new GaussianFamily(CovarianceKind.Tied, scenario.Regularization);
            var fullState = Em.Step(full, data, EmState<GaussianComponent>.Initial(
                new Mixture<GaussianComponent>(new[] { 1.0 }.ToArr(), new[] { full.CenteredAt(data.Row(0)) }.ToArr()))).Expect("full step");
            var tiedState = Em.Step(tied, data, EmState<GaussianComponent>.Initial(
                new Mixture<GaussianComponent>(new[] { 1.0 }.ToArr(), new[] { tied.CenteredAt(data.Row(0)) }.ToArr()))).Expect("tied step");
            TestSupport.AssertClose(fullState.Mixture.Components[0].Mean, tiedState.Mixture.Components[0].Mean, 1e-14, "mean");
            TestSupport.AssertClose(fullState.Mixture.Components[0].CovarianceParameters, tiedState.Mixture.Components[0].CovarianceParameters, 1e-14, "covariance");
            TestSupport.AssertClose(fullState.MeanLogLikelihood, tiedState.MeanLogLikelihood, 1e-14, "log-likelihood");
        });
    }
}
