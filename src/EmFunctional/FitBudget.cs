using System.Diagnostics;
using EmFunctional.Core.Convergence;

namespace EmFunctional;

/// <summary>
/// The clock of a time budget, kept in the facade: the core only asks <see cref="Budget.IsSpent"/> after each
/// step (<see cref="Core.EmOptions.Budget"/>), so it stays free of clocks. A stopwatch rather than a timer: a
/// timer's callback needs a thread-pool thread, which a busy E-step can keep from it for a long time.
/// </summary>
internal static class FitBudget
{
    /// <summary>A budget whose clock starts now; unlimited without a limit.</summary>
    public static Budget Start(TimeSpan? limit)
    {
        if (limit is not { } spendable) return Budget.Unlimited;
        var clock = Stopwatch.StartNew();
        return new Budget(() => clock.Elapsed >= spendable);
    }
}
