using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Degeneracy;

/// <summary>
/// What a family offers beyond <see cref="Families.IComponentFamily{TComponent,TStatistics}"/> so that
/// degenerate components can be handled by the regularize and reinitialize actions. Families without it
/// are still covered: an ill-defined or nearly empty component is then reinitialized with
/// <see cref="Families.IComponentFamily{TComponent,TStatistics}.CenteredAt"/>.
/// </summary>
public interface IRepairableFamily<TComponent, TStatistics>
{
    /// <summary>The regularization this family adds (a Gaussian family's λ on covariance diagonals).</summary>
    double Regularization { get; }

    /// <summary>
    /// Whether the components are estimated each on its own (so a subset of statistics gives those components
    /// exactly as estimating all would); false when they share parameters (tied covariance).
    /// </summary>
    bool EstimatesComponentsIndependently { get; }

    /// <summary>
    /// The M-step of the components of <paramref name="statistics"/> with <paramref name="regularization"/>
    /// instead of the family's (one component at a time when <see cref="EstimatesComponentsIndependently"/>).
    /// </summary>
    Either<Error, Arr<TComponent>> EstimateWith(Arr<TStatistics> statistics, double regularization);

    /// <summary>
    /// Whether <paramref name="component"/>, estimated from <paramref name="statistics"/>, sits on a point or a
    /// subspace: its spread in some direction is no larger than the regularization.
    /// </summary>
    bool IsCollapsed(TStatistics statistics, TComponent component);

    /// <summary>
    /// The effective rows, in average rows, that a component of these statistics needs for the data rather than
    /// the regularization to decide its parameters: D + 1 for a full Gaussian covariance (a mean and a D × D
    /// shape), 0 when the policy's minimum suffices. A component below it is reported as under-determined.
    /// </summary>
    double RowsNeeded(TStatistics statistics);

    /// <summary>A component centred at <paramref name="center"/> with the typical spread of <paramref name="others"/> (the healthy components).</summary>
    TComponent Restart(ReadOnlySpan<double> center, Arr<TComponent> others);

    /// <summary>
    /// True for the statistics of a component no repair may touch, whatever its weight: one without parameters
    /// of its own (a noise component), which the ordinary M-step keeps as it is.
    /// </summary>
    bool IsFixed(TStatistics statistics) => false;
}
