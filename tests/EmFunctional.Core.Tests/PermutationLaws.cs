using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 7: permutation equivariance. The order of the rows is irrelevant (the E-step's log-likelihood and
/// the M-step's parameters do not change), and permuting the components of the start permutes the
/// components of every later state in the same way.
/// </summary>
public class PermutationLaws
{
    private static Gen<(Scenario Scenario, int PermutationSeed)> Cases(int maxRows = 60) =>
        from scenario in Generators.Scenarios(maxRows: maxRows, wellPosed: true)
        from permutationSeed in Generators.Seed
        select (scenario, permutationSeed);

    [SeededProperty(150)]
    public Property PermutingRowsChangesNeitherTheLogLikelihoodNorTheEstimate()
    {
        return Prop.ForAll(Arb.From(Cases()), testCase =>
        {
            var (scenario, permutationSeed) = testCase;
            var data = scenario.CreateData();
            var permuted = TestSupport.Permute(data, TestSupport.Permutation(new Random(permutationSeed), data.Rows));
            var family = scenario.Family;
            var start = scenario.Initialize(data).Expect("initialization");

            var expectation = Em.EStep(family, data, start).Expect("EStep");
            var permutedExpectation = Em.EStep(family, permuted, start).Expect("EStep (permuted)");
            TestSupport.AssertClose(expectation.LogLikelihood, permutedExpectation.LogLikelihood, 1e-10, "E-step log-likelihood");
            TestSupport.AssertClose(expectation.TotalWeight, permutedExpectation.TotalWeight, 1e-14, "total weight");
            var estimate = Em.MStep(family, expectation.Statistics).Expect("MStep");
            var permutedEstimate = Em.MStep(family, permutedExpectation.Statistics).Expect("MStep (permuted)");
            TestSupport.AssertClose(estimate, permutedEstimate, 1e-10, "M-step");

            // And along a few steps of EM.
            var (states, _) = TestSupport.Run(family, data, start, 5);
            var (permutedStates, _) = TestSupport.Run(family, permuted, start, 5);
            Assert.Equal(states.Count, permutedStates.Count);
            for (var t = 0; t < states.Count; t++)
            {
                TestSupport.AssertClose(states[t].MeanLogLikelihood, permutedStates[t].MeanLogLikelihood, 1e-10, $"state {t + 1} log-likelihood");
                TestSupport.AssertClose(states[t].Mixture, permutedStates[t].Mixture, 1e-10, $"state {t + 1}");
            }
        });
    }

    [SeededProperty(100)]
    public Property PermutingRowsPermutesResponsibilities()
    {
        return Prop.ForAll(Arb.From(Cases(maxRows: 30)), testCase =>
        {
            var (scenario, permutationSeed) = testCase;
            var data = scenario.CreateData();
            var order = TestSupport.Permutation(new Random(permutationSeed), data.Rows);
            var permuted = TestSupport.Permute(data, order);
            var start = scenario.Initialize(data).Expect("initialization");
            var (r, logDensities) = Inference.Evaluate(scenario.Family, data, start).Expect("Evaluate");
            var (rp, permutedLogDensities) = Inference.Evaluate(scenario.Family, permuted, start).Expect("Evaluate (permuted)");
            var k = start.Count;
            for (var i = 0; i < data.Rows; i++)
            {
                // Row-wise computations: identical bits, not merely close.
                TestSupport.AssertIdentical(logDensities[order[i]], permutedLogDensities[i], $"log p(x_{i})");
                for (var c = 0; c < k; c++) TestSupport.AssertIdentical(r[order[i] * k + c], rp[i * k + c], $"r[{i},{c}]");
            }
        });
    }

    [SeededProperty(150)]
    public Property PermutingComponentsOfTheStartPermutesEveryState()
    {
        return Prop.ForAll(Arb.From(Cases()), testCase =>
        {
            var (scenario, permutationSeed) = testCase;
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var k = start.Count;
            // Component j of the permuted start is component map[j] of the original.
            var map = TestSupport.Permutation(new Random(permutationSeed), k);
            var permutedStart = new Mixture<GaussianComponent>(map.Select(j => start.Weights[j]).ToArr(), map.Select(j => start.Components[j]).ToArr());

            var (states, error) = TestSupport.Run(scenario.Family, data, start, 8);
            var (permutedStates, permutedError) = TestSupport.Run(scenario.Family, data, permutedStart, 8);
            Assert.Equal(states.Count, permutedStates.Count);
            Assert.Equal(error?.Code, permutedError?.Code);
            for (var t = 0; t < states.Count; t++)
            {
                TestSupport.AssertClose(states[t].MeanLogLikelihood, permutedStates[t].MeanLogLikelihood, 1e-10, $"state {t + 1} log-likelihood");
                TestSupport.AssertClose(states[t].Mixture, permutedStates[t].Mixture, 1e-10, $"state {t + 1}", map);
                for (var j = 0; j < k; j++)
                    TestSupport.AssertClose(states[t].Diagnostics[map[j]].EffectiveCount, permutedStates[t].Diagnostics[j].EffectiveCount, 1e-10, $"state {t + 1} N_{j}");
            }
        });
    }
}
