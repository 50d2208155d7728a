using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace EmFunctional.Core;

/// <summary>
/// The one generic EM driver. Every function here is pure: same inputs, same outputs, no I/O, no clock,
/// no shared mutable state. Passes over the data run row block by row block (see <see cref="RowBlocks"/>):
/// no N×K responsibility matrix is ever held during a fit.
/// </summary>
public static class Em
{
    /// <summary>Fills responsibilities (rows × K, row-major) for the rows [start, start + rows).</summary>
    public delegate void ResponsibilityProvider(int start, int rows, Span<double> responsibilities);

    /// <summary>
    /// The rows × K × D below which an E-step runs its chunks on the calling thread: handing two or three chunks
    /// of a small table to the thread pool and waiting for them cost more than the chunks themselves (on Old
    /// Faithful, K = 9, a fifth of a model-selection grid's time went to the threads' handshakes; docs/performance.md).
    /// The chunks and their merge order are the same either way, so the result is too, bit for bit.
    /// </summary>
    public const long ParallelWork = 1L << 17;

    /// <summary>
    /// E-step: responsibilities r_ik = π_k p(x_i|θ_k) / Σ_j π_j p(x_i|θ_j), computed in log space with one
    /// log-sum-exp per row, folded straight into per-component statistics with weights r_ik·w_i. When
    /// <paramref name="previous"/> is given, also returns ‖R(mixture) − R(previous)‖_F with rows weighted
    /// by w_i (for the responsibility-change stopping rule).
    /// </summary>
    public static Either<Error, EStepResult<TStatistics>> EStep<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> mixture,
        Option<Mixture<TComponent>> previous = default,
        int maxDegreeOfParallelism = -1)
        where TStatistics : IComponentStatistics
    {
        if (data.HasMissing && !family.ModelsMissingCells) return Errors.MissingCellsNotModelled(family.GetType().Name);
        if (data.LargestKnownComponent >= mixture.Count) return Errors.KnownComponentOutOfRange(data.LargestKnownComponent, mixture.Count);
        var k = mixture.Count;
        var previousMixture = previous.MatchUnsafe<Mixture<TComponent>?>(mixture => mixture, () => null);
        var pass = new EStepPass<TComponent, TStatistics>(family, data, mixture, previousMixture);

        // A fixed partition into chunks, each folded sequentially and merged in chunk order: the result
        // is the same bit for bit whatever the number of threads that ran the chunks.
        var chunks = RowBlocks.ChunkCount(data.Rows);
        var results = new EStepPass<TComponent, TStatistics>.ChunkResult[chunks];
        try
        {
            if (chunks == 1 || maxDegreeOfParallelism == 1 || (long)data.Rows * k * Math.Max(1, data.Columns) < ParallelWork)
            {
                for (var c = 0; c < chunks; c++) results[c] = pass.Run(c, chunks);
            }
            else
            {
                Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, c => results[c] = pass.Run(c, chunks));
            }
        }
        finally
        {
            pass.Release();
        }

        var statistics = new TStatistics[k];
        for (var c = 0; c < k; c++) statistics[c] = family.Empty(data.Columns);
        var logLikelihood = 0.0;
        var squaredChange = 0.0;
        foreach (var result in results)
        {
            if (result.UnexplainedRow >= 0) return Errors.NonFiniteLikelihood(result.UnexplainedRow);
            for (var c = 0; c < k; c++) statistics[c] = family.Combine(statistics[c], result.Statistics[c]);
            logLikelihood += result.LogLikelihood;
            squaredChange += result.SquaredResponsibilityChange;
        }

        return new EStepResult<TStatistics>(
            statistics.ToArr(),
            logLikelihood,
            data.TotalWeight,
            previousMixture is null ? Option<double>.None : Math.Sqrt(squaredChange))
        {
            // OrderBy is stable and the chunks are in row order, so equal log-densities keep row order.
            WorstRows = results.SelectMany(result => result.WorstRows).OrderBy(pair => pair.LogDensity).Take(k).Select(pair => pair.Row).ToArr(),
        };
    }

    /// <summary>
    /// M-step: the weights from the effective counts N_k by <paramref name="weights"/> (maximum likelihood
    /// π_k = N_k / Σ_j N_j unless told otherwise; <paramref name="currentWeights"/> serve the fixed
    /// policy) and θ = family.Estimate(statistics). Left when the family finds a component degenerate, or when
    /// the weight policy or the family's hyper-parameters are invalid.
    /// </summary>
    public static Either<Error, Mixture<TComponent>> MStep<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Arr<TStatistics> statistics,
        MixtureWeights? weights = null,
        Arr<double> currentWeights = default)
        where TStatistics : IComponentStatistics
    {
        var policy = weights ?? MixtureWeights.Default;
        if (policy.Problem.Case is Error problem) return problem;
        var mixtureWeights = policy.Estimate(statistics.Map(s => s.Weight), currentWeights);
        return family.Estimate(statistics).Map(components => new Mixture<TComponent>(mixtureWeights, components));
    }

    /// <summary>log p(θ, π): the family's log-prior plus the weights' (0 for maximum likelihood).</summary>
    public static double LogPrior<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Mixture<TComponent> mixture, MixtureWeights? weights = null)
        where TStatistics : IComponentStatistics =>
        family.LogPrior(mixture.Components) + (weights ?? MixtureWeights.Default).LogPrior(mixture.Weights);

    /// <summary>
    /// One EM step from <paramref name="state"/>: E-step on its mixture, M-step on the statistics. The
    /// new state's log-likelihood (and log-prior) is that of <paramref name="state"/>'s mixture (see
    /// <see cref="EmState{TComponent}"/>). <paramref name="weights"/> sets how π is updated. Without
    /// <paramref name="degeneracy"/> a degenerate component fails the step as the family reports it; with
    /// it, degenerate components are handled and recorded as the policy says (see <see cref="DegeneracyPolicy"/>),
    /// and the log-likelihood may fall once after a repair (see <see cref="EmState{TComponent}.Settled"/>).
    /// </summary>
    public static Either<Error, EmState<TComponent>> Step<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        EmState<TComponent> state,
        bool trackResponsibilityChange = false,
        MixtureWeights? weights = null,
        int maxDegreeOfParallelism = -1,
        DegeneracyPolicy? degeneracy = null)
        where TStatistics : IComponentStatistics =>
        from expectation in EStep(family, data, state.Mixture, trackResponsibilityChange ? state.EvaluatedMixture : None, maxDegreeOfParallelism)
        from repaired in degeneracy is null
            ? MStep(family, expectation.Statistics, weights, state.Mixture.Weights).Map(mixture => (Mixture: mixture, Repairs: expectation.Statistics.Map(_ => Option<ComponentRepair>.None)))
            : DegeneracyRepair.MStep(family, data, expectation, weights ?? MixtureWeights.Default, state.Mixture.Weights, degeneracy)
        let meanLogPrior = LogPrior(family, state.Mixture, weights) / expectation.TotalWeight
        select new EmState<TComponent>(
            state.Iteration + 1,
            repaired.Mixture,
            Some(state.Mixture),
            expectation.MeanLogLikelihood,
            expectation.MeanLogLikelihood + meanLogPrior - state.MeanLogPosterior,
            expectation.ResponsibilityChange,
            expectation.Statistics.Zip(repaired.Repairs).Map(pair => new ComponentDiagnostics(pair.Item1.Weight) { Repair = pair.Item2 }).ToArr(),
            Option<Convergence.StopReason>.None)
        {
            MeanLogPrior = meanLogPrior,
            EvaluatedRepaired = state.Repairs.Exists(repair => repair.ChangedParameters),
        };

    /// <summary>
    /// The lazy, unbounded sequence of EM states from <paramref name="start"/>: element k is the state
    /// after k + 1 steps, so <c>Iterate(...).Take(k)</c> equals k calls of <see cref="Step"/>. Nothing is
    /// computed until enumerated, and enumerating twice gives the same states. Every element is a state: when
    /// a step fails, the sequence ends with the state that step started from, marked with the error
    /// (<see cref="EmState{TComponent}.Failure"/>). It also ends before the next step once
    /// <paramref name="cancellation"/> fires. <paramref name="maxDegreeOfParallelism"/> bounds the threads
    /// of each E-step (−1: all cores); it never changes the states. <paramref name="degeneracy"/> is passed to
    /// every <see cref="Step"/>.
    /// </summary>
    public static IEnumerable<EmState<TComponent>> Iterate<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> start,
        bool trackResponsibilityChange = false,
        MixtureWeights? weights = null,
        int maxDegreeOfParallelism = -1,
        CancellationToken cancellation = default,
        DegeneracyPolicy? degeneracy = null)
        where TStatistics : IComponentStatistics
    {
        var state = EmState<TComponent>.Initial(start);
        while (!cancellation.IsCancellationRequested)
        {
            var next = Step(family, data, state, trackResponsibilityChange, weights, maxDegreeOfParallelism, degeneracy);
            if (next.IsLeft)
            {
                yield return state with { Failure = next.LeftToSeq().Head() };
                yield break;
            }
            state = next.IfLeft(state);
            yield return state;
        }
    }

    /// <summary>
    /// An M-step from responsibilities that <paramref name="provider"/> fills block by block (hard labels,
    /// random responsibilities, ...): how responsibility-based initializations become a mixture. With a
    /// <paramref name="degeneracy"/> policy other than fail, an ill-defined or collapsed component is regularized
    /// as under <see cref="DegeneracyAction.Regularize"/> (there are no EM rows yet to restart it at).
    /// </summary>
    public static Either<Error, Mixture<TComponent>> EstimateFromResponsibilities<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        ResponsibilityProvider provider,
        DegeneracyPolicy? degeneracy = null)
        where TStatistics : IComponentStatistics
    {
        // Statistics from given responsibilities need whole rows: missing cells take their column's mean.
        data = data.Completed;
        var d = data.Columns;
        var statistics = new TStatistics[components];
        for (var c = 0; c < components; c++) statistics[c] = family.Empty(d);
        var responsibilities = new double[RowBlocks.Size * components];
        var componentWeights = new double[RowBlocks.Size];
        for (var b = 0; b < RowBlocks.Count(data.Rows); b++)
        {
            var (start, rows) = RowBlocks.Range(b, data.Rows);
            var block = data.Block(start, rows);
            provider(start, rows, responsibilities.AsSpan(0, rows * components));
            for (var c = 0; c < components; c++)
            {
                for (var r = 0; r < rows; r++) componentWeights[r] = responsibilities[r * components + c] * data.Weight(start + r);
                statistics[c] = family.Combine(statistics[c], family.Summarize(block, d, componentWeights.AsSpan(0, rows)));
            }
        }
        if (degeneracy is null || degeneracy.Action == DegeneracyAction.Fail) return MStep(family, statistics.ToArr());
        var expectation = new EStepResult<TStatistics>(statistics.ToArr(), 0, data.TotalWeight, None);
        var uniform = Enumerable.Repeat(1.0 / components, components).ToArr();
        return DegeneracyRepair.MStep(family, data, expectation, MixtureWeights.Default, uniform, degeneracy with { Action = DegeneracyAction.Regularize })
            .Map(repaired => repaired.Mixture);
    }
}
