using EmFunctional.Core.Convergence;
using EmFunctional.Core.Initialization;

namespace EmFunctional.Core;

/// <summary>How <see cref="Fitting.Fit{TComponent,TStatistics}"/> runs EM.</summary>
/// <param name="Stopping">When to stop each restart.</param>
/// <param name="Initialization">How each restart starts.</param>
/// <param name="Restarts">How many starts to run (at least 1); the best final log-posterior (the log-likelihood, without priors) wins.</param>
/// <param name="Seed">The seed every restart's seed is derived from.</param>
public sealed record EmOptions(StoppingRule Stopping, InitializationStrategy Initialization, int Restarts = 1, ulong Seed = 0)
{
    /// <summary>Most threads an E-step may use (−1: all cores). It changes the speed, never the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>How the M-step sets the mixture weights (maximum likelihood by default).</summary>
    public MixtureWeights Weights { get; init; } = MixtureWeights.Default;

    /// <summary>
    /// What to do with degenerate components (see <see cref="Degeneracy.DegeneracyPolicy"/>); null: the step
    /// fails as the family reports it, exactly as before policies existed.
    /// </summary>
    public Degeneracy.DegeneracyPolicy? Degeneracy { get; init; }

    /// <summary>
    /// A time budget (see <see cref="Convergence.Budget"/>). Once spent, like the cancellation token of
    /// <see cref="Fitting.Fit{TComponent,TStatistics}"/>, it ends the running restart after its current step with the
    /// state reached, and no further restart starts; the stop reason says <see cref="Convergence.StopReason.BudgetExhausted"/>.
    /// </summary>
    public Convergence.Budget Budget { get; init; } = Convergence.Budget.Unlimited;

    /// <summary>scikit-learn-like defaults: tolerance 1e-3, 100 iterations, k-means++, one start, seed 0.</summary>
    public static EmOptions Default { get; } = new(StoppingRule.Default(), new InitializationStrategy.KMeansPlusPlus());
}
