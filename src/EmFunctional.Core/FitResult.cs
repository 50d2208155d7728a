using EmFunctional.Core.Convergence;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core;

/// <summary>One point of a restart's log-likelihood trace.</summary>
/// <param name="Iteration">EM steps completed.</param>
/// <param name="MeanLogLikelihood">Mean log-likelihood of the mixture that entered that step.</param>
/// <param name="Change">The change of the mean log-posterior (the mean log-likelihood without priors) from the
/// previous step (+∞ on the first).</param>
/// <param name="ResponsibilityChange">‖ΔR‖_F when tracked.</param>
public sealed record TracePoint(int Iteration, double MeanLogLikelihood, double Change, Option<double> ResponsibilityChange)
{
    /// <summary>The repairs a degeneracy policy made in that step's M-step (see <see cref="EmState{TComponent}.Repairs"/>).</summary>
    public Arr<Degeneracy.ComponentRepair> Repairs { get; init; } = Arr<Degeneracy.ComponentRepair>.Empty;
}

/// <summary>How one restart went.</summary>
/// <param name="Index">0-based restart number.</param>
/// <param name="Seed">The seed it was initialized with.</param>
/// <param name="Trace">One point per EM step.</param>
/// <param name="Outcome">The last state (carrying its stop reason) and the total log-likelihood of its
/// final mixture, or the error that ended the restart.</param>
public sealed record RestartResult<TComponent>(
    int Index,
    ulong Seed,
    Arr<TracePoint> Trace,
    Either<Error, (EmState<TComponent> State, double LogLikelihood)> Outcome)
{
    /// <summary>Number of EM steps run.</summary>
    public int Iterations => Trace.Count;
}

/// <summary>
/// The result of a fit: the best restart's final mixture with its log-likelihood evaluated at those
/// final parameters (one E-step pass after the last M-step), and every restart's trace.
/// </summary>
/// <param name="Mixture">The fitted parameters.</param>
/// <param name="FinalState">The best restart's last EM state.</param>
/// <param name="LogLikelihood">Σ_i w_i log p(x_i | Mixture): the total at the returned parameters.</param>
/// <param name="TotalWeight">Σ_i w_i, the n of BIC.</param>
/// <param name="FreeParameters">(K − 1) + the family's parameter count; the family's count alone under <see cref="MixtureWeights.Fixed"/> (weights that are not estimated are not free).</param>
/// <param name="BestRestart">Index of the restart that won.</param>
/// <param name="Restarts">Every restart, in order, failed ones included.</param>
public sealed record FitResult<TComponent>(
    Mixture<TComponent> Mixture,
    EmState<TComponent> FinalState,
    double LogLikelihood,
    double TotalWeight,
    int FreeParameters,
    int BestRestart,
    Arr<RestartResult<TComponent>> Restarts)
{
    /// <summary>log p(θ, π) at the returned parameters: 0 for maximum likelihood.</summary>
    public double LogPrior { get; init; }

    /// <summary>Missing cells of the fitted data, per column (zeros when none); <see cref="LogLikelihood"/> is then of the observed cells.</summary>
    public Arr<int> MissingCellsByColumn { get; init; } = Arr<int>.Empty;

    /// <summary><see cref="LogLikelihood"/> + <see cref="LogPrior"/>: what the fit maximized.</summary>
    public double LogPosterior => LogLikelihood + LogPrior;

    /// <summary>Log-likelihood per unit of weight.</summary>
    public double MeanLogLikelihood => LogLikelihood / TotalWeight;

    /// <summary>EM steps of the winning restart.</summary>
    public int Iterations => FinalState.Iteration;

    /// <summary>Why the winning restart stopped.</summary>
    public StopReason StopReason => FinalState.StopReason.IfNone(StopReason.MaximumIterations);

    /// <summary>True when a convergence rule (not the iteration cap or cancellation) stopped it.</summary>
    public bool Converged => StopReason.IsConverged();

    /// <summary>BIC = −2 log L + p ln n; lower is better (scikit-learn's convention).</summary>
    public double Bic => Selection.InformationCriteria.Bic(LogLikelihood, FreeParameters, TotalWeight);

    /// <summary>AIC = −2 log L + 2p; lower is better.</summary>
    public double Aic => Selection.InformationCriteria.Aic(LogLikelihood, FreeParameters);
}
