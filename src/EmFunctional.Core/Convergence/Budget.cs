namespace EmFunctional.Core.Convergence;

/// <summary>
/// A limit on how long a fit may run, asked after every EM step: <see cref="IsSpent"/> is the caller's
/// function (the facade's reads a stopwatch), so the core itself reads no clock and a fit without a budget
/// is exactly reproducible. Polled rather than signalled, so that it holds even when every thread-pool
/// thread is busy with the E-step.
/// </summary>
/// <param name="IsSpent">True once the budget is spent; it may only go from false to true.</param>
public sealed record Budget(Func<bool> IsSpent)
{
    /// <summary>Never spent.</summary>
    public static Budget Unlimited { get; } = new(() => false);
}
