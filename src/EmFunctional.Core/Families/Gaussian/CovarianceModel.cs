namespace EmFunctional.Core.Families.Gaussian;

/// <summary>
/// mclust's parsimonious Gaussian models: Σ_k = λ_k D_k A_k D_kᵀ with volume λ, shape A (diagonal,
/// |A| = 1) and orientation D (orthogonal), each Equal across components (E), Variable (V) or the
/// Identity (I), in the order volume, shape, orientation (Celeux and Govaert 1995). The four
/// <see cref="CovarianceKind"/>s are VVV (full), VVI (diagonal), VII (spherical) and EEE (tied).
/// </summary>
public enum CovarianceModel
{
    /// <summary>λ I: one spherical covariance shared by all components.</summary>
    EII,

    /// <summary>λ_k I: spherical, each component its own volume (<see cref="CovarianceKind.Spherical"/>).</summary>
    VII,

    /// <summary>λ A: one diagonal covariance shared by all components.</summary>
    EEI,

    /// <summary>λ_k A: diagonal, a common shape, each component its own volume.</summary>
    VEI,

    /// <summary>λ A_k: diagonal, a common volume, each component its own shape.</summary>
    EVI,

    /// <summary>λ_k A_k: each component its own diagonal covariance (<see cref="CovarianceKind.Diagonal"/>).</summary>
    VVI,

    /// <summary>λ D A Dᵀ: one full covariance shared by all components (<see cref="CovarianceKind.Tied"/>).</summary>
    EEE,

    /// <summary>λ_k D A Dᵀ: a common shape and orientation, each component its own volume.</summary>
    VEE,

    /// <summary>λ D A_k Dᵀ: a common volume and orientation, each component its own shape.</summary>
    EVE,

    /// <summary>λ_k D A_k Dᵀ: a common orientation, each component its own volume and shape.</summary>
    VVE,

    /// <summary>λ D_k A D_kᵀ: a common volume and shape, each component its own orientation.</summary>
    EEV,

    /// <summary>λ_k D_k A D_kᵀ: a common shape, each component its own volume and orientation.</summary>
    VEV,

    /// <summary>λ D_k A_k D_kᵀ: a common volume, each component its own shape and orientation.</summary>
    EVV,

    /// <summary>λ_k D_k A_k D_kᵀ: each component its own full covariance (<see cref="CovarianceKind.Full"/>).</summary>
    VVV,
}

/// <summary>What each <see cref="CovarianceModel"/> stores and how many parameters it has.</summary>
public static class CovarianceModels
{
    /// <summary>The fourteen models in mclust's order (<c>mclust.options("emModelNames")</c>).</summary>
    public static IReadOnlyList<CovarianceModel> All { get; } = Enum.GetValues<CovarianceModel>();

    /// <summary>
    /// How a component of the model keeps its covariance: one variance (EII, VII), D variances (EEI, VEI,
    /// EVI, VVI), one shared matrix (EEE) or a D×D matrix each (the rest).
    /// </summary>
    public static CovarianceKind Storage(CovarianceModel model) => model switch
    {
        CovarianceModel.EII or CovarianceModel.VII => CovarianceKind.Spherical,
        CovarianceModel.EEI or CovarianceModel.VEI or CovarianceModel.EVI or CovarianceModel.VVI => CovarianceKind.Diagonal,
        CovarianceModel.EEE => CovarianceKind.Tied,
        _ => CovarianceKind.Full,
    };

    /// <summary>The model a <see cref="CovarianceKind"/> is: VVV, VVI, VII or EEE.</summary>
    public static CovarianceModel Of(CovarianceKind kind) => kind switch
    {
        CovarianceKind.Full => CovarianceModel.VVV,
        CovarianceKind.Diagonal => CovarianceModel.VVI,
        CovarianceKind.Spherical => CovarianceModel.VII,
        _ => CovarianceModel.EEE,
    };

    /// <summary>
    /// Free covariance parameters of <paramref name="components"/> components in <paramref name="dimensions"/>
    /// dimensions, as mclust's <c>nVarParams</c> counts them (volume, shape and orientation in turn).
    /// </summary>
    public static int CovarianceParameters(CovarianceModel model, int dimensions, int components)
    {
        var d = dimensions;
        var g = components;
        var orientation = d * (d - 1) / 2;
        var shape = d - 1;
        return model switch
        {
            CovarianceModel.EII => 1,
            CovarianceModel.VII => g,
            CovarianceModel.EEI => d,
            CovarianceModel.VEI => g + shape,
            CovarianceModel.EVI => 1 + g * shape,
            CovarianceModel.VVI => g * d,
            CovarianceModel.EEE => d * (d + 1) / 2,
            CovarianceModel.VEE => g + shape + orientation,
            CovarianceModel.EVE => 1 + g * shape + orientation,
            CovarianceModel.VVE => g + g * shape + orientation,
            CovarianceModel.EEV => 1 + shape + g * orientation,
            CovarianceModel.VEV => g + shape + g * orientation,
            CovarianceModel.EVV => 1 + g * (shape + orientation),
            _ => g * d * (d + 1) / 2,
        };
    }

    /// <summary>True for VVV, VVI, VII and EEE, whose M-step is that of their <see cref="CovarianceKind"/>.</summary>
    public static bool IsKind(CovarianceModel model) => model is CovarianceModel.VVV or CovarianceModel.VVI or CovarianceModel.VII or CovarianceModel.EEE;

    /// <summary>
    /// True for the ten models that take a <see cref="GaussianPrior"/> (MAP): the four kinds and EII, EEI, VEI, EVI,
    /// EEV and VEV: mclust's set (its <c>Mclust</c> drops VEE, EVE, VVE and EVV when given a prior, having no MAP
    /// step for them).
    /// </summary>
    public static bool HasConjugatePrior(CovarianceModel model) =>
        model is not (CovarianceModel.VEE or CovarianceModel.EVE or CovarianceModel.VVE or CovarianceModel.EVV);

    /// <summary>The models of <see cref="HasConjugatePrior"/> in mclust's order, for messages: "EII, VII, EEI, …, VVV".</summary>
    public static string WithConjugatePrior => string.Join(", ", All.Where(HasConjugatePrior));
}
