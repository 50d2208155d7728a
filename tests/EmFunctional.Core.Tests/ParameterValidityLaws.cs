using FsCheck;
using FsCheck.Fluent;
using EmFunctional.Core.Families.Gaussian;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 3: every mixture the core produces (initializations, every EM state, fit results) has positive
/// weights summing to 1 and symmetric positive-definite covariances of its kind's shape.
/// </summary>
public class ParameterValidityLaws
{
    /// <summary>Asserts the law for one mixture; Cholesky is MathNet's, independent of the core's.</summary>
    internal static void AssertValid(Mixture<GaussianComponent> mixture, CovarianceKind kind, int dimensions, string what)
    {
        Assert.Equal(mixture.Weights.Count, mixture.Components.Count);
        var sum = 0.0;
        for (var k = 0; k < mixture.Count; k++)
        {
            var weight = mixture.Weights[k];
            Assert.True(weight > 0 && weight <= 1, $"{what}: weight {k} is {weight:R}");
            sum += weight;
        }
        Assert.True(Math.Abs(sum - 1) <= 1e-12, $"{what}: weights sum to {sum:R}");
        for (var k = 0; k < mixture.Count; k++)
        {
            var component = mixture.Components[k];
            Assert.Equal(kind, component.Kind);
            Assert.Equal(dimensions, component.Dimensions);
            Assert.Equal(GaussianComponent.ParameterLength(kind, dimensions), component.CovarianceParameters.Length);
            foreach (var m in component.Mean) Assert.True(double.IsFinite(m), $"{what}: component {k} has a non-finite mean");
            var sigma = component.FullCovariance();
            for (var i = 0; i < dimensions; i++)
                for (var j = 0; j < i; j++)
                    Assert.True(Math.Abs(sigma[i * dimensions + j] - sigma[j * dimensions + i]) <= 1e-14 * (Math.Abs(sigma[i * dimensions + j]) + Math.Abs(sigma[j * dimensions + i])),
                        $"{what}: component {k} covariance is not symmetric at ({i}, {j})");
            var matrix = TestSupport.Matrix(sigma, dimensions);
            MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> factor;
            try { factor = matrix.Cholesky(); }
            catch (ArgumentException) { throw new Xunit.Sdk.XunitException($"{what}: component {k} covariance is not positive definite"); }
            Assert.True(factor.Factor.Diagonal().All(v => v > 0 && double.IsFinite(v)), $"{what}: component {k} Cholesky diagonal not positive");
            TestSupport.AssertClose(factor.DeterminantLn, component.LogDeterminant, 1e-9, $"{what}: component {k} log-determinant");
        }
        if (kind == CovarianceKind.Tied)
            for (var k = 1; k < mixture.Count; k++)
                Assert.Equal(mixture.Components[0].CovarianceParameters.ToArray(), mixture.Components[k].CovarianceParameters.ToArray());
    }

    [SeededProperty(150)]
    public Property InitialAndIteratedMixturesHaveDistributionWeightsAndPositiveDefiniteCovariances()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            AssertValid(start, scenario.Kind, data.Columns, "start");
            var (states, _) = TestSupport.Run(scenario.Family, data, start, 25);
            Assert.NotEmpty(states);
            foreach (var state in states)
            {
                AssertValid(state.Mixture, scenario.Kind, data.Columns, $"state {state.Iteration}");
                var counts = state.Diagnostics.Map(d => d.EffectiveCount).ToArray();
                TestSupport.AssertClose(data.TotalWeight, counts.Sum(), 1e-12, $"state {state.Iteration}: Σ N_k = Σ w_i");
                for (var k = 0; k < counts.Length; k++)
                    TestSupport.AssertClose(counts[k] / counts.Sum(), state.Mixture.Weights[k], 1e-12, $"state {state.Iteration}: π_{k} = N_k / N");
            }
        });
    }

    [SeededProperty(60)]
    public Property FittedMixturesAreValid()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var options = new EmOptions(Convergence.StoppingRule.Default(1e-6, 200), scenario.Initialization, Restarts: 2, Seed: scenario.InitializationSeed);
            var fit = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("Fit");
            AssertValid(fit.Mixture, scenario.Kind, data.Columns, "fit");
            Assert.True(double.IsFinite(fit.LogLikelihood));
            TestSupport.AssertClose(data.TotalWeight, fit.TotalWeight, 1e-15, "total weight");
        });
    }

    [Fact]
    public void ShrinkingClustersStayPositiveDefiniteThanksToRegularization()
    {
        // Clusters of 1–2 rows in 3 dimensions: the unregularized scatter is singular, λ = 1e-6 must
        // still give positive-definite covariances for every kind.
        var values = new double[] { 0, 0, 0, 10, 10, 10, 10.5, 10, 10, -10, 5, 0, -10.2, 5.1, 0.3 };
        var data = Generators.ToDataset(values, 5, 3);
        foreach (var kind in Generators.Kinds)
            foreach (var strategy in Generators.Strategies)
            {
                var family = new GaussianFamily(kind);
                var start = Initialization.Initializer.Initialize(family, data, 3, strategy, 7).Expect($"{kind}/{strategy} initialization");
                AssertValid(start, kind, 3, $"{kind}/{strategy} start");
                var (states, error) = TestSupport.Run(family, data, start, 10);
                Assert.True(error is null, $"{kind}/{strategy}: {error?.Message}");
                foreach (var state in states) AssertValid(state.Mixture, kind, 3, $"{kind}/{strategy} state {state.Iteration}");
            }
    }
}
