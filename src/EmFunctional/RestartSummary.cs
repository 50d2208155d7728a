using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>How one restart of a fit went.</summary>
/// <param name="Index">0-based restart number.</param>
/// <param name="Seed">The seed it was initialized with (derived from the fit's seed).</param>
/// <param name="LogLikelihood">Total log-likelihood of its final parameters; null when it failed.</param>
/// <param name="Iterations">EM iterations it ran.</param>
/// <param name="StopReason">Why it stopped; null when it failed.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
/// <param name="Trace">Its log-likelihood per iteration.</param>
public sealed record RestartSummary(
    int Index,
    ulong Seed,
    double? LogLikelihood,
    int Iterations,
    StopReason? StopReason,
    string? Error,
    ImmutableArray<TraceEntry> Trace)
{
    /// <summary>True when the restart produced parameters.</summary>
    public bool Succeeded => Error is null;

    /// <summary>What was done to degenerate components along this restart, in order (see <see cref="DegenerateComponentPolicy"/>).</summary>
    public ImmutableArray<ComponentEvent> Events { get; init; } = [];

    /// <summary>True when a convergence rule stopped it.</summary>
    public bool Converged => StopReason is EmFunctional.StopReason.LogLikelihoodConverged or EmFunctional.StopReason.ResponsibilitiesConverged;
}
