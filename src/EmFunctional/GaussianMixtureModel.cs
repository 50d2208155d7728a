using System.Collections.Immutable;
using EmFunctional.Core;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Noise;

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
        : this(new MixtureEvaluator<GaussianComponent, GaussianStatistics>(family, mixture, component => (component.Mean.ToArray(), [.. GaussianColumns.Variances(component)])), mixture, dimensions, covariance, summary, options)
    {
    }

    /// <summary>A model with a noise component: <paramref name="mixture"/>'s last component is the noise component.</summary>
    internal GaussianMixtureModel(NoiseFamily<GaussianComponent, GaussianStatistics> family, Mixture<NoisyComponent<GaussianComponent>> mixture, int dimensions, CovarianceType covariance, FitResultSummary summary, GaussianMixtureOptions options)
        : this(NoiseFit.Evaluator(family, mixture), NoiseFit.Signal(mixture), dimensions, covariance, summary, options)
    {
        Noise = new NoiseComponent(mixture.Weights[^1], family.Noise);
    }

    private GaussianMixtureModel(IMixtureEvaluator evaluator, Mixture<GaussianComponent> mixture, int dimensions, CovarianceType covariance, FitResultSummary summary, GaussianMixtureOptions options)
        : base(evaluator, dimensions, [.. mixture.Weights], summary)
    {
        Covariance = covariance;
        _parameters = new Lazy<GaussianMixtureParameters>(() => Conversions.ToParameters(mixture));
        Means = [.. mixture.Components.Map(component => component.Mean.ToArray().ToImmutableArray())];
        Variances = [.. mixture.Components.Map(GaussianColumns.Variances)];
        Options = options;
    }

    /// <summary>Covariance parametrization.</summary>
    public CovarianceType Covariance { get; }

    private protected override EmSettings Settings => Options;

    private protected override string Description => "Gaussian mixture";

    private protected override string CovarianceDescription => Describe(Covariance);

    /// <summary>
    /// The options of the fit that made this model (for a cell of <see cref="ModelSelection"/>: the grid's
    /// settings with the cell's covariance type and the cell's seed, with which <see cref="GaussianMixture"/>
    /// repeats the cell's fit). Saved with the model by <see cref="FittedModel"/>.
    /// </summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>
    /// Weights, means and full covariances, built on first use: K × D × D numbers even for a diagonal or
    /// spherical model, whose own parameters are <see cref="Means"/> and <see cref="Variances"/>.
    /// </summary>
    public GaussianMixtureParameters Parameters => _parameters.Value;

    /// <summary>True when the covariance type is diagonal or spherical: Σ_k is diagonal, and <see cref="Variances"/> is all of it.</summary>
    public bool IsDiagonal => CovarianceTypes.IsDiagonal(Covariance);

    /// <summary>μ_1 … μ_K.</summary>
    public override ImmutableArray<ImmutableArray<double>> Means { get; }

    /// <inheritdoc/>
    public override ImmutableArray<ImmutableArray<double>> Variances { get; }

    /// <summary>Σ_1 … Σ_K as full D×D matrices (built on first use, see <see cref="Parameters"/>).</summary>
    public override ImmutableArray<ImmutableArray<ImmutableArray<double>>> Covariances => Parameters.Covariances;

    private readonly Lazy<GaussianMixtureParameters> _parameters;
}
