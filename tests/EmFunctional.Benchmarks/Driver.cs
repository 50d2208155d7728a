using EmFunctional.Core;
using EmFunctional.Core.Families;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Benchmarks;

/// <summary>
/// The one place that runs EM steps with a thread count, so that
/// the harness also builds against commits from before the driver had a maxDegreeOfParallelism parameter
/// (the project file defines EM_MAX_DEGREE_OF_PARALLELISM when the core's Em.cs declares it). Without the
/// parameter the driver was sequential, and <see cref="HonoursThreads"/> is false.
/// </summary>
public static class Driver
{
    /// <summary>Whether the core under measurement takes a thread count.</summary>
#if EM_MAX_DEGREE_OF_PARALLELISM
    public const bool HonoursThreads = true;
#else
    public const bool HonoursThreads = false;
#endif

    /// <summary>
    /// The EM steps from <paramref name="start"/> on at most <paramref name="threads"/> threads (−1 = all cores), as
    /// <see cref="Em.Iterate{TComponent,TStatistics}"/> runs them, each step's result as <see cref="Em.Step"/> gives it
    /// (the same in every core version, whatever the element type of Iterate); ends after a failed step.
    /// </summary>
    public static IEnumerable<Either<Error, EmState<TComponent>>> Iterate<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start, int threads)
        where TStatistics : IComponentStatistics
    {
        var state = EmState<TComponent>.Initial(start);
        while (true)
        {
#if EM_MAX_DEGREE_OF_PARALLELISM
            var next = Em.Step(family, data, state, trackResponsibilityChange: false, weights: null, maxDegreeOfParallelism: threads);
#else
            var next = Em.Step(family, data, state);
#endif
            yield return next;
            if (next.IsLeft) yield break;
            state = next.IfLeft(state);
        }
    }
}
