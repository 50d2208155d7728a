using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>One EM iteration of one restart as <c>FamilyMixture.Iterate</c> reports it.</summary>
/// <param name="Restart">The restart (0-based) whose start this sequence grew from; <c>Fit</c> runs restarts 0 … Restarts − 1.</param>
/// <param name="Number">Iterations completed in this restart (1 for the first).</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood per (weighted) row of the parameters that ENTERED this
/// iteration (scikit-learn's <c>lower_bound_</c> convention: the E-step evaluates them on the way).</param>
/// <param name="Change">Change of the mean log-posterior from the previous iteration (of the mean log-likelihood
/// without priors); null on the first, where there is no previous value.</param>
/// <param name="ResponsibilityChange">‖R_t − R_{t−1}‖_F when <see cref="FamilyMixtureOptions.ResponsibilityTolerance"/> is set; else null.</param>
/// <param name="Weights">π_1 … π_K produced by this iteration's M-step.</param>
/// <param name="Groups">Per component, the parameters of each column group produced by this iteration (as
/// <see cref="FamilyMixtureModel.Groups"/>).</param>
/// <param name="StopReason">Why <c>Fit</c>'s stopping rule would stop this restart after this iteration, or null
/// while it would go on. The sequence itself never stops on it: a consumer that wants <c>Fit</c>'s iterations
/// takes up to and including the first iteration that has one.</param>
public sealed record FamilyIteration(
    int Restart,
    int Number,
    double MeanLogLikelihood,
    double? Change,
    double? ResponsibilityChange,
    ImmutableArray<double> Weights,
    ImmutableArray<ImmutableArray<ColumnGroupParameters>> Groups,
    StopReason? StopReason)
{
    /// <summary>What this iteration's M-step did to degenerate components (see <see cref="DegenerateComponentPolicy"/>).</summary>
    public ImmutableArray<ComponentEvent> Events { get; init; } = [];
}
