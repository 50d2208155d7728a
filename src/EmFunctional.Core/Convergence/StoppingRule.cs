using LanguageExt;

namespace EmFunctional.Core.Convergence;

/// <summary>
/// A stopping rule as a value: given the latest EM state, says whether to stop and why. Rules compose
/// with <see cref="FirstOf"/>; the order of its rules is the order of precedence, so a fit that converges
/// on its last allowed iteration reports convergence, as scikit-learn does.
/// </summary>
public abstract record StoppingRule
{
    private StoppingRule() { }

    /// <summary>Stop reason for <paramref name="state"/>, or None to go on.</summary>
    public abstract Option<StopReason> Check<TComponent>(EmState<TComponent> state);

    /// <summary>Whether the rule reads <see cref="EmState{TComponent}.ResponsibilityChange"/> (which costs a second E-step pass).</summary>
    public abstract bool NeedsResponsibilityChange { get; }

    /// <summary>
    /// scikit-learn's rule: stop when |Δ mean log-likelihood| &lt; <paramref name="Tolerance"/>. The mean
    /// is per (weighted) row, so the tolerance does not depend on N. A tolerance of 0 never stops.
    /// </summary>
    public sealed record LogLikelihoodChange(double Tolerance) : StoppingRule
    {
        /// <inheritdoc />
        public override Option<StopReason> Check<TComponent>(EmState<TComponent> state) =>
            state.Settled && Math.Abs(state.Change) < Tolerance ? StopReason.LogLikelihoodConverged : Option<StopReason>.None;

        /// <inheritdoc />
        public override bool NeedsResponsibilityChange => false;
    }

    /// <summary>
    /// The tutorials' rule: stop when ‖R_t − R_{t−1}‖_F &lt; <paramref name="Tolerance"/>, the Frobenius
    /// norm of the change of the N×K responsibility matrix between consecutive E-steps.
    /// </summary>
    public sealed record ResponsibilityChange(double Tolerance) : StoppingRule
    {
        /// <inheritdoc />
        public override Option<StopReason> Check<TComponent>(EmState<TComponent> state) =>
            state.ResponsibilityChange.Filter(change => state.Settled && change < Tolerance).Map(_ => StopReason.ResponsibilitiesConverged);

        /// <inheritdoc />
        public override bool NeedsResponsibilityChange => true;
    }

    /// <summary>Stop after <paramref name="Count"/> EM steps (not converged).</summary>
    public sealed record MaximumIterations(int Count) : StoppingRule
    {
        /// <inheritdoc />
        public override Option<StopReason> Check<TComponent>(EmState<TComponent> state) =>
            state.Iteration >= Count ? StopReason.MaximumIterations : Option<StopReason>.None;

        /// <inheritdoc />
        public override bool NeedsResponsibilityChange => false;
    }

    /// <summary>The first of <paramref name="Rules"/> that says stop.</summary>
    public sealed record FirstOf(Arr<StoppingRule> Rules) : StoppingRule
    {
        /// <inheritdoc />
        public override Option<StopReason> Check<TComponent>(EmState<TComponent> state)
        {
            foreach (var rule in Rules)
            {
                var reason = rule.Check(state);
                if (reason.IsSome) return reason;
            }
            return Option<StopReason>.None;
        }

        /// <inheritdoc />
        public override bool NeedsResponsibilityChange => Rules.Exists(rule => rule.NeedsResponsibilityChange);
    }

    /// <summary>
    /// The default: log-likelihood change below <paramref name="tolerance"/> (1e-3, as scikit-learn),
    /// optionally responsibility change below <paramref name="responsibilityTolerance"/>, and at most
    /// <paramref name="maximumIterations"/> steps (100).
    /// </summary>
    public static StoppingRule Default(double tolerance = 1e-3, int maximumIterations = 100, double? responsibilityTolerance = null)
    {
        var rules = new List<StoppingRule> { new LogLikelihoodChange(tolerance) };
        if (responsibilityTolerance is { } delta) rules.Add(new ResponsibilityChange(delta));
        rules.Add(new MaximumIterations(maximumIterations));
        return new FirstOf(rules.ToArr());
    }
}
