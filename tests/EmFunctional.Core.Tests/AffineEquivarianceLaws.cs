using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Affine equivariance (from the design's list of laws): EM on y = c·x + b, started from the transformed
/// start and with regularization c²λ, follows the transformed path of EM on x: means c·μ + b,
/// covariances c²Σ (every kind is closed under isotropic scaling), weights unchanged, and the mean
/// log-likelihood shifted by −D ln|c| (the Jacobian).
/// </summary>
public class AffineEquivarianceLaws
{
    private static Mixture<GaussianComponent> Transform(Mixture<GaussianComponent> mixture, double scale, double[] shift) =>
        new(mixture.Weights, mixture.Components.Map(component =>
            GaussianComponent.TryCreate(
                component.Kind,
                component.Mean.ToArray().Select((m, j) => scale * m + shift[j]).ToArray(),
                component.CovarianceParameters.ToArray().Select(v => scale * scale * v).ToArray())!));

    [SeededProperty(100)]
    public Property EmCommutesWithTranslationAndScaling()
    {
        var gen =
            from scenario in Generators.Scenarios(wellPosed: true, maxRows: 40)
            from scale in Gen.Elements(0.01, -0.5, 3.0, 1000.0)
            from shiftSeed in Generators.Seed
            select (scenario, scale, shiftSeed);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, scale, shiftSeed) = testCase;
            var data = scenario.CreateData();
            var d = data.Columns;
            var random = new Random(shiftSeed);
            // Shifts up to 100 spreads: a translation by |b| ≫ |c| would itself round away digits of the data.
            var shift = Enumerable.Range(0, d).Select(_ => Math.Abs(scale) * (200 * random.NextDouble() - 100)).ToArray();
            var values = data.Values.ToArray().Select((v, i) => scale * v + shift[i % d]).ToArray();
            var transformed = Generators.ToDataset(values, data.Rows, d, data.IsWeighted ? TestSupport.WeightsOf(data) : null);
            var family = scenario.Family;
            var transformedFamily = family with { Regularization = scale * scale * family.Regularization };

            var start = scenario.Initialize(data).Expect("initialization");
            var (states, error) = TestSupport.Run(family, data, start, 6);
            var (transformedStates, transformedError) = TestSupport.Run(transformedFamily, transformed, Transform(start, scale, shift), 6);
            Assert.Equal(states.Count, transformedStates.Count);
            Assert.Equal(error?.Code, transformedError?.Code);
            var jacobian = d * Math.Log(Math.Abs(scale));
            for (var t = 0; t < states.Count; t++)
            {
                TestSupport.AssertClose(states[t].MeanLogLikelihood - jacobian, transformedStates[t].MeanLogLikelihood, 1e-9, $"state {t + 1} mean log-likelihood");
                var expected = Transform(states[t].Mixture, scale, shift);
                for (var k = 0; k < expected.Count; k++)
                {
                    var e = expected.Components[k];
                    var a = transformedStates[t].Mixture.Components[k];
                    TestSupport.AssertClose(expected.Weights[k], transformedStates[t].Mixture.Weights[k], 1e-9, $"state {t + 1} weight {k}");
                    // Means relative to the data's spread |c|, covariances relative to c².
                    for (var j = 0; j < d; j++)
                        Assert.True(Math.Abs(e.Mean[j] - a.Mean[j]) <= 1e-9 * Math.Abs(scale) * Math.Max(1, Math.Abs(states[t].Mixture.Components[k].Mean[j])) + 1e-12 * Math.Abs(shift[j]),
                            $"state {t + 1} component {k} mean[{j}]: expected {e.Mean[j]:R}, got {a.Mean[j]:R}");
                    var ec = e.CovarianceParameters.ToArray();
                    var ac = a.CovarianceParameters.ToArray();
                    var covarianceScale = scale * scale * Math.Max(1e-3, ec.Max(Math.Abs) / (scale * scale));
                    for (var i = 0; i < ec.Length; i++)
                        Assert.True(Math.Abs(ec[i] - ac[i]) <= 1e-9 * covarianceScale, $"state {t + 1} component {k} covariance[{i}]: expected {ec[i]:R}, got {ac[i]:R}");
                }
            }
        });
    }
}
