namespace EmFunctional.Core.Degeneracy;

/// <summary>
/// When a component counts as degenerate and what EM does about it. A component is degenerate after an
/// E-step when (a) its effective count N_k = Σ_i r_ik w_i is below <see cref="MinimumEffectiveRows"/>
/// average rows, or (b) its family cannot estimate it (a covariance that is not positive definite even
/// with the regularization), or (c) its family reports it collapsed (a Gaussian covariance whose spread
/// in some direction is no larger than the regularization: it sits on a point or a subspace and only the
/// regularization keeps its density finite). What happened is recorded per component in
/// <see cref="ComponentDiagnostics.Repair"/>, so a fit that was kept alive says so.
/// </summary>
/// <param name="Action">What to do: fail, regularize or reinitialize.</param>
/// <param name="MinimumEffectiveRows">
/// The least effective count, in average rows (Σ w / N), for a component to be estimated at all; ≥ 0.
/// </param>
public sealed record DegeneracyPolicy(DegeneracyAction Action, double MinimumEffectiveRows = DegeneracyPolicy.DefaultMinimumEffectiveRows)
{
    /// <summary>Half a row: less cannot even place a mean without mostly borrowing it from rows that belong elsewhere.</summary>
    public const double DefaultMinimumEffectiveRows = 0.5;

    /// <summary>Regularization is raised by this factor at a time.</summary>
    public const double RegularizationGrowth = 10;

    /// <summary>How many tenfold raises are tried before the component is reinitialized instead.</summary>
    public const int MaximumRaises = 15;

    /// <summary>The step fails on any degenerate component: what <see cref="Em.Step{TComponent,TStatistics}"/> does without a policy.</summary>
    public static DegeneracyPolicy Fail { get; } = new(DegeneracyAction.Fail);

    /// <summary>Keep the fit alive by regularization where possible (see <see cref="DegeneracyAction.Regularize"/>).</summary>
    public static DegeneracyPolicy Regularize { get; } = new(DegeneracyAction.Regularize);

    /// <summary>Restart degenerate components at the worst-explained rows.</summary>
    public static DegeneracyPolicy Reinitialize { get; } = new(DegeneracyAction.Reinitialize);
}
