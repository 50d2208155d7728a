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
        where TStatistics : IComponentStatistics =>
        RunFromStarts(family, data, components, options, restart => Start(family, data, components, options, restart, cancellation), cancellation);

    /// <summary>
    /// <see cref="Run{TComponent,TStatistics}(IComponentFamily{TComponent,TStatistics}, Dataset, int, EmOptions, CancellationToken)"/>
    /// with each restart's starting mixture from <paramref name="start"/> (given the restart's number) instead of
    /// the options' initialization: for a family whose start is built from another's, as a noise component's
    /// (<see cref="Families.Noise.NoiseStart"/>). Everything else — seeds, stopping, the choice of the best restart — is as <c>Run</c>'s.
    /// </summary>
    public static IEnumerable<FitEvent<TComponent>> RunFromStarts<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmOptions options,
        Func<int, Either<Error, Mixture<TComponent>>> start,
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
            var seed = RestartSeed(options, r);
            var initial = start(r);
            if (initial.IsLeft)
            {
                var failed = new RestartResult<TComponent>(r, seed, Arr<TracePoint>.Empty, initial.LeftToSeq().Head());
                restarts.Add(failed);
                yield return new FitEvent<TComponent>.RestartEnded(options.Restarts, failed);
                continue;
            }
            var mixture = initial.RightToSeq().Head();
            foreach (var step in RunRestart(family, data, mixture, options, r, options.Restarts, seed, cancellation))
            {
                if (step is FitEvent<TComponent>.RestartEnded ended) restarts.Add(ended.Result);
                yield return step;
            }
        }
        yield return new FitEvent<TComponent>.Completed(Choose(family, data, components, options.Weights, restarts.ToArr()));
    }

    /// <summary>The seed of restart <paramref name="restart"/>: <see cref="RandomSource.DeriveSeed"/>(Seed, restart).</summary>
    public static ulong RestartSeed(EmOptions options, int restart) => RandomSource.DeriveSeed(options.Seed, restart);

    /// <summary>
    /// The starting mixture of restart <paramref name="restart"/> of <see cref="Fit{TComponent,TStatistics}"/>:
    /// <see cref="EmOptions.Initialization"/> with the restart's seed (<see cref="RestartSeed"/>), under the
    /// options' degeneracy policy. Left when the initialization fails, as that restart of <c>Fit</c> would.
    /// A search (<see cref="InitializationStrategy.ShortEm"/>) stops stepping its candidates once
    /// <paramref name="cancellation"/> fires or the options' budget is spent, and starts from the best so far.
    /// </summary>
    public static Either<Error, Mixture<TComponent>> Start<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmOptions options,
        int restart,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics =>
        restart < 0 || restart >= options.Restarts
            ? Errors.InvalidInput($"restart is {restart}; it must be at least 0 and less than the number of restarts ({options.Restarts})")
            : options.Initialization is InitializationStrategy.ShortEm search
                ? ShortEmSearch.Start(family, data, components, search, RestartSeed(options, restart), options, cancellation)
                : Initializer.Initialize(family, data, components, options.Initialization, RestartSeed(options, restart), options.Degeneracy);

    /// <summary>
    /// One restart from <paramref name="start"/> as the lazy sequence of its states, exactly as
    /// <see cref="Fit{TComponent,TStatistics}"/> steps it (<see cref="Em.Iterate{TComponent,TStatistics}"/> with the
    /// options' stopping rule, weights, threads and degeneracy policy). Every state where <c>Fit</c> would
    /// stop carries the reason (<see cref="EmState{TComponent}.StopReason"/>): the stopping rule, else
    /// <paramref name="cancellation"/>, else the options' budget. <c>Fit</c> ends the restart at the first such
    /// state; the sequence itself goes on past it (take what you like), except that no step starts once
    /// <paramref name="cancellation"/> has fired, and, as every sequence of states, it ends after a failed step
    /// (<see cref="EmState{TComponent}.Failure"/>).
    /// </summary>
    public static IEnumerable<EmState<TComponent>> Restart<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        EmOptions options,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics
    {
        // Iterate is not given the token: a cancelled restart must end on a state, marked as such.
        foreach (var state in Em.Iterate(family, data, start, options.Stopping.NeedsResponsibilityChange, options.Weights, options.MaxDegreeOfParallelism, degeneracy: options.Degeneracy))
        {
            if (state.Failed)
            {
                yield return state;
                yield break;
            }
            var reason = options.Stopping.Check(state);
            if (reason.IsNone && cancellation.IsCancellationRequested) reason = StopReason.Cancelled;
            if (reason.IsNone && options.Budget.IsSpent()) reason = StopReason.BudgetExhausted;
            yield return state with { StopReason = reason };
            // The caller asked to stop: no further step, whether the token fired during this step or after it.
            if (cancellation.IsCancellationRequested) yield break;
        }
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
        where TStatistics : IComponentStatistics =>
        RunFrom(family, data, start, new EmOptions(stopping, new InitializationStrategy.KMeansPlusPlus())
        {
            Weights = weights ?? MixtureWeights.Default,
            MaxDegreeOfParallelism = maxDegreeOfParallelism,
            Degeneracy = degeneracy,
            Budget = budget ?? Budget.Unlimited,
        }, cancellation);

    /// <summary>
    /// One run from a given start with the stopping rule, weights, threads, degeneracy policy and budget of
    /// <paramref name="options"/> (its initialization, restarts and seed play no part), as a lazy sequence of events.
    /// </summary>
    public static IEnumerable<FitEvent<TComponent>> RunFrom<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        EmOptions options,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics
    {
        RestartResult<TComponent>? restart = null;
        foreach (var fitEvent in RunRestart(family, data, start, options, 0, 1, 0, cancellation))
        {
            if (fitEvent is FitEvent<TComponent>.RestartEnded ended) restart = ended.Result;
            yield return fitEvent;
        }
        yield return new FitEvent<TComponent>.Completed(Choose(family, data, start.Count, options.Weights, Array(restart!)));
    }

    /// <summary>
    /// The result <c>Fit</c> would return had it run only restart <paramref name="restart"/> (initialized with
    /// <paramref name="seed"/>) and stopped it at <paramref name="state"/>, whose earlier states are
    /// <paramref name="trace"/>: how a state taken from <see cref="Restart{TComponent,TStatistics}"/> becomes a fitted
    /// model. A state without a stop reason gets <see cref="StopReason.StoppedByCaller"/>.
    /// </summary>
    public static Either<Error, FitResult<TComponent>> Conclude<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        EmOptions options,
        int restart,
        ulong seed,
        Arr<TracePoint> trace,
        EmState<TComponent> state)
        where TStatistics : IComponentStatistics
    {
        var final = state.StopReason.IsSome ? state : state with { StopReason = StopReason.StoppedByCaller };
        return Choose(family, data, state.Mixture.Count, options.Weights, Array(Ended(family, data, options, restart, seed, trace, final)));
    }

    /// <summary>A restart that stopped at <paramref name="final"/>: its outcome is that state and its log-likelihood (one pass over the data).</summary>
    private static RestartResult<TComponent> Ended<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, EmOptions options, int index, ulong seed, Arr<TracePoint> trace, EmState<TComponent> final)
        where TStatistics : IComponentStatistics =>
        new(index, seed, trace, Inference.LogLikelihood(family, data, final.Mixture, options.MaxDegreeOfParallelism).Map(logLikelihood => (final, logLikelihood)));

    /// <summary>A state as a point of its restart's trace.</summary>
    public static TracePoint ToTracePoint<TComponent>(EmState<TComponent> state) =>
        new(state.Iteration, state.MeanLogLikelihood, state.Change, state.ResponsibilityChange) { Repairs = state.Repairs };

    /// <summary>One restart's steps as events, up to the first state where it stops, ending with its <see cref="FitEvent{TComponent}.RestartEnded"/>.</summary>
    private static IEnumerable<FitEvent<TComponent>> RunRestart<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        EmOptions options,
        int index,
        int restarts,
        ulong seed,
        CancellationToken cancellation)
        where TStatistics : IComponentStatistics
    {
        var trace = new List<TracePoint>();
        EmState<TComponent>? last = null;
        foreach (var state in Restart(family, data, start, options, cancellation))
        {
            last = state;
            if (state.Failed)
            {
                yield return new FitEvent<TComponent>.RestartEnded(restarts, new RestartResult<TComponent>(index, seed, trace.ToArr(), state.Failure.Head()));
                yield break;
            }
            trace.Add(ToTracePoint(state));
            yield return new FitEvent<TComponent>.Stepped(index, restarts, state);
            if (state.StopReason.IsSome)
            {
                yield return new FitEvent<TComponent>.RestartEnded(restarts, Ended(family, data, options, index, seed, trace.ToArr(), state));
                yield break;
            }
        }
        // The states end without a stop only when the caller cancelled after the last one was seen.
        yield return new FitEvent<TComponent>.RestartEnded(restarts, Ended(family, data, options, index, seed, trace.ToArr(), last! with { StopReason = StopReason.Cancelled }));
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
            MissingCellsByColumn = data.Missing?.ByColumn ?? new int[data.Columns].ToArr(),
        };
    }
}
