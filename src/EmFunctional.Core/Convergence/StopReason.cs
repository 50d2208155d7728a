namespace EmFunctional.Core.Convergence;

/// <summary>Why a fit stopped.</summary>
public enum StopReason
{
    /// <summary>The mean log-likelihood changed by less than the tolerance: converged.</summary>
    LogLikelihoodConverged,

    /// <summary>The responsibility matrix changed by less than the tolerance: converged.</summary>
    ResponsibilitiesConverged,

    /// <summary>The iteration cap was reached before any convergence rule held: not converged.</summary>
    MaximumIterations,

    /// <summary>The caller's cancellation token fired: the state reached so far is returned.</summary>
    Cancelled,

    /// <summary>
    /// The time budget ran out (<see cref="EmOptions.Budget"/>, whose clock is the caller's: the core reads none):
    /// the state reached so far is returned.
    /// </summary>
    BudgetExhausted,

    /// <summary>
    /// The caller took the state from a restart's sequence of states before any rule held
    /// (<see cref="Fitting.Conclude{TComponent,TStatistics}"/>): the state reached so far is returned.
    /// </summary>
    StoppedByCaller,
}

/// <summary>Helpers on <see cref="StopReason"/>.</summary>
public static class StopReasons
{
    /// <summary>True for the reasons that mean a convergence rule held.</summary>
    public static bool IsConverged(this StopReason reason) =>
        reason is StopReason.LogLikelihoodConverged or StopReason.ResponsibilitiesConverged;
}
