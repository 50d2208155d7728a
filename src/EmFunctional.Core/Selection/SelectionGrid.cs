using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core.Selection;

/// <summary>
/// Model selection over a grid of component counts × families: fit every cell with restarts
/// (<see cref="Fitting.Fit{TComponent,TStatistics}"/>), score it by BIC, AIC and ICL, and pick the best
/// successful cell. Generic in the family type, so a new family needs no change here.
/// </summary>
public static class SelectionGrid
{
    /// <summary>
    /// Two scores this close (relative to their size) are a tie: equal up to rounding, as for K = 1 with
    /// full and tied covariance, which are the same model computed along different paths.
    /// </summary>
    public const double TieTolerance = 1e-10;

    /// <summary>
    /// Fits every cell (K, family) of the grid, K-major: for each K of <paramref name="components"/> in order,
    /// each family of <paramref name="families"/> in order; cell <c>i</c> is fitted with
    /// <paramref name="options"/> except for its seed, <see cref="CellSeed"/>(options.Seed, i). A cell whose
    /// fit fails keeps its error and the grid goes on. The best cell minimizes <paramref name="criterion"/>
    /// among successful cells; ties (within <see cref="TieTolerance"/>) go to fewer free parameters, then
    /// to the earlier cell. Deterministic: the same inputs give the same result, bit for bit.
    /// Left only for an invalid grid (no components or families, K &lt; 1, a repeated K or label, restarts &lt; 1).
    /// Cancellation leaves the running cell with its latest state and fails the cells not yet started.
    /// </summary>
    public static Either<Error, SelectionResult<TComponent>> Run<TComponent, TStatistics>(
        Dataset data,
        Arr<int> components,
        Arr<SelectionFamily<TComponent, TStatistics>> families,
        EmOptions options,
        SelectionCriterion criterion = SelectionCriterion.Bic,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics =>
        Events(data, components, families, options, criterion, cancellation).Map(Outcome);

    /// <summary>
    /// <see cref="Run{TComponent,TStatistics}"/> as the lazy sequence of what happens on the way: each cell's
    /// start, every event of its fit (<see cref="Fitting.Run{TComponent,TStatistics}"/>), and last
    /// <see cref="SelectionEvent{TComponent}.Completed"/> with the table <c>Run</c> returns. The grid is
    /// checked now (Left as for <c>Run</c>); nothing is fitted until the sequence is enumerated.
    /// </summary>
    public static Either<Error, IEnumerable<SelectionEvent<TComponent>>> Events<TComponent, TStatistics>(
        Dataset data,
        Arr<int> components,
        Arr<SelectionFamily<TComponent, TStatistics>> families,
        EmOptions options,
        SelectionCriterion criterion = SelectionCriterion.Bic,
        CancellationToken cancellation = default)
        where TStatistics : IComponentStatistics =>
        Check(components, families, options, criterion).Map(_ => Fill(data, components, families, options, criterion, cancellation));

    /// <summary>The table a grid's <see cref="SelectionEvent{TComponent}.Completed"/> event carries, running the rest of the grid.</summary>
    public static SelectionResult<TComponent> Outcome<TComponent>(IEnumerable<SelectionEvent<TComponent>> events)
    {
        foreach (var selectionEvent in events)
            if (selectionEvent is SelectionEvent<TComponent>.Completed completed) return completed.Result;
        throw new InvalidOperationException("a grid's events ended without a Completed event");
    }

    private static IEnumerable<SelectionEvent<TComponent>> Fill<TComponent, TStatistics>(
        Dataset data,
        Arr<int> components,
        Arr<SelectionFamily<TComponent, TStatistics>> families,
        EmOptions options,
        SelectionCriterion criterion,
        CancellationToken cancellation)
        where TStatistics : IComponentStatistics
    {
        var total = components.Count * families.Count;
        var cells = new List<SelectionCell<TComponent>>(total);
        foreach (var k in components)
        {
            foreach (var candidate in families)
            {
                var index = cells.Count;
                var seed = CellSeed(options.Seed, index);
                var family = candidate.Create(k);
                var fitted = k + candidate.ExtraComponents;
                var parameters = InformationCriteria.MixtureParameters(fitted, family.FreeParameters(fitted, data.Columns));
                yield return new SelectionEvent<TComponent>.CellStarted(index, total, k, candidate.Label);
                Either<Error, SelectionFit<TComponent>> outcome;
                if (cancellation.IsCancellationRequested)
                {
                    outcome = Error.New("cancelled before this cell was fitted");
                }
                else if (options.Budget.IsSpent())
                {
                    outcome = Error.New("the time budget ran out before this cell was fitted");
                }
                else
                {
                    Either<Error, FitResult<TComponent>> fit = Error.New("the fit ended without a result");
                    var cellOptions = options with { Seed = seed };
                    var fitEvents = candidate.Start is { } start
                        ? Fitting.RunFromStarts(family, data, fitted, cellOptions, restart => start(data, k, cellOptions, restart, cancellation), cancellation)
                        : Fitting.Run(family, data, k, cellOptions, cancellation);
                    foreach (var fitEvent in fitEvents)
                    {
                        if (fitEvent is FitEvent<TComponent>.Completed completed) fit = completed.Result;
                        yield return new SelectionEvent<TComponent>.CellFitting(index, total, fitEvent);
                    }
                    outcome = fit.Bind(result =>
                        Icl.MapClassificationEntropy(family, data, result.Mixture).Map(entropy => new SelectionFit<TComponent>(result, entropy, candidate.IsSpiked(data, result.Mixture))));
                }
                cells.Add(new SelectionCell<TComponent>(index, k, candidate.Label, parameters, seed, outcome));
            }
        }
        var arr = cells.ToArr();
        yield return new SelectionEvent<TComponent>.Completed(new SelectionResult<TComponent>(arr, criterion, Best(arr, criterion)));
    }

    /// <summary>
    /// The seed of cell <paramref name="index"/>: a SplitMix64 hash of (seed, index) with the top bit cleared,
    /// so that it is also a valid non-negative 64-bit signed seed (the facade's and the CLI's <c>--seed</c>).
    /// </summary>
    public static ulong CellSeed(ulong seed, int index) => RandomSource.DeriveSeed(seed, index) & long.MaxValue;

    /// <summary>
    /// Index of the best cell: the lowest score among successful cells that are not spiked (among all successful
    /// cells when every one is); among scores tied with it (within <see cref="TieTolerance"/>), the fewest free
    /// parameters; then the earliest in the grid.
    /// </summary>
    public static Option<int> Best<TComponent>(Arr<SelectionCell<TComponent>> cells, SelectionCriterion criterion)
    {
        var regular = cells.Filter(cell => cell.Succeeded && !cell.Spiked);
        return Lowest(regular.IsEmpty ? cells : regular, criterion);
    }

    private static Option<int> Lowest<TComponent>(Arr<SelectionCell<TComponent>> cells, SelectionCriterion criterion)
    {
        var lowest = double.PositiveInfinity;
        var any = false;
        foreach (var cell in cells)
            cell.Score(criterion).IfSome(score =>
            {
                any = true;
                if (score < lowest) lowest = score;
            });
        if (!any) return None;
        var tolerance = TieTolerance * Math.Max(1, Math.Abs(lowest));
        Option<SelectionCell<TComponent>> best = None;
        foreach (var cell in cells)
        {
            var tied = cell.Score(criterion).Map(score => score <= lowest + tolerance).IfNone(false);
            if (tied && best.Map(chosen => cell.FreeParameters < chosen.FreeParameters).IfNone(true)) best = cell;
        }
        return best.Map(cell => cell.Index);
    }

    private static Either<Error, Unit> Check<TComponent, TStatistics>(
        Arr<int> components, Arr<SelectionFamily<TComponent, TStatistics>> families, EmOptions options, SelectionCriterion criterion)
        where TStatistics : IComponentStatistics
    {
        if (components.IsEmpty) return Errors.InvalidInput("the grid has no component counts; give at least one K");
        if (families.IsEmpty) return Errors.InvalidInput("the grid has no families; give at least one");
        var seenK = new System.Collections.Generic.HashSet<int>();
        foreach (var k in components)
        {
            if (k < 1) return Errors.InvalidInput($"the grid has {k} components; every K must be at least 1");
            if (!seenK.Add(k)) return Errors.InvalidInput($"the grid lists {k} components twice; give each K once");
        }
        var seenLabels = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        foreach (var family in families)
        {
            if (family is null || family.Create is null || family.Label is null) return Errors.InvalidInput("the grid has a missing family");
            if (!seenLabels.Add(family.Label)) return Errors.InvalidInput($"the grid lists the family \"{family.Label}\" twice; give each once");
        }
        if (options.Restarts < 1) return Errors.InvalidInput($"restarts is {options.Restarts}; it must be at least 1");
        if (!Enum.IsDefined(criterion)) return Errors.InvalidInput($"unknown selection criterion {criterion}");
        return unit;
    }
}
