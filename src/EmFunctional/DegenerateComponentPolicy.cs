namespace EmFunctional;

/// <summary>
/// What EM does when a component degenerates: it explains almost no rows (less than half an average row),
/// its covariance is not positive definite even with the regularization, or it has collapsed onto a point
/// or a line (its spread in some direction is no larger than the regularization, so that the regularization
/// alone keeps its density finite). Whatever is done is recorded in <see cref="MixtureModel.Events"/>.
/// </summary>
public enum DegenerateComponentPolicy
{
    /// <summary>
    /// Keep the fit alive (the default): a covariance that is not positive definite gets that component's
    /// regularization raised tenfold at a time until it is; a collapsed component is kept as the regularization
    /// makes it and reported; a component that explains almost no rows restarts at the worst-explained row.
    /// </summary>
    Regularize,

    /// <summary>Restart every degenerate component at the row the mixture explains worst.</summary>
    Reinitialize,

    /// <summary>Fail with an <see cref="EmFitException"/> that names the component (as scikit-learn does).</summary>
    Error,
}
