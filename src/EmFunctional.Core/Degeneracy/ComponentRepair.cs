namespace EmFunctional.Core.Degeneracy;

/// <summary>Why a component was found degenerate.</summary>
public enum DegeneracyReason
{
    /// <summary>Its effective count fell below the policy's minimum (it explains almost no rows).</summary>
    TooFewRows,

    /// <summary>Its family could not estimate it: the covariance is not positive definite even with the regularization.</summary>
    IllDefined,

    /// <summary>It sits on a point or a subspace: only the regularization keeps its covariance positive definite.</summary>
    Collapsed,

    /// <summary>Its effective count is below what its parameters need (D + 1 rows for a full covariance): the regularization, not the data, shapes it.</summary>
    UnderDetermined,
}

/// <summary>What was done to a component in one M-step, and why.</summary>
/// <param name="Component">The component's index (0-based).</param>
/// <param name="Reason">Why it was degenerate.</param>
/// <param name="Action">
/// What was done: <see cref="DegeneracyAction.Regularize"/> (raised or, for <see cref="DegeneracyReason.Collapsed"/>,
/// kept) or <see cref="DegeneracyAction.Reinitialize"/>; never <see cref="DegeneracyAction.Fail"/>, which ends the fit instead.
/// </param>
/// <param name="EffectiveCount">N_k in the E-step that found it.</param>
/// <param name="Regularization">The regularization the component ended with (NaN when reinitialized).</param>
/// <param name="Row">The row it was restarted at (−1 unless reinitialized).</param>
public sealed record ComponentRepair(int Component, DegeneracyReason Reason, DegeneracyAction Action, double EffectiveCount, double Regularization, int Row)
{
    /// <summary>
    /// Whether the component was restarted: its parameters are then not an M-step's at all, the log-likelihood
    /// may fall, and convergence is not judged until EM has evaluated the new mixture. A raised regularization
    /// is an M-step with a larger λ for that component (the same λ each iteration for the same statistics), and
    /// a collapsed component kept as it is changes nothing, so neither stops EM from converging.
    /// </summary>
    public bool ChangedParameters => Action == DegeneracyAction.Reinitialize;

    /// <summary>One sentence for people: "component 2 collapsed onto a point or subspace (12.0 effective rows); kept alive by regularization 1e-06".</summary>
    public string Describe()
    {
        var what = Reason switch
        {
            DegeneracyReason.TooFewRows => $"component {Component} explained almost no rows (effective count {EffectiveCount:g3})",
            DegeneracyReason.IllDefined => $"component {Component} had an ill-defined covariance ({EffectiveCount:g3} effective rows)",
            DegeneracyReason.UnderDetermined => $"component {Component} rests on {EffectiveCount:g3} effective rows, fewer than its covariance needs",
            _ => $"component {Component} collapsed onto a point or subspace ({EffectiveCount:g3} effective rows)",
        };
        var done = Action == DegeneracyAction.Reinitialize
            ? $"restarted at row {Row}"
            : Reason is DegeneracyReason.Collapsed or DegeneracyReason.UnderDetermined ? $"kept alive by regularization {Regularization:g3}" : $"regularization raised to {Regularization:g3}";
        return $"{what}; {done}";
    }
}
