namespace EmFunctional;

/// <summary>Why a component was found degenerate (see <see cref="DegenerateComponentPolicy"/>).</summary>
public enum DegeneracyCause
{
    /// <summary>It explained less than half an average row.</summary>
    TooFewRows,

    /// <summary>Its covariance was not positive definite even with the regularization.</summary>
    IllDefinedCovariance,

    /// <summary>It sat on a point or a subspace: only the regularization kept its covariance positive definite.</summary>
    Collapsed,

    /// <summary>It rested on fewer effective rows than its full covariance needs (D + 1): the regularization, not the data, shaped it.</summary>
    UnderDetermined,
}

/// <summary>What EM did to a degenerate component in one iteration.</summary>
/// <param name="Iteration">The EM iteration (1-based) whose M-step found it.</param>
/// <param name="Component">The component (0-based).</param>
/// <param name="Cause">Why it was degenerate.</param>
/// <param name="Action">
/// <see cref="DegenerateComponentPolicy.Regularize"/> (its regularization raised, or for a collapsed component
/// kept as the regularization makes it) or <see cref="DegenerateComponentPolicy.Reinitialize"/> (restarted at <see cref="Row"/>).
/// </param>
/// <param name="EffectiveCount">N_k: the weighted number of rows the component explained in that iteration.</param>
/// <param name="Regularization">The regularization the component ended with; null when it was reinitialized.</param>
/// <param name="Row">The row (0-based) it restarted at; null unless reinitialized.</param>
/// <param name="Message">The same in one sentence, for people.</param>
public sealed record ComponentEvent(
    int Iteration,
    int Component,
    DegeneracyCause Cause,
    DegenerateComponentPolicy Action,
    double EffectiveCount,
    double? Regularization,
    int? Row,
    string Message);
