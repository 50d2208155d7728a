namespace EmFunctional;

/// <summary>How each component's covariance is parametrized (scikit-learn's <c>covariance_type</c>).</summary>
public enum CovarianceType
{
    /// <summary>Each component has its own full covariance matrix (mclust VVV). D(D+1)/2 parameters per component.</summary>
    Full,

    /// <summary>Each component has its own diagonal covariance (mclust VVI). D parameters per component.</summary>
    Diagonal,

    /// <summary>Each component has one variance σ_k² shared by all dimensions (mclust VII). One parameter per component.</summary>
    Spherical,

    /// <summary>All components share one full covariance matrix (mclust EEE). D(D+1)/2 parameters in all.</summary>
    Tied,
}
