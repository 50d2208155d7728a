using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Initialization;

/// <summary>
/// The start <see cref="InitializationStrategy.ShortEm"/> chooses: many cheap starts, a few EM steps each, the
/// better half kept each round. It runs EM, so it lives beside the fit (<see cref="Fitting.Start{TComponent,TStatistics}"/>
/// calls it with the fit's weights, threads and degeneracy policy), not in <see cref="Initializer"/>.
/// </summary>
public static class ShortEmSearch
{
    /// <summary>
    /// The surviving candidate's mixture. Candidate c of each kind is initialized with seed
    /// DeriveSeed(DeriveSeed(seed, kind), c), so adding candidates of one kind leaves the others unchanged.
    /// Left with the first candidate's error when every candidate fails. Once <paramref name="cancellation"/>
    /// fires or the options' budget is spent no candidate takes another step: the best one so far is the start.
    /// </summary>
    public static Either<Error, Mixture<TComponent>> Start<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        InitializationStrategy.ShortEm search,
        ulong seed,
        EmOptions options,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics
    {
        var stopped = new Func<bool>(() => cancellation.IsCancellationRequested || options.Budget.IsSpent());
        if (search.KMeansPlusPlusStarts < 0 || search.RandomFromDataStarts < 0 || search.RandomResponsibilityStarts < 0 || search.Candidates < 1)
            return Errors.InvalidInput($"the short-EM search has {search.KMeansPlusPlusStarts} k-means++, {search.RandomFromDataStarts} random-row and {search.RandomResponsibilityStarts} random-responsibility starts{(search.WithHierarchical ? " and the hierarchical one" : "")}; it needs at least one start and no negative count");
        if (search.ShortIterations < 1)
            return Errors.InvalidInput($"the short-EM search's short iterations is {search.ShortIterations}; it must be at least 1");
        if (search.SplitMergeRounds < 0 || (search.SplitMergeRounds > 0 && search.SplitMergePairs < 1))
            return Errors.InvalidInput($"the short-EM search has {search.SplitMergeRounds} split-and-merge rounds of {search.SplitMergePairs} merge pairs; rounds must be at least 0 and, with rounds, pairs at least 1");
        // One component has one maximum whatever the start: a single k-means++ candidate is the whole search.
        if (components == 1) search = search with { WithHierarchical = false, KMeansPlusPlusStarts = 1, RandomFromDataStarts = 0, RandomResponsibilityStarts = 0 };
        var kinds = new (InitializationStrategy Strategy, int Count)[]
        {
            // Too wide for the tree (see HierarchicalAgglomeration.MaximumColumns): the other kinds search alone.
            (new InitializationStrategy.Hierarchical(), search.WithHierarchical && data.Columns <= HierarchicalAgglomeration.MaximumColumns ? 1 : 0),
            (new InitializationStrategy.KMeansPlusPlus(), search.KMeansPlusPlusStarts),
            (new InitializationStrategy.RandomFromData(), search.RandomFromDataStarts),
            (new InitializationStrategy.RandomResponsibilities(), search.RandomResponsibilityStarts),
        };
        var pool = new List<EmState<TComponent>>();
        Option<Error> firstError = default;
        for (var kind = 0; kind < kinds.Length; kind++)
        {
            var kindSeed = RandomSource.DeriveSeed(seed, kind);
            for (var c = 0; c < kinds[kind].Count; c++)
                Initializer.Initialize(family, data, components, kinds[kind].Strategy, RandomSource.DeriveSeed(kindSeed, c), options.Degeneracy).Match(
                    Right: mixture => pool.Add(EmState<TComponent>.Initial(mixture)),
                    Left: error => firstError = firstError.IsSome ? firstError : error);
        }
        var winner = Halve(family, data, [.. pool.Select(state => new Candidate<TComponent>(state, false))], search.ShortIterations, options, stopped, ref firstError);
        if (winner is null) return firstError.IfNone(Errors.InvalidInput("the short-EM search had no candidate"));
        // Split-and-merge rounds: from the winner run to its stop, its moves race it by the same halving; a
        // move that wins ranks above the winner (which, converged, does not move), and the next round starts from it.
        for (var round = 0; round < search.SplitMergeRounds && components >= 3 && !stopped(); round++)
        {
            var current = Converge(family, data, winner, options, stopped);
            if (current is null) break;
            winner = current;
            var moves = SplitMerge.Moves(family, data, current.State.Mixture, search.SplitMergePairs, options.Degeneracy, options.MaxDegreeOfParallelism);
            if (moves.Count == 0) break;
            Option<Error> ignored = default;
            var challenger = Halve(family, data, [current, .. moves.Select(move => new Candidate<TComponent>(EmState<TComponent>.Initial(move), false))], search.ShortIterations, options, stopped, ref ignored);
            if (challenger is null || ReferenceEquals(challenger, current)) break;
            winner = challenger;
        }
        return winner.State.Mixture;
    }

