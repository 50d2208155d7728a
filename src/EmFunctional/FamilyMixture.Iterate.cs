using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;

namespace EmFunctional;

public static partial class FamilyMixture
{
    /// <summary>
    /// The lazy, unbounded sequence of EM iterations of restart <paramref name="restart"/> of
    /// <c>Fit</c> with the same arguments: the same start (the seed <c>Fit</c> derives for that restart from
    /// <see cref="FamilyMixtureOptions.Seed"/>), the same steps, bit for bit. Nothing runs until you
    /// enumerate; enumerating twice gives the same iterations. No stopping rule ends it, but each
    /// iteration says where <c>Fit</c> would stop (<see cref="FamilyIteration.StopReason"/>).
    /// <code>
    /// foreach (var step in FamilyMixture.Iterate(rows, 3).TakeWhile(...)) Console.WriteLine(step.MeanLogLikelihood);
    /// </code>
    /// Input is checked now; a numerical failure throws <see cref="EmFitException"/> from the enumeration;
    /// once <paramref name="cancellation"/> fires the sequence ends before the next iteration.
    /// </summary>
    /// <param name="data">N rows of D values.</param>
    /// <param name="components">K ≥ 1.</param>
    /// <param name="options">As for <c>Fit</c>; <see cref="FamilyMixtureOptions.Restarts"/> only bounds <paramref name="restart"/>.</param>
    /// <param name="restart">Which restart to run, 0 ≤ restart &lt; <see cref="FamilyMixtureOptions.Restarts"/>.</param>
    /// <param name="sampleWeights">One non-negative weight per row, or null.</param>
    /// <param name="cancellation">Ends the sequence early.</param>
    /// <exception cref="ArgumentException">Invalid data, weights, options or restart number.</exception>
    public static IEnumerable<FamilyIteration> Iterate(double[][] data, int components, FamilyMixtureOptions? options = null, int restart = 0, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights), data[0].Length, () => ColumnFamilyDetection.Detect(data), components, options, restart, cancellation);

    /// <inheritdoc cref="Iterate(double[][], int, FamilyMixtureOptions, int, double[], CancellationToken)"/>
    public static IEnumerable<FamilyIteration> Iterate(double[,] data, int components, FamilyMixtureOptions? options = null, int restart = 0, double[]? sampleWeights = null, CancellationToken cancellation = default) =>
        Iterate(Conversions.ToDataset(data, sampleWeights), data.GetLength(1), () => ColumnFamilyDetection.Detect(data), components, options, restart, cancellation);

    private static IEnumerable<FamilyIteration> Iterate(Dataset dataset, int columns, Func<ColumnFamily[]> detect, int components, FamilyMixtureOptions? options, int restart, CancellationToken cancellation)
    {
        var setup = Prepare(dataset, columns, detect, components, options ?? FamilyMixtureOptions.Default);
        if (restart < 0 || restart >= setup.Options.Restarts)
            throw new ArgumentOutOfRangeException(nameof(restart), restart, $"restart is {restart}; it must be at least 0 and less than options.Restarts ({setup.Options.Restarts})");
        return Lazy();

        // Initialization is work, so it waits for the first enumeration, as Em.Iterate's steps do.
        IEnumerable<FamilyIteration> Lazy()
        {
            var (family, stopping) = (setup.Family, setup.EmOptions.Stopping);
            var seed = RandomSource.DeriveSeed(setup.EmOptions.Seed, restart);
            var start = Initializer.Initialize(family, dataset, components, setup.EmOptions.Initialization, seed, setup.EmOptions.Degeneracy).OrThrow();
            var steps = Em.Iterate(family, dataset, start, stopping.NeedsResponsibilityChange, setup.EmOptions.Weights, setup.EmOptions.MaxDegreeOfParallelism, cancellation, setup.EmOptions.Degeneracy);
            // The budget of this restart's enumeration: it marks where Fit would have stopped, as the rules do.
            var budget = FitBudget.Start(setup.Options.TimeBudget);
            foreach (var step in steps)
            {
                var state = step.OrThrow();
                var mixture = state.Mixture;
                var reason = stopping.Check(state);
                if (reason.IsNone && budget.IsSpent()) reason = Core.Convergence.StopReason.BudgetExhausted;
                yield return new FamilyIteration(
                    restart,
                    state.Iteration,
                    state.MeanLogLikelihood,
                    Conversions.FiniteOrNull(state.Change),
                    Conversions.ToNullable(state.ResponsibilityChange),
                    [.. mixture.Weights],
                    [.. mixture.Components.Map(component => setup.Groups
                        .Select((group, g) => FamilyMixtureModel.Describe(group.Family, [.. group.Columns], component[g]))
                        .ToImmutableArray())],
                    reason.IsSome ? Conversions.ToStopReason(reason.IfNone(default(Core.Convergence.StopReason))) : null)
                {
                    Events = [.. state.Repairs.Map(repair => Conversions.ToEvent(state.Iteration, repair))],
                };
            }
        }
    }
}
