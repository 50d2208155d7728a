using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>
/// A fitted Gaussian mixture: immutable parameters, how the fit went, and inference on new rows (see
/// <see cref="MixtureModel"/>).
/// </summary>
public sealed class GaussianMixtureModel : MixtureModel
{
    internal GaussianMixtureModel(GaussianFamily family, FitResult<GaussianComponent> result, int dimensions, CovarianceType covariance)
        : base(new MixtureEvaluator<GaussianComponent, GaussianStatistics>(family, result.Mixture), dimensions, [.. result.Mixture.Weights], FitResultSummary.From(result))
    {
        Covariance = covariance;
        Parameters = Conversions.ToParameters(result.Mixture);
    }

    /// <summary>Covariance parametrization.</summary>
    public CovarianceType Covariance { get; }

    /// <summary>Weights, means and full covariances.</summary>
    public GaussianMixtureParameters Parameters { get; }

    /// <summary>μ_1 … μ_K.</summary>
    public override ImmutableArray<ImmutableArray<double>> Means => Parameters.Means;

    /// <summary>Σ_1 … Σ_K as full D×D matrices.</summary>
    public override ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances => Parameters.Covariances;
}