    /// <summary>
    /// Successive halving: every candidate not yet converged runs <paramref name="steps"/> EM steps; the better
    /// half (regular first, then by log-posterior; one of several at the same optimum) runs twice as many, and
    /// so on until one is left, which is returned (null when every candidate failed; the first failure is kept
    /// in <paramref name="firstError"/>).
    /// </summary>
    private static Candidate<TComponent>? Halve<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, List<Candidate<TComponent>> candidates, int steps, EmOptions options, Func<bool> stopped, ref Option<Error> firstError)
        where TStatistics : IComponentStatistics
    {
        while (candidates.Count > 0)
        {
            var advanced = new List<Candidate<TComponent>>(candidates.Count);
            foreach (var candidate in candidates)
            {
                // Stopped: the candidates are ranked where they stand.
                if (candidate.Converged || stopped())
                {
                    advanced.Add(candidate);
                    continue;
                }
                var next = Advance(family, data, candidate.State.Mixture, steps, options, stopped, untilAnyStop: false);
                if (next.IsRight) advanced.Add(next.IfLeft(candidate));
                else if (firstError.IsNone) firstError = next.LeftToSeq().Head();
            }
            // Regular candidates first, then by log-posterior; OrderBy is stable, so ties keep candidate order.
            var ranked = advanced.OrderBy(candidate => candidate.State.Repairs.IsEmpty ? 0 : 1).ThenByDescending(candidate => candidate.State.MeanLogPosterior).ToList();
            // Starts that converged to the same optimum are one candidate: the places they free go to other basins.
            ranked = [.. ranked.Where((candidate, i) => !(candidate.Converged && i > 0 && ranked[i - 1].Converged && SameOptimum(ranked[i - 1].State, candidate.State)))];
            if (ranked.Count <= 1 || stopped()) return ranked.Count >= 1 ? ranked[0] : null;
            candidates = [.. ranked.Take((ranked.Count + 1) / 2)];
            // Half the candidates, twice the steps, so every round costs about the same.
            steps *= 2;
        }
        return null;
    }

    /// <summary><paramref name="candidate"/> run until the fit's stopping rule holds (its iteration cap counted from here) or the search is stopped; null if a step fails.</summary>
    private static Candidate<TComponent>? Converge<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Candidate<TComponent> candidate, EmOptions options, Func<bool> stopped)
        where TStatistics : IComponentStatistics
    {
        if (candidate.Converged) return candidate;
        var converged = Advance(family, data, candidate.State.Mixture, int.MaxValue, options, stopped, untilAnyStop: true);
        // Not Match: LanguageExt refuses a null result from it.
        return converged.IsRight ? converged.RightToSeq().Head() : null;
    }

    /// <summary>A candidate's state, and whether the fit's stopping rule already holds there (it is not stepped again).</summary>
    private sealed record Candidate<TComponent>(EmState<TComponent> State, bool Converged);

    /// <summary>
    /// Two converged candidates at one optimum: the same degeneracy standing and log-posteriors within 1e-9
    /// relative. Two starts stopping on either side of one maximum differ by about the tolerance; two distinct
    /// optima this close are as good as each other.
    /// </summary>
    private static bool SameOptimum<TComponent>(EmState<TComponent> first, EmState<TComponent> second) =>
        first.Repairs.IsEmpty == second.Repairs.IsEmpty
        && Math.Abs(first.MeanLogPosterior - second.MeanLogPosterior) <= 1e-9 * Math.Max(1.0, Math.Abs(first.MeanLogPosterior));

    /// <summary>
    /// The state <paramref name="steps"/> EM steps after <paramref name="start"/>, or sooner where the fit's
    /// stopping rule holds (then converged; with <paramref name="untilAnyStop"/> also at its iteration cap, then
    /// not converged), or when the search is stopped, or the failure of the step that failed.
    /// </summary>
    private static Either<Error, Candidate<TComponent>> Advance<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start, int steps, EmOptions options, Func<bool> stopped, bool untilAnyStop)
        where TStatistics : IComponentStatistics
    {
        EmState<TComponent>? last = null;
        foreach (var state in Em.Iterate(family, data, start, false, options.Weights, options.MaxDegreeOfParallelism, degeneracy: options.Degeneracy).Take(steps))
        {
            if (state.Failed) return state.Failure.Head();
            var reason = options.Stopping.Check(state);
            // Converged only where no repair just moved it; but any rule that holds ends a run to the stop, as it
            // ends the fit (a policy that repairs every step would otherwise never stop).
            if (state.Settled && reason.Exists(stop => stop.IsConverged())) return new Candidate<TComponent>(state, true);
            if ((untilAnyStop && reason.IsSome) || stopped()) return new Candidate<TComponent>(state, false);
            last = state;
        }
        return new Candidate<TComponent>(last!, false);
    }
}
