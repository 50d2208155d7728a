using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 8: <see cref="Em.Iterate"/> is lazy and repeatable, <c>Take(k)</c> is k <see cref="Em.Step"/>s,
/// every state's log-likelihood belongs to the mixture that entered its E-step, and
/// <see cref="Fitting.Fit"/> is a pure function of its arguments (bit-identical across calls).
/// </summary>
public class IterationLaws
{
    [SeededProperty(30)]
    public Property IterateComputesNothingUntilEnumerated()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios(maxRows: 20)), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var family = new CountingFamily(scenario.Family);
            var sequence = Em.Iterate(family, data, start);
            var enumerator = sequence.GetEnumerator();
            Assert.Equal(0, family.Calls);
            Assert.True(enumerator.MoveNext());
            var afterOne = family.Calls;
            Assert.True(family.LogDensityCalls > 0 && family.EstimateCalls == 1, $"one element = one E-step and one M-step, saw {family.EstimateCalls} M-steps");
            // Taking k elements runs exactly k steps: the sequence never computes ahead.
            var taken = sequence.Take(3).ToList();
            Assert.True(taken.Count == 3 && taken.All(step => !step.Failed), "well-posed case: three successful steps expected");
            Assert.Equal(1 + 3, family.EstimateCalls);
            Assert.Equal(afterOne * 4, family.Calls);
            enumerator.Dispose();
        });
    }

    [SeededProperty(60)]
    public Property EnumeratingTwiceGivesIdenticalStates()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var sequence = Em.Iterate(scenario.Family, data, start, trackResponsibilityChange: true);
            var first = sequence.Take(10).ToList();
            var second = sequence.Take(10).ToList();
            Assert.Equal(first.Count, second.Count);
            for (var t = 0; t < first.Count; t++)
            {
                Assert.Equal(first[t].Failed, second[t].Failed);
                if (!first[t].Failed) TestSupport.AssertIdentical(first[t], second[t], $"state {t + 1}");
                else Assert.Equal(first[t].ExpectFailure().Code, second[t].ExpectFailure().Code);
            }
        });
    }

    [SeededProperty(100)]
    public Property TakeKLastEqualsKSteps()
    {
        var gen =
            from scenario in Generators.Scenarios()
            from k in Gen.Choose(1, 15)
            from track in Gen.Elements(false, true)
            select (scenario, k, track);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, k, track) = testCase;
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var viaIterate = Em.Iterate(scenario.Family, data, start, track).Take(k).ToList();
            var state = EmState<GaussianComponent>.Initial(start);
            for (var step = 0; step < k; step++)
            {
                var next = Em.Step(scenario.Family, data, state, track);
                if (next.IsLeft)
                {
                    // Iterate ends with the same error, on the state the failed step started from.
                    Assert.Equal(step + 1, viaIterate.Count);
                    Assert.Equal(next.ExpectLeft().Code, viaIterate[^1].ExpectFailure().Code);
                    TestSupport.AssertIdentical(state.Mixture, viaIterate[^1].Mixture, "the failed state's mixture");
                    return;
                }
                state = next.Expect();
                Assert.Equal(step + 1, state.Iteration);
                TestSupport.AssertIdentical(state, viaIterate[step].Expect(), $"step {step + 1}");
            }
            Assert.Equal(k, viaIterate.Count);
            TestSupport.AssertIdentical(state, viaIterate.Last().Expect(), "Take(k).Last()");
        });
    }

    [SeededProperty(80)]
    public Property EachStateReportsTheLogLikelihoodOfTheMixtureThatEnteredIt()
    {
        return Prop.ForAll(Arb.From(Generators.Scenarios()), scenario =>
        {
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            var (states, _) = TestSupport.Run(scenario.Family, data, start, 8);
            var previous = start;
            var previousMean = double.NegativeInfinity;
            foreach (var state in states)
            {
                var evaluated = state.EvaluatedMixture.IfNoneUnsafe(() => throw new Xunit.Sdk.XunitException("a stepped state has no evaluated mixture"))!;
                TestSupport.AssertIdentical(previous, evaluated, $"state {state.Iteration} evaluated mixture");
                var total = Inference.LogLikelihood(scenario.Family, data, previous).Expect("LogLikelihood");
                TestSupport.AssertClose(total / data.TotalWeight, state.MeanLogLikelihood, 1e-12, $"state {state.Iteration} mean log-likelihood");
                Assert.Equal(state.MeanLogLikelihood - previousMean, state.Change);
                previous = state.Mixture;
                previousMean = state.MeanLogLikelihood;
            }
        });
    }

    [SeededProperty(60)]
    public Property FitWithTheSameSeedIsBitIdentical()
    {
        var gen =
            from scenario in Generators.Scenarios()
            from restarts in Gen.Choose(1, 3)
            from responsibility in Gen.Elements(false, true)
            select (scenario, restarts, responsibility);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, restarts, responsibility) = testCase;
            var data = scenario.CreateData();
            var options = new EmOptions(StoppingRule.Default(1e-5, 60, responsibility ? 1e-4 : null), scenario.Initialization, restarts, scenario.InitializationSeed);
            var a = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("first fit");
            var b = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("second fit");
            TestSupport.AssertIdentical(a.Mixture, b.Mixture, "fitted mixture");
            TestSupport.AssertIdentical(a.FinalState, b.FinalState, "final state");
            TestSupport.AssertIdentical(a.LogLikelihood, b.LogLikelihood, "log-likelihood");
            Assert.Equal(a.BestRestart, b.BestRestart);
            Assert.Equal(a.Restarts.Count, b.Restarts.Count);
            for (var r = 0; r < a.Restarts.Count; r++)
            {
                Assert.Equal(a.Restarts[r].Seed, b.Restarts[r].Seed);
                Assert.Equal(a.Restarts[r].Trace.Count, b.Restarts[r].Trace.Count);
                for (var t = 0; t < a.Restarts[r].Trace.Count; t++)
                {
                    TestSupport.AssertIdentical(a.Restarts[r].Trace[t].MeanLogLikelihood, b.Restarts[r].Trace[t].MeanLogLikelihood, $"restart {r} trace {t}");
                    TestSupport.AssertIdentical(a.Restarts[r].Trace[t].ResponsibilityChange.IfNone(double.NaN), b.Restarts[r].Trace[t].ResponsibilityChange.IfNone(double.NaN), $"restart {r} trace {t} ΔR");
                }
            }
        });
    }
}
