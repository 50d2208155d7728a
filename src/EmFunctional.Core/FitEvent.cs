using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core;

/// <summary>
/// One thing that happened while <see cref="Fitting.Run{TComponent,TStatistics}"/> fitted: an EM step, the
/// end of a restart, and last the result. The events are values: a progress display, a log or a trace is
/// a consumer of the sequence, and the fit itself prints nothing.
/// </summary>
public abstract record FitEvent<TComponent>
{
    private FitEvent() { }

    /// <summary>Restart <paramref name="Restart"/> (0-based, of <paramref name="Restarts"/>) completed an EM step.</summary>
    /// <param name="Restart">0-based restart number.</param>
    /// <param name="Restarts">How many restarts the fit runs.</param>
    /// <param name="State">The state after the step (its log-likelihood is that of the mixture that entered it).</param>
    public sealed record Stepped(int Restart, int Restarts, EmState<TComponent> State) : FitEvent<TComponent>;

    /// <summary>A restart ended, converged, stopped or failed.</summary>
    /// <param name="Restarts">How many restarts the fit runs.</param>
    /// <param name="Result">How it went.</param>
    public sealed record RestartEnded(int Restarts, RestartResult<TComponent> Result) : FitEvent<TComponent>;

    /// <summary>The fit is over: always the last event, exactly once.</summary>
    /// <param name="Result">What <see cref="Fitting.Fit{TComponent,TStatistics}"/> returns.</param>
    public sealed record Completed(Either<Error, FitResult<TComponent>> Result) : FitEvent<TComponent>;
}
