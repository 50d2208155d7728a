namespace EmFunctional.Core.Families.Gaussian;

/// <summary>How each component's covariance is parametrized (scikit-learn's <c>covariance_type</c>).</summary>
public enum CovarianceKind
{
    /// <summary>Each component has its own full D×D covariance (mclust VVV).</summary>
    Full,

    /// <summary>Each component has its own diagonal covariance (mclust VVI).</summary>
    Diagonal,

    /// <summary>Each component has its own single variance σ_k² I (mclust VII).</summary>
    Spherical,

    /// <summary>All components share one full covariance (mclust EEE).</summary>
    Tied,
}
