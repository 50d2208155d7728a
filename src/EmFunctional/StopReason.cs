namespace EmFunctional;

/// <summary>Why a fit (or one restart) stopped.</summary>
public enum StopReason
{
    /// <summary>The mean log-likelihood changed by less than <see cref="GaussianMixtureOptions.Tolerance"/>.</summary>
    LogLikelihoodConverged,

    /// <summary>The responsibilities changed by less than <see cref="GaussianMixtureOptions.ResponsibilityTolerance"/>.</summary>
    ResponsibilitiesConverged,

    /// <summary><see cref="GaussianMixtureOptions.MaxIterations"/> was reached first: not converged.</summary>
    MaximumIterations,

    /// <summary>The cancellation token fired; the parameters reached so far are returned.</summary>
    Cancelled,

    /// <summary>The time budget (<see cref="GaussianMixtureOptions.TimeBudget"/>) ran out; the parameters reached so far are returned.</summary>
    TimeBudgetExhausted,
}
