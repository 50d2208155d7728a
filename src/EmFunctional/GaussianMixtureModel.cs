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
    internal GaussianMixtureModel(GaussianFamily family, FitResult<GaussianComponent> result, int dimensions, CovarianceType covariance, GaussianMixtureOptions options)
        : this(family, result.Mixture, dimensions, covariance, FitResultSummary.From(result), options)
    {
    }

    /// <summary>A model from its parts: a fit's, or a saved model's (<see cref="FittedModel"/>).</summary>
    internal GaussianMixtureModel(GaussianFamily family, Mixture<GaussianComponent> mixture, int dimensions, CovarianceType covariance, FitResultSummary summary, GaussianMixtureOptions options)
        : base(new MixtureEvaluator<GaussianComponent, GaussianStatistics>(family, mixture), dimensions, [.. mixture.Weights], summary)
    {
        Covariance = covariance;
        Parameters = Conversions.ToParameters(mixture);
        Options = options;
    }

    /// <summary>Covariance parametrization.</summary>
    public CovarianceType Covariance { get; }

    /// <summary>
    /// The options of the fit that made this model (for a cell of <see cref="ModelSelection"/>: the grid's
    /// settings with the cell's covariance type and the cell's seed, with which <see cref="GaussianMixture"/>
    /// repeats the cell's fit). Saved with the model by <see cref="FittedModel"/>.
    /// </summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>Weights, means and full covariances.</summary>
    public GaussianMixtureParameters Parameters { get; }

    /// <summary>μ_1 … μ_K.</summary>
    public override ImmutableArray<ImmutableArray<double>> Means => Parameters.Means;

    /// <summary>Σ_1 … Σ_K as full D×D matrices.</summary>
    public override ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances => Parameters.Covariances;
}
