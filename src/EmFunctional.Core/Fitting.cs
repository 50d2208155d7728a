using EmFunctional.Core.Convergence;
using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Families;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using EmFunctional.Core.Selection;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary><c>Fit</c> = <see cref="Em.Iterate"/> + a stopping rule + restarts.</summary>
public static class Fitting
{
    /// <summary>
    /// Runs <see cref="EmOptions.Restarts"/> restarts, restart r initialized with the seed
    /// <see cref="RandomSource.DeriveSeed"/>(Seed, r), each iterated until its stopping rule holds, and
    /// keeps the restart whose final mixture has the highest log-posterior — the log-likelihood when there
    /// is no prior — (the first on ties). Failed
    /// restarts are recorded; Left only when every restart failed (with the first restart's error).
    /// Cancellation ends the current restart at its latest state (stop reason Cancelled) and skips the rest.
    /// </summary>
    public static Either<Error, FitResult<TComponent>> Fit<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmOptions options,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics =>
        Outcome(Run(family, data, components, options, cancellation));

    /// <summary>
    /// <see cref="Fit{TComponent,TStatistics}"/> as the lazy sequence of what happens on the way: every EM
    /// step of every restart (<see cref="FitEvent{TComponent}.Stepped"/>), the end of each restart, and
    /// last <see cref="FitEvent{TComponent}.Completed"/> with exactly what <c>Fit</c> returns. Nothing runs
    /// until enumerated; enumerating twice repeats the same fit. This is how a caller watches a fit (a
    /// progress line, a log) without the fit doing any I/O.
    /// </summary>
    public static IEnumerable<FitEvent<TComponent>> Run<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmOptions options,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics
    {
        if (options.Restarts < 1)
        {
            yield return new FitEvent<TComponent>.Completed(Errors.InvalidInput($"restarts is {options.Restarts}; it must be at least 1"));
            yield break;
        }
        var restarts = new List<RestartResult<TComponent>>();
        for (var r = 0; r < options.Restarts; r++)
        {
            if (r > 0 && (cancellation.IsCancellationRequested || options.Budget.IsSpent())) break;
            var seed = RandomSource.DeriveSeed(options.Seed, r);
            var start = Initializer.Initialize(family, data, components, options.Initialization, seed, options.Degeneracy);
            if (start.IsLeft)
            {
                var failed = new RestartResult<TComponent>(r, seed, Arr<TracePoint>.Empty, start.LeftToSeq().Head());
                restarts.Add(failed);
                yield return new FitEvent<TComponent>.RestartEnded(options.Restarts, failed);
                continue;
            }
            var mixture = start.RightToSeq().Head();
            foreach (var step in RunRestart(family, data, mixture, options.Stopping, options.Weights, options.MaxDegreeOfParallelism, options.Degeneracy, r, options.Restarts, seed, cancellation, options.Budget))
            {
                if (step is FitEvent<TComponent>.RestartEnded ended) restarts.Add(ended.Result);
                yield return step;
            }
        }
        yield return new FitEvent<TComponent>.Completed(Choose(family, data, components, options.Weights, restarts.ToArr()));
    }

    /// <summary>The result a run's <see cref="FitEvent{TComponent}.Completed"/> event carries, running the rest of it.</summary>
    public static Either<Error, FitResult<TComponent>> Outcome<TComponent>(IEnumerable<FitEvent<TComponent>> events)
    {
        foreach (var fitEvent in events)
            if (fitEvent is FitEvent<TComponent>.Completed completed) return completed.Result;
        throw new InvalidOperationException("a fit's events ended without a Completed event");
    }

