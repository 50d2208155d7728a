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
    /// Left with the first candidate's error when every candidate fails.
    /// </summary>
    public static Either<Error, Mixture<TComponent>> Start<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        InitializationStrategy.ShortEm search,
        ulong seed,
        EmOptions options)
        where TStatistics : IComponentStatistics
    {
        if (search.KMeansPlusPlusStarts < 0 || search.RandomFromDataStarts < 0 || search.Candidates < 1)
            return Errors.InvalidInput($"the short-EM search has {search.KMeansPlusPlusStarts} k-means++ and {search.RandomFromDataStarts} random-row starts{(search.WithHierarchical ? " and the hierarchical one" : "")}; it needs at least one start and no negative count");
        if (search.ShortIterations < 1)
            return Errors.InvalidInput($"the short-EM search's short iterations is {search.ShortIterations}; it must be at least 1");
        var kinds = new (InitializationStrategy Strategy, int Count)[]
        {
            (new InitializationStrategy.Hierarchical(), search.WithHierarchical ? 1 : 0),
            (new InitializationStrategy.KMeansPlusPlus(), search.KMeansPlusPlusStarts),
            (new InitializationStrategy.RandomFromData(), search.RandomFromDataStarts),
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
        var steps = search.ShortIterations;
        while (pool.Count > 0)
        {
            var advanced = new List<EmState<TComponent>>(pool.Count);
            foreach (var candidate in pool)
                Advance(family, data, candidate.Mixture, steps, options).Match(
                    Right: advanced.Add,
                    Left: error => firstError = firstError.IsSome ? firstError : error);
            // Regular candidates first, then by log-posterior; OrderBy is stable, so ties keep candidate order.
            var ranked = advanced.OrderBy(state => state.Repairs.IsEmpty ? 0 : 1).ThenByDescending(state => state.MeanLogPosterior).ToList();
            if (ranked.Count <= 1) return ranked.Count == 1 ? ranked[0].Mixture : firstError.IfNone(Errors.InvalidInput("the short-EM search had no candidate"));
            pool = ranked.Take((ranked.Count + 1) / 2).ToList();
            // Successive halving: half the candidates, twice the steps, so every round costs about the same.
            steps *= 2;
        }
        return firstError.IfNone(Errors.InvalidInput("the short-EM search had no candidate"));
    }

    /// <summary>The state <paramref name="steps"/> EM steps after <paramref name="start"/>, or the failure of the step that failed.</summary>
    private static Either<Error, EmState<TComponent>> Advance<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start, int steps, EmOptions options)
        where TStatistics : IComponentStatistics
    {
        EmState<TComponent>? last = null;
        foreach (var state in Em.Iterate(family, data, start, false, options.Weights, options.MaxDegreeOfParallelism, degeneracy: options.Degeneracy).Take(steps))
        {
            if (state.Failed) return state.Failure.Head();
            last = state;
        }
        return last!;
    }
}
