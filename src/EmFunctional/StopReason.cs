namespace EmFunctional;

/// <summary>Why a fit (or one restart) stopped.</summary>
public enum StopReason
{
    /// <summary>The mean log-likelihood changed by less than <see cref="EmSettings.Tolerance"/>.</summary>
    LogLikelihoodConverged,

    /// <summary>The responsibilities changed by less than <see cref="EmSettings.ResponsibilityTolerance"/>.</summary>
    ResponsibilitiesConverged,

    /// <summary><see cref="EmSettings.MaxIterations"/> was reached first: not converged.</summary>
    MaximumIterations,

    /// <summary>The cancellation token fired; the parameters reached so far are returned.</summary>
    Cancelled,

    /// <summary>The time budget (<see cref="EmSettings.TimeBudget"/>) ran out; the parameters reached so far are returned.</summary>
    TimeBudgetExhausted,

    /// <summary>
    /// The model was made from an iteration of <c>Iterate</c> before any rule held (<see cref="Iteration.ToModel"/>):
    /// the parameters reached at that iteration are returned.
    /// </summary>
    StoppedByCaller,
}
