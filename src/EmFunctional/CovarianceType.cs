namespace EmFunctional;

/// <summary>
/// How each component's covariance is parametrized: scikit-learn's four <c>covariance_type</c>s, and mclust's
/// other parsimonious models Σ_k = λ_k D_k A_k D_kᵀ (volume λ, shape A, orientation D; each Equal across
/// components, Variable, or the Identity: docs/covariance-models.md). Full is mclust's VVV, Diagonal VVI,
/// Spherical VII and Tied EEE. Priors (MAP) exist for those four and EII, EEI, VEI, EVI, EEV and VEV
/// (<see cref="CovarianceTypes.HasConjugatePrior"/>); VEE, EVE, VVE and EVV are maximum likelihood only, as in mclust.
/// </summary>
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

    /// <summary>mclust EII: one variance λ shared by all components and dimensions (λI). One parameter.</summary>
    EII,

    /// <summary>mclust EEI: one diagonal covariance shared by all components. D parameters.</summary>
    EEI,

    /// <summary>mclust VEI: λ_k A, diagonal, a common shape, each component its own volume.</summary>
    VEI,

    /// <summary>mclust EVI: λ A_k, diagonal, a common volume, each component its own shape.</summary>
    EVI,

    /// <summary>mclust VEE: λ_k D A Dᵀ, a common shape and orientation, each component its own volume.</summary>
    VEE,

    /// <summary>mclust EVE: λ D A_k Dᵀ, a common volume and orientation, each component its own shape.</summary>
    EVE,

    /// <summary>mclust VVE: λ_k D A_k Dᵀ, a common orientation, each component its own volume and shape.</summary>
    VVE,

    /// <summary>mclust EEV: λ D_k A D_kᵀ, a common volume and shape, each component its own orientation.</summary>
    EEV,

    /// <summary>mclust VEV: λ_k D_k A D_kᵀ, a common shape, each component its own volume and orientation.</summary>
    VEV,

    /// <summary>mclust EVV: λ D_k A_k D_kᵀ, a common volume, each component its own shape and orientation.</summary>
    EVV,
}
