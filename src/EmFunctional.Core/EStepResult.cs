using LanguageExt;

namespace EmFunctional.Core;

/// <summary>What an E-step over all rows yields: per-component statistics and the log-likelihood.</summary>
/// <param name="Statistics">Per component, statistics of the rows weighted by r_ik·w_i.</param>
/// <param name="LogLikelihood">Σ_i w_i log p(x_i): the total log-likelihood of the evaluated mixture.</param>
/// <param name="TotalWeight">Σ_i w_i.</param>
/// <param name="ResponsibilityChange">‖R − R_previous‖_F when a previous mixture was given.</param>
public sealed record EStepResult<TStatistics>(
    Arr<TStatistics> Statistics,
    double LogLikelihood,
    double TotalWeight,
    Option<double> ResponsibilityChange)
{
    /// <summary>The mean log-likelihood per unit of weight.</summary>
    public double MeanLogLikelihood => LogLikelihood / TotalWeight;

    /// <summary>
    /// The K rows (or all rows, if fewer) with positive weight that the mixture explains worst, lowest
    /// log p(x_i) first, ties in row order: where a degenerate component is restarted.
    /// </summary>
    public Arr<int> WorstRows { get; init; } = Arr<int>.Empty;
}