    /// <summary>A single run from a given starting mixture (user-supplied initial parameters).</summary>
    public static Either<Error, FitResult<TComponent>> FitFrom<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        StoppingRule stopping,
        CancellationToken cancellation = default,
        MixtureWeights? weights = null,
        int maxDegreeOfParallelism = -1,
        DegeneracyPolicy? degeneracy = null,
        Budget? budget = null)
        where TStatistics : IComponentStatistics =>
        Outcome(RunFrom(family, data, start, stopping, cancellation, weights, maxDegreeOfParallelism, degeneracy, budget));

    /// <summary><see cref="FitFrom{TComponent,TStatistics}"/> as a lazy sequence of events, as <see cref="Run{TComponent,TStatistics}"/> is for <c>Fit</c>.</summary>
    public static IEnumerable<FitEvent<TComponent>> RunFrom<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        StoppingRule stopping,
        CancellationToken cancellation = default,
        MixtureWeights? weights = null,
        int maxDegreeOfParallelism = -1,
        DegeneracyPolicy? degeneracy = null,
        Budget? budget = null)
        where TStatistics : IComponentStatistics
    {
        var policy = weights ?? MixtureWeights.Default;
        RestartResult<TComponent>? restart = null;
        foreach (var fitEvent in RunRestart(family, data, start, stopping, policy, maxDegreeOfParallelism, degeneracy, 0, 1, 0, cancellation, budget ?? Budget.Unlimited))
        {
            if (fitEvent is FitEvent<TComponent>.RestartEnded ended) restart = ended.Result;
            yield return fitEvent;
        }
        yield return new FitEvent<TComponent>.Completed(Choose(family, data, start.Count, policy, Array(restart!)));
    }

    /// <summary>One restart's steps as events, ending with its <see cref="FitEvent{TComponent}.RestartEnded"/>.</summary>
    private static IEnumerable<FitEvent<TComponent>> RunRestart<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        StoppingRule stopping,
        MixtureWeights weights,
        int maxDegreeOfParallelism,
        DegeneracyPolicy? degeneracy,
        int index,
        int restarts,
        ulong seed,
        CancellationToken cancellation,
        Budget budget)
        where TStatistics : IComponentStatistics
    {
        var trace = new List<TracePoint>();
        // Iterate is not given the token: Fit must end on a state, so it checks the token after each step.
        foreach (var step in Em.Iterate(family, data, start, stopping.NeedsResponsibilityChange, weights, maxDegreeOfParallelism, degeneracy: degeneracy))
        {
            if (step.IsLeft)
            {
                yield return new FitEvent<TComponent>.RestartEnded(restarts, new RestartResult<TComponent>(index, seed, trace.ToArr(), step.LeftToSeq().Head()));
                yield break;
            }
            var state = step.RightToSeq().Head();
            trace.Add(new TracePoint(state.Iteration, state.MeanLogLikelihood, state.Change, state.ResponsibilityChange) { Repairs = state.Repairs });
            yield return new FitEvent<TComponent>.Stepped(index, restarts, state);
            var reason = stopping.Check(state);
            if (reason.IsNone && cancellation.IsCancellationRequested) reason = StopReason.Cancelled;
            if (reason.IsNone && budget.IsSpent()) reason = StopReason.BudgetExhausted;
            if (reason.IsSome)
            {
                var final = state with { StopReason = reason };
                var outcome = Inference.LogLikelihood(family, data, final.Mixture, maxDegreeOfParallelism).Map(logLikelihood => (final, logLikelihood));
                yield return new FitEvent<TComponent>.RestartEnded(restarts, new RestartResult<TComponent>(index, seed, trace.ToArr(), outcome));
                yield break;
            }
        }
        throw new InvalidOperationException("Em.Iterate is unbounded; it cannot end without an error");
    }

    private static Either<Error, FitResult<TComponent>> Choose<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, int components, MixtureWeights weights, Arr<RestartResult<TComponent>> restarts)
        where TStatistics : IComponentStatistics
    {
        // The winner maximizes what EM maximized: the log-likelihood, plus the log-prior under MAP. A restart
        // that ended with a degenerate component (recorded only under a degeneracy policy) competes only when
        // no restart ended without one: a component collapsed onto duplicate rows has an unbounded
        // likelihood, so it would otherwise win by the very defect the policy reports.
        var bestIndex = -1;
        var bestObjective = double.NegativeInfinity;
        var bestIsDegenerate = true;
        for (var r = 0; r < restarts.Count; r++)
        {
            restarts[r].Outcome.IfRight(outcome =>
            {
                var objective = outcome.LogLikelihood + Em.LogPrior(family, outcome.State.Mixture, weights);
                var degenerate = !outcome.State.Repairs.IsEmpty;
                if (bestIndex < 0 || (bestIsDegenerate && !degenerate) || (degenerate == bestIsDegenerate && objective > bestObjective))
                {
                    bestIndex = r;
                    bestObjective = objective;
                    bestIsDegenerate = degenerate;
                }
            });
        }
        if (bestIndex < 0)
            return restarts[0].Outcome.LeftToSeq().Head(); // the first restart always runs, even when cancelled
        var (state, logLikelihood) = restarts[bestIndex].Outcome.RightToSeq().Head();
        // Fixed weights are not estimated, so they are not free parameters.
        var familyParameters = family.FreeParameters(components, data.Columns);
        var parameters = weights is MixtureWeights.Fixed ? familyParameters : InformationCriteria.MixtureParameters(components, familyParameters);
        return new FitResult<TComponent>(state.Mixture, state, logLikelihood, data.TotalWeight, parameters, bestIndex, restarts)
        {
            LogPrior = Em.LogPrior(family, state.Mixture, weights),
        };
    }
}
