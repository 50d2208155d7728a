using LanguageExt;

namespace EmFunctional.Core;

/// <summary>
/// A finite mixture: weights π_k (non-negative, summing to one) and the parameters θ_k of each component.
/// p(x) = Σ_k π_k p(x | θ_k).
/// </summary>
/// <typeparam name="TComponent">The component parameters of the family.</typeparam>
/// <param name="Weights">π_1 … π_K.</param>
/// <param name="Components">θ_1 … θ_K, in the same order.</param>
public sealed record Mixture<TComponent>(Arr<double> Weights, Arr<TComponent> Components)
{
    /// <summary>Number of components K.</summary>
    public int Count => Components.Count;
}
