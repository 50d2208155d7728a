using EmFunctional.Core.Convergence;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core;

/// <summary>
/// The state after one EM step: an E-step on the mixture that entered the step
/// (<see cref="EvaluatedMixture"/>) followed by an M-step that produced <see cref="Mixture"/>.
/// </summary>
/// <remarks>
/// As in scikit-learn, the log-likelihood a step reports belongs to the parameters that entered its
/// E-step, not to the parameters it returns: computing the latter would cost another pass over the data,
/// and the next step's E-step computes it anyway. <see cref="MeanLogLikelihood"/> is therefore the mean
/// log-likelihood of <see cref="EvaluatedMixture"/>. The initial state (iteration 0) has evaluated
/// nothing: its log-likelihood is −∞ and its change +∞.
/// </remarks>
/// <param name="Iteration">Number of completed EM steps (0 for the starting point).</param>
/// <param name="Mixture">The parameters produced by this step's M-step (the start, for iteration 0).</param>
/// <param name="EvaluatedMixture">The parameters whose log-likelihood this state reports (None at iteration 0).</param>
/// <param name="MeanLogLikelihood">Σ_i w_i log p(x_i | <see cref="EvaluatedMixture"/>) / Σ_i w_i.</param>
/// <param name="Change"><see cref="MeanLogPosterior"/> minus the previous state's (+∞ on the first step);
/// without priors that is the change of <see cref="MeanLogLikelihood"/>.</param>
/// <param name="ResponsibilityChange">‖R_t − R_{t−1}‖_F, the Frobenius norm of the change of the
/// responsibility matrix between this E-step and the previous one (rows weighted by w_i); present only
/// when it was asked for and a previous E-step exists.</param>
/// <param name="Diagnostics">Per component, what this step saw.</param>
/// <param name="StopReason">Why a fit stops at this state: set by <see cref="Fitting.Restart{TComponent,TStatistics}"/>
/// on every state where the fit's stopping rule (or its cancellation or budget) fires, and on the last state of a
/// fit; None elsewhere.</param>
public sealed record EmState<TComponent>(
    int Iteration,
    Mixture<TComponent> Mixture,
    Option<Mixture<TComponent>> EvaluatedMixture,
    double MeanLogLikelihood,
    double Change,
    Option<double> ResponsibilityChange,
    Arr<ComponentDiagnostics> Diagnostics,
    Option<StopReason> StopReason)
{
    /// <summary>
    /// log p(θ, π) / Σ_i w_i for <see cref="EvaluatedMixture"/>: the family's and the weights' log-prior per
    /// unit of weight; 0 for maximum likelihood.
    /// </summary>
    public double MeanLogPrior { get; init; }

    /// <summary>
    /// <see cref="MeanLogLikelihood"/> + <see cref="MeanLogPrior"/>: the quantity EM cannot decrease (the
    /// log-likelihood itself when there is no prior).
    /// </summary>
    public double MeanLogPosterior => MeanLogLikelihood + MeanLogPrior;

    /// <summary>The repairs a <see cref="Degeneracy.DegeneracyPolicy"/> made in this state's M-step (empty without one).</summary>
    public Arr<Degeneracy.ComponentRepair> Repairs => Diagnostics.Bind(d => d.Repair.ToArr());

    /// <summary>
    /// Whether <see cref="EvaluatedMixture"/> was a repaired mixture (its parameters not all from an M-step), in
    /// which case <see cref="Change"/> compares it with the mixture before the repair and can be negative.
    /// </summary>
    public bool EvaluatedRepaired { get; init; }

    /// <summary>
    /// False while a repair is in play: the mixture was just repaired (not yet evaluated) or the change is the
    /// repair's. Convergence rules on the log-likelihood or responsibilities wait until it is true.
    /// </summary>
    public bool Settled => !EvaluatedRepaired && !Repairs.Exists(repair => repair.ChangedParameters);

    /// <summary>
    /// Set only on the last element of a sequence of states that ended because the next step failed: that
    /// element is the state the failed step started from (the same iteration and mixture as the element before
    /// it, or the initial state when the first step failed), and this is the step's error. A sequence of states
    /// thus needs no unwrapping: every element is a state, and a failure is seen on the last one.
    /// </summary>
    public Option<Error> Failure { get; init; }

    /// <summary>True on the state that ends a sequence because the next step failed (see <see cref="Failure"/>).</summary>
    public bool Failed => Failure.IsSome;

    /// <summary>The state before any step: iteration 0 at <paramref name="start"/>.</summary>
    public static EmState<TComponent> Initial(Mixture<TComponent> start) => new(
        0, start, Option<Mixture<TComponent>>.None, double.NegativeInfinity, double.PositiveInfinity,
        Option<double>.None, Arr<ComponentDiagnostics>.Empty, Option<StopReason>.None);
}

/// <summary>What one EM step saw of one component.</summary>
/// <param name="EffectiveCount">N_k = Σ_i r_ik w_i, the weighted number of rows the component explained
/// in the step's E-step (the weight π_k of the new mixture is N_k / Σ_j N_j).</param>
public sealed record ComponentDiagnostics(double EffectiveCount)
{
    /// <summary>What a <see cref="Degeneracy.DegeneracyPolicy"/> did to the component in this step's M-step, if anything.</summary>
    public LanguageExt.Option<Degeneracy.ComponentRepair> Repair { get; init; }
}
