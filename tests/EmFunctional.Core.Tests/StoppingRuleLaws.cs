using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// Law 10: stopping rules are values with precise meanings. A tolerance of 0 never stops; FirstOf
/// takes the first rule that fires; hitting the iteration cap is a normal, not-converged result; the
/// responsibility-change rule stops when ‖R_t − R_{t−1}‖_F (rows weighted) falls below its tolerance.
/// </summary>
public class StoppingRuleLaws
{
    private readonly PropertyRun run = new();
    private int converged;

    private static readonly Mixture<GaussianComponent> Dummy = new(
        new[] { 1.0 }.ToArr(), new[] { new GaussianFamily(CovarianceKind.Full).CenteredAt([0.0]) }.ToArr());

    private static EmState<GaussianComponent> State(int iteration, double change, Option<double> responsibilityChange) =>
        EmState<GaussianComponent>.Initial(Dummy) with { Iteration = iteration, Change = change, MeanLogLikelihood = -1, ResponsibilityChange = responsibilityChange };

    private static Gen<double> Changes => Gen.OneOf(
        Gen.Elements(0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, double.PositiveInfinity, double.NegativeInfinity, double.NaN),
        Gen.Choose(-1_000_000, 1_000_000).Select(v => v * 1e-9));

    [SeededProperty(300)]
    public Property ZeroToleranceNeverStops()
    {
        var gen =
            from iteration in Gen.Choose(0, 10_000)
            from change in Changes
            select (iteration, change);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var state = State(testCase.iteration, testCase.change, Option<double>.None);
            Assert.True(new StoppingRule.LogLikelihoodChange(0).Check(state).IsNone, $"stopped at change {testCase.change:R}");
            Assert.True(new StoppingRule.ResponsibilityChange(0).Check(state with { ResponsibilityChange = Math.Abs(testCase.change) }).IsNone);
        });
    }

    [SeededProperty(300)]
    public Property ToleranceRulesStopExactlyBelowTheirTolerance()
    {
        var gen =
            from change in Changes
            from tolerance in Gen.Elements(1e-12, 1e-6, 1e-3, 0.5)
            select (change, tolerance);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (change, tolerance) = testCase;
            var state = State(5, change, Math.Abs(change));
            var logLikelihood = new StoppingRule.LogLikelihoodChange(tolerance).Check(state);
            Assert.Equal(Math.Abs(change) < tolerance ? Option<StopReason>.Some(StopReason.LogLikelihoodConverged) : Option<StopReason>.None, logLikelihood);
            var responsibility = new StoppingRule.ResponsibilityChange(tolerance).Check(state);
            Assert.Equal(Math.Abs(change) < tolerance ? Option<StopReason>.Some(StopReason.ResponsibilitiesConverged) : Option<StopReason>.None, responsibility);
            // Without a measured responsibility change (first step, or not tracked) that rule cannot fire.
            Assert.True(new StoppingRule.ResponsibilityChange(tolerance).Check(state with { ResponsibilityChange = Option<double>.None }).IsNone);
        });
    }

    [SeededProperty(200)]
    public Property MaximumIterationsStopsAtTheCount()
    {
        var gen =
            from count in Gen.Choose(0, 50)
            from iteration in Gen.Choose(0, 60)
            select (count, iteration);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var reason = new StoppingRule.MaximumIterations(testCase.count).Check(State(testCase.iteration, 1, Option<double>.None));
            Assert.Equal(testCase.iteration >= testCase.count ? Option<StopReason>.Some(StopReason.MaximumIterations) : Option<StopReason>.None, reason);
        });
    }

    [SeededProperty(200)]
    public Property FirstOfTakesTheFirstRuleThatFires()
    {
        var rules = new (StoppingRule Rule, StopReason Reason)[]
        {
            (new StoppingRule.LogLikelihoodChange(1), StopReason.LogLikelihoodConverged),
            (new StoppingRule.ResponsibilityChange(1), StopReason.ResponsibilitiesConverged),
            (new StoppingRule.MaximumIterations(3), StopReason.MaximumIterations),
        };
        var gen =
            from order in Gen.Shuffle(Enumerable.Range(0, rules.Length))
            from fires in Gen.Elements(true, false).ArrayOf(rules.Length)
            select (order, fires);
        Assert.True(new StoppingRule.FirstOf(Arr<StoppingRule>.Empty).Check(State(1000, 0, 0.0)).IsNone);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (order, fires) = testCase;
            // fires[j] decides whether rule j holds in the state.
            var state = State(fires[2] ? 3 : 2, fires[0] ? 0.5 : 2, fires[1] ? 0.5 : 2);
            var composite = new StoppingRule.FirstOf(order.Select(j => rules[j].Rule).ToArr());
            var expected = order.Where(j => fires[j]).Select(j => (StopReason?)rules[j].Reason).FirstOrDefault();
            var actual = composite.Check(state);
            Assert.Equal(expected.HasValue, actual.IsSome);
            if (expected.HasValue) Assert.Equal(expected.Value, actual.IfNone(default(StopReason)));
            Assert.Equal(order.Contains(1), composite.NeedsResponsibilityChange);
        });
    }

    [Fact]
    public void DefaultRuleReportsConvergenceOnTheLastAllowedIteration()
    {
        var rule = StoppingRule.Default(1e-3, 10, 1e-2);
        Assert.True(rule.NeedsResponsibilityChange);
        Assert.False(StoppingRule.Default().NeedsResponsibilityChange);
        Assert.Equal(StopReason.LogLikelihoodConverged, rule.Check(State(10, 1e-4, 0.5)).IfNone(default(StopReason)));
        Assert.Equal(StopReason.ResponsibilitiesConverged, rule.Check(State(10, 1, 1e-3)).IfNone(default(StopReason)));
        Assert.Equal(StopReason.MaximumIterations, rule.Check(State(10, 1, 0.5)).IfNone(default(StopReason)));
        Assert.True(rule.Check(State(9, 1, 0.5)).IsNone);
    }

    [SeededProperty(100)]
    public Property AFitThatHitsTheCapIsNotConverged()
    {
        var gen =
            from scenario in Generators.Scenarios()
            from cap in Gen.Choose(1, 12)
            select (scenario, cap);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, cap) = testCase;
            var data = scenario.CreateData();
            var options = new EmOptions(StoppingRule.Default(0, cap), scenario.Initialization, 1, scenario.InitializationSeed);
            var fit = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("Fit");
            Assert.False(fit.Converged);
            Assert.Equal(StopReason.MaximumIterations, fit.StopReason);
            Assert.Equal(Option<StopReason>.Some(StopReason.MaximumIterations), fit.FinalState.StopReason);
            Assert.Equal(cap, fit.Iterations);
            Assert.Equal(cap, fit.Restarts[0].Iterations);
            // The fit's log-likelihood is that of its final mixture.
            TestSupport.AssertClose(Inference.LogLikelihood(scenario.Family, data, fit.Mixture).Expect("LogLikelihood"), fit.LogLikelihood, 1e-14, "log-likelihood of the result");
        });
    }

    [SeededProperty(100)]
    public Property LogLikelihoodRuleStopsAtTheFirstSmallChange()
    {
        // Whatever happens, a fit stops exactly at the first step whose |Δ mean log-likelihood| is below
        // the tolerance (converged), or at the cap when there is none (not converged).
        var gen =
            from scenario in Generators.Scenarios()
            from tolerance in Gen.Elements(1e-2, 1e-4, 1e-8)
            select (scenario, tolerance);
        return run.ForAll(this, gen, testCase =>
        {
            var (scenario, tolerance) = testCase;
            var data = scenario.CreateData();
            const int cap = 300;
            var options = new EmOptions(StoppingRule.Default(tolerance, cap), scenario.Initialization, 1, scenario.InitializationSeed);
            var fit = Fitting.Fit(scenario.Family, data, scenario.Components, options).Expect("Fit");
            var trace = fit.Restarts[fit.BestRestart].Trace;
            Assert.Equal(fit.Iterations, trace.Count);
            for (var t = 0; t < trace.Count - 1; t++) Assert.True(Math.Abs(trace[t].Change) >= tolerance, $"step {t + 1} had already converged");
            if (Math.Abs(fit.FinalState.Change) < tolerance)
            {
                Assert.Equal(StopReason.LogLikelihoodConverged, fit.StopReason);
                Assert.True(fit.Converged);
                converged++;
            }
            else
            {
                Assert.Equal(StopReason.MaximumIterations, fit.StopReason);
                Assert.Equal(cap, fit.Iterations);
            }
        }, atEnd: () => Assert.True(converged >= 80, $"only {converged} of 100 fits converged: the rule was barely exercised"));
    }

    [SeededProperty(100)]
    public Property ResponsibilityChangeRuleStopsAFitBelowItsTolerance()
    {
        var gen =
            from scenario in Generators.Scenarios(maxRows: 40)
            from tolerance in Gen.Elements(1e-2, 1e-4, 1e-6)
            select (scenario, tolerance);
        return run.ForAll(this, gen, testCase =>
        {
            var (scenario, tolerance) = testCase;
            var data = scenario.CreateData();
            var start = scenario.Initialize(data).Expect("initialization");
            const int cap = 300;
            var rule = new StoppingRule.FirstOf(new StoppingRule[] { new StoppingRule.ResponsibilityChange(tolerance), new StoppingRule.MaximumIterations(cap) }.ToArr());
            var fit = Fitting.FitFrom(scenario.Family, data, start, rule).Expect("FitFrom");
            var trace = fit.Restarts[0].Trace;
            Assert.True(trace[0].ResponsibilityChange.IsNone, "the first step has no previous E-step to compare with");
            for (var t = 1; t < trace.Count - 1; t++)
                Assert.True(trace[t].ResponsibilityChange.IfNone(double.NaN) >= tolerance, $"step {t + 1} was already below the tolerance");
            var reported = fit.FinalState.ResponsibilityChange.IfNone(double.NaN);
            if (reported < tolerance)
            {
                Assert.Equal(StopReason.ResponsibilitiesConverged, fit.StopReason);
                Assert.True(fit.Converged);
                converged++;
            }
            else
            {
                Assert.Equal(StopReason.MaximumIterations, fit.StopReason);
                Assert.Equal(cap, fit.Iterations);
            }
            if (fit.Iterations < 2) return;

            // The reported value is ‖R(θ_{t−1}) − R(θ_{t−2})‖_F with rows weighted by w_i, recomputed here.
            var evaluated = fit.FinalState.EvaluatedMixture.IfNoneUnsafe(() => null!)!;
            var states = TestSupport.Run(scenario.Family, data, start, fit.Iterations).States;
            var before = states[^2].EvaluatedMixture.IfNoneUnsafe(() => null!)!;
            TestSupport.AssertIdentical(states[^1].EvaluatedMixture.IfNoneUnsafe(() => null!)!, evaluated, "evaluated mixture");
            var (r1, _) = Inference.Evaluate(scenario.Family, data, evaluated).Expect("Evaluate");
            var (r0, _) = Inference.Evaluate(scenario.Family, data, before).Expect("Evaluate");
            var k = start.Count;
            var squared = 0.0;
            for (var i = 0; i < data.Rows; i++)
                for (var c = 0; c < k; c++)
                    squared += data.Weight(i) * (r1[i * k + c] - r0[i * k + c]) * (r1[i * k + c] - r0[i * k + c]);
            Assert.True(Math.Abs(Math.Sqrt(squared) - reported) <= 1e-12 + 1e-9 * reported, $"‖ΔR‖: recomputed {Math.Sqrt(squared):R}, reported {reported:R}");
        }, atEnd: () => Assert.True(converged >= 80, $"only {converged} of 100 fits converged: the rule was barely exercised"));
    }
}
