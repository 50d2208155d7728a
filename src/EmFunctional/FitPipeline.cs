using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Noise;
using LanguageExt;

namespace EmFunctional;

/// <summary>
/// The one path of every fit and iteration of the facade, whatever the family: the checked settings become the
/// core's <see cref="EmOptions"/>, the core fits (<see cref="Fitting.Run{TComponent,TStatistics}"/>) or steps one
/// restart (<see cref="Fitting.Start{TComponent,TStatistics}"/>, <see cref="Fitting.Restart{TComponent,TStatistics}"/>),
/// and its values become the facade's. Seeds, initialization, stopping and the choice of the best restart are
/// the core's; this class only translates (and owns the clock of the time budget, which the core does not read).
/// </summary>
internal static class FitPipeline
{
    /// <summary>The core's options for checked <paramref name="settings"/>; the time budget starts now.</summary>
    public static EmOptions CoreOptions(EmSettings settings, MixtureWeights weights) =>
        new(StoppingRule.Default(settings.Tolerance, settings.MaxIterations, settings.ResponsibilityTolerance),
            Conversions.ToStrategy(settings.EffectiveInitialization),
            settings.Restarts,
            unchecked((ulong)settings.Seed))
        {
            Weights = weights,
            MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism,
            Degeneracy = Conversions.ToPolicy(settings.DegenerateComponents),
            Budget = FitBudget.Start(settings.TimeBudget),
        };

    /// <summary>
    /// <c>Fit</c>: every restart (or one run from <paramref name="initial"/> when given), the best kept; each
    /// step told to <paramref name="progress"/>. Throws <see cref="EmFitException"/> when every restart failed.
    /// </summary>
    public static FitResult<TComponent> Fit<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmSettings settings,
        MixtureWeights weights,
        Mixture<TComponent>? initial,
        IProgress<FitProgress>? progress,
        CancellationToken cancellation)
        where TStatistics : IComponentStatistics
    {
        var options = CoreOptions(settings, weights);
        var events = initial is null
            ? Fitting.Run(family, data, components, options, cancellation)
            : Fitting.RunFrom(family, data, initial, options, cancellation);
        return Fitting.Outcome(progress is null ? events : Reported(events, progress)).OrThrow();
    }

    /// <summary>
    /// <c>Iterate</c>: the states of restart <paramref name="restart"/> of <c>Fit</c> with the same arguments (or of
    /// the one run from <paramref name="initial"/>), as facade iterations described by <paramref name="view"/>.
    /// The restart number is checked now; initialization and the time budget's clock wait for the first
    /// enumeration. A failed step throws <see cref="EmFitException"/> from the enumeration.
    /// </summary>
    public static IEnumerable<Iteration> Iterate<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        EmSettings settings,
        MixtureWeights weights,
        Mixture<TComponent>? initial,
        int restart,
        CancellationToken cancellation,
        IterationView<TComponent> view)
        where TStatistics : IComponentStatistics
    {
        var runs = initial is null ? settings.Restarts : 1;
        if (restart < 0 || restart >= runs)
            throw new ArgumentOutOfRangeException(nameof(restart), restart, initial is null
                ? $"restart is {restart}; it must be at least 0 and less than options.Restarts ({settings.Restarts})"
                : $"restart is {restart}; with initial parameters there is one run, restart 0");
        return Lazy();

        IEnumerable<Iteration> Lazy()
        {
            var options = CoreOptions(settings, weights);
            var seed = initial is null ? Fitting.RestartSeed(options, restart) : 0UL;
            var start = initial ?? Fitting.Start(family, data, components, options, restart, cancellation).OrThrow();
            var trace = Seq<TracePoint>.Empty;
            foreach (var state in Fitting.Restart(family, data, start, options, cancellation))
            {
                if (state.Failed) throw Conversions.ToException(state.Failure.Head());
                trace = trace.Add(Fitting.ToTracePoint(state));
                var upToHere = trace;
                var mixture = state.Mixture;
                yield return new Iteration(
                    restart,
                    state.Iteration,
                    state.MeanLogLikelihood,
                    Conversions.FiniteOrNull(state.Change),
                    Conversions.ToNullable(state.ResponsibilityChange),
                    [.. mixture.Weights],
                    view.Groups(mixture),
                    view.Parameters(mixture),
                    state.StopReason.IsSome ? Conversions.ToStopReason(state.StopReason.IfNone(default(Core.Convergence.StopReason))) : null,
                    [.. state.Repairs.Map(repair => Conversions.ToEvent(state.Iteration, repair))],
                    () => view.Model(Fitting.Conclude(family, data, options, restart, seed, upToHere.ToArr(), state).OrThrow()),
                    () => Rows(Inference.Evaluate(family, data, mixture, options.MaxDegreeOfParallelism).OrThrow().Responsibilities, mixture.Count));
            }
        }
    }

    /// <summary>
    /// <c>Fit</c> with a noise component: <paramref name="components"/> components of <paramref name="family"/>'s signal
    /// family and the noise component, each restart started from the guess <paramref name="noise"/>
    /// (<see cref="NoiseStart"/>). Throws <see cref="EmFitException"/> when every restart failed.
    /// </summary>
    public static FitResult<NoisyComponent<TComponent>> FitWithNoise<TComponent, TStatistics>(
        NoiseFamily<TComponent, TStatistics> family,
        Dataset data,
        int components,
        IReadOnlyList<bool> noise,
        EmSettings settings,
        MixtureWeights weights,
        IProgress<FitProgress>? progress,
        CancellationToken cancellation)
        where TComponent : class
        where TStatistics : IComponentStatistics
    {
        var options = CoreOptions(settings, weights);
        var events = Fitting.RunFromStarts(family, data, components + 1, options, restart => NoiseStart.Start(family, data, noise, components, options, restart, cancellation), cancellation);
        return Fitting.Outcome(progress is null ? events : Reported(events, progress)).OrThrow();
    }

    /// <summary>The fit's events, each EM step told to <paramref name="progress"/> as it passes.</summary>
    public static IEnumerable<FitEvent<TComponent>> Reported<TComponent>(IEnumerable<FitEvent<TComponent>> events, IProgress<FitProgress> progress)
    {
        foreach (var fitEvent in events)
        {
            if (fitEvent is FitEvent<TComponent>.Stepped step) progress.Report(ToProgress(step));
            yield return fitEvent;
        }
    }

    /// <summary>A core step event as the facade's progress report.</summary>
    public static FitProgress ToProgress<TComponent>(FitEvent<TComponent>.Stepped step) =>
        new(step.Restart, step.Restarts, step.State.Iteration, step.State.MeanLogLikelihood);

    private static double[][] Rows(double[] values, int width) =>
        [.. Enumerable.Range(0, values.Length / width).Select(i => values.AsSpan(i * width, width).ToArray())];
}

/// <summary>How a family's mixtures look from the facade: what <see cref="FitPipeline.Iterate{TComponent,TStatistics}"/> reports of each iteration.</summary>
/// <param name="Groups">Per component, the parameters of each column group.</param>
/// <param name="Parameters">The Gaussian parameters when every column is Gaussian, else null.</param>
/// <param name="Model">The public model of a fit result.</param>
internal sealed record IterationView<TComponent>(
    Func<Mixture<TComponent>, ImmutableArray<ImmutableArray<ColumnGroupParameters>>> Groups,
    Func<Mixture<TComponent>, GaussianMixtureParameters?> Parameters,
    Func<FitResult<TComponent>, MixtureModel> Model);
