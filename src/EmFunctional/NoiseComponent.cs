namespace EmFunctional;

/// <summary>
/// The fitted noise component of a model (<see cref="MixtureModel.Noise"/>): a uniform density 1 / V over a box
/// around the training data — mclust's <c>hypvol</c>, the smaller of the bounding boxes along the columns and along
/// the principal axes — and its estimated weight π_0. The mixture density is π_0 / V + Σ_k π_k p(x | θ_k), with
/// Σ_k π_k = 1 − π_0.
/// </summary>
public sealed class NoiseComponent
{
    internal NoiseComponent(double weight, Core.Families.Noise.UniformNoise density)
    {
        Weight = weight;
        Density = density;
    }

    /// <summary>π_0, the estimated proportion of noise.</summary>
    public double Weight { get; }

    /// <summary>log V.</summary>
    public double LogHypervolume => Density.LogVolume;

    /// <summary>V, the hypervolume of the noise component's box (mclust's <c>hypvol</c>; its <c>Vinv</c> is 1 / V).</summary>
    public double Hypervolume => Math.Exp(Density.LogVolume);

    internal Core.Families.Noise.UniformNoise Density { get; }
}
