namespace EmFunctional.Core.Degeneracy;

/// <summary>What EM does with a degenerate component (see <see cref="DegeneracyPolicy"/>).</summary>
public enum DegeneracyAction
{
    /// <summary>The step fails with an error that names the component and says what to change (scikit-learn's behaviour).</summary>
    Fail,

    /// <summary>
    /// A covariance that is not positive definite gets its own regularization raised tenfold at a time until
    /// it is; a component that collapsed onto a point or a subspace but is kept positive definite by the
    /// regularization is left as it is. Both are recorded. A component with too small an effective count has
    /// no parameters to regularize (its mean is undefined), so it is reinitialized, and recorded as such.
    /// </summary>
    Regularize,

    /// <summary>
    /// The component restarts at the row the mixture explains worst (the lowest log p(x_i)), with the other
    /// components' average spread and a weight of one average row; the rest of the mixture is untouched.
    /// </summary>
    Reinitialize,
}
