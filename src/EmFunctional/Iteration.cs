namespace EmFunctional;

/// <summary>One EM iteration as <c>GaussianMixture.Iterate</c> reports it.</summary>
/// <param name="Number">Iterations completed (1 for the first).</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood of the parameters that ENTERED this iteration
/// (scikit-learn's <c>lower_bound_</c> convention: the E-step evaluates them on the way).</param>
/// <param name="Change">Change of <paramref name="MeanLogLikelihood"/> from the previous iteration; null on the first.</param>
/// <param name="ResponsibilityChange">‖R_t − R_{t−1}‖_F when <see cref="GaussianMixtureOptions.ResponsibilityTolerance"/> is set; else null.</param>
/// <param name="Parameters">The parameters this iteration produced.</param>
public sealed record Iteration(int Number, double MeanLogLikelihood, double? Change, double? ResponsibilityChange, GaussianMixtureParameters Parameters)
{
    /// <summary>What this iteration's M-step did to degenerate components (see <see cref="DegenerateComponentPolicy"/>).</summary>
    public System.Collections.Immutable.ImmutableArray<ComponentEvent> Events { get; init; } = [];

    /// <summary>Value equality, the events compared element by element.</summary>
    public bool Equals(Iteration? other) =>
        other is not null && Number == other.Number && MeanLogLikelihood.Equals(other.MeanLogLikelihood) && Change.Equals(other.Change)
        && ResponsibilityChange.Equals(other.ResponsibilityChange) && Parameters.Equals(other.Parameters) && Events.SequenceEqual(other.Events);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Number, MeanLogLikelihood, Parameters, Events.Length);
}

/// <summary>One point of a restart's trace (without parameters).</summary>
/// <param name="Number">Iterations completed.</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood of the parameters that entered the iteration.</param>
/// <param name="Change">The change of the mean log-posterior (the mean log-likelihood without priors) from the
/// previous iteration; null on the first.</param>
/// <param name="ResponsibilityChange">‖ΔR‖_F when tracked; else null.</param>
public sealed record TraceEntry(int Number, double MeanLogLikelihood, double? Change, double? ResponsibilityChange);
