using EmFunctional.Core.Families;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Degeneracy;

/// <summary>
/// The M-step under a <see cref="DegeneracyPolicy"/>: the ordinary M-step for every healthy component, and
/// for each degenerate one what the policy says, recorded in a <see cref="ComponentRepair"/>.
/// </summary>
internal static class DegeneracyRepair
{
    /// <summary>The new mixture and, per component, the repair made to it (None: an ordinary M-step).</summary>
    public static Either<Error, (Mixture<TComponent> Mixture, Arr<Option<ComponentRepair>> Repairs)> MStep<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        EStepResult<TStatistics> expectation,
        MixtureWeights weights,
        Arr<double> currentWeights,
        DegeneracyPolicy policy)
        where TStatistics : IComponentStatistics
    {
        if (weights.Problem.Case is Error problem) return problem;
        var statistics = expectation.Statistics;
        var k = statistics.Count;
        var averageRow = expectation.TotalWeight / data.Rows;
        var threshold = policy.MinimumEffectiveRows * averageRow;
        var repairable = family as IRepairableFamily<TComponent, TStatistics>;
        var repairs = new Option<ComponentRepair>[k];
        var components = new TComponent[k];
        var restart = new List<(int Component, DegeneracyReason Reason)>();

        var healthy = new List<int>();
        for (var c = 0; c < k; c++)
        {
            if (repairable?.IsFixed(statistics[c]) == true || (statistics[c].Weight > 0 && statistics[c].Weight >= threshold)) healthy.Add(c);
            else if (policy.Action == DegeneracyAction.Fail) return Errors.EmptyComponent(c, statistics[c].Weight);
            else restart.Add((c, DegeneracyReason.TooFewRows));
        }

        if (healthy.Count > 0)
        {
            var estimated = EstimateHealthy(family, repairable, statistics, healthy, policy, repairs, restart, averageRow);
            if (estimated.IsLeft) return estimated.LeftToSeq().Head();
            foreach (var (index, component) in estimated.RightToSeq().Head()) components[index] = component;
        }

        if (restart.Count > 0)
        {
            var worst = expectation.WorstRows;
            if (worst.Count < restart.Count)
                return Errors.EmptyComponent(restart[0].Component, statistics[restart[0].Component].Weight);
            var others = healthy.Where(c => !restart.Exists(r => r.Component == c)).Select(c => components[c]).ToArr();
            for (var j = 0; j < restart.Count; j++)
            {
                var (c, reason) = restart[j];
                var row = worst[j];
                components[c] = repairable is not null ? repairable.Restart(data.Completed.Row(row), others) : family.CenteredAt(data.Completed.Row(row));
                repairs[c] = new ComponentRepair(c, reason, DegeneracyAction.Reinitialize, statistics[c].Weight, double.NaN, row);
            }
        }

        // A restarted component starts with the weight of at least one average row, so that it can win rows back.
        var counts = statistics.Map(s => s.Weight).ToArray();
        foreach (var (c, _) in restart) counts[c] = Math.Max(counts[c], averageRow);
        var mixture = new Mixture<TComponent>(weights.Estimate(counts.ToArr(), currentWeights), components.ToArr());
        return (mixture, repairs.ToArr());
    }

    /// <summary>
    /// The healthy components' M-step, as (index, component) pairs; an ill-defined one is regularized harder
    /// (or, failing that or under the reinitialize action, added to <paramref name="restart"/>), a collapsed
    /// one recorded as kept or added to <paramref name="restart"/>.
    /// </summary>
    private static Either<Error, List<(int Index, TComponent Component)>> EstimateHealthy<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        IRepairableFamily<TComponent, TStatistics>? repairable,
        Arr<TStatistics> statistics,
        List<int> healthy,
        DegeneracyPolicy policy,
        Option<ComponentRepair>[] repairs,
        List<(int Component, DegeneracyReason Reason)> restart,
        double averageRow)
        where TStatistics : IComponentStatistics
    {
        var subset = healthy.Select(c => statistics[c]).ToArr();
        var result = new List<(int, TComponent)>();
        var all = family.Estimate(subset);
        if (all.IsRight)
        {
            var estimated = all.RightToSeq().Head();
            for (var j = 0; j < healthy.Count; j++) result.Add((healthy[j], estimated[j]));
        }
        else if (policy.Action == DegeneracyAction.Fail || repairable is null)
        {
            return all.LeftToSeq().Head();
        }
        else if (!repairable.EstimatesComponentsIndependently)
        {
            // One shared covariance: only raising its regularization can help, and it concerns every component.
            var (raised, regularization) = RaiseUntilDefined(repairable, subset);
            if (raised.IsLeft) return all.LeftToSeq().Head();
            var estimated = raised.RightToSeq().Head();
            for (var j = 0; j < healthy.Count; j++)
            {
                result.Add((healthy[j], estimated[j]));
                repairs[healthy[j]] = new ComponentRepair(healthy[j], DegeneracyReason.IllDefined, DegeneracyAction.Regularize, statistics[healthy[j]].Weight, regularization, -1);
            }
            return result;
        }
        else
        {
            foreach (var c in healthy)
            {
                var own = repairable.EstimateWith(Arr.create(statistics[c]), repairable.Regularization);
                if (own.IsRight)
                {
                    result.Add((c, own.RightToSeq().Head()[0]));
                    continue;
                }
                var (raised, regularization) = policy.Action == DegeneracyAction.Regularize
                    ? RaiseUntilDefined(repairable, Arr.create(statistics[c]))
                    : (own, repairable.Regularization);
                if (raised.IsRight)
                {
                    result.Add((c, raised.RightToSeq().Head()[0]));
                    repairs[c] = new ComponentRepair(c, DegeneracyReason.IllDefined, DegeneracyAction.Regularize, statistics[c].Weight, regularization, -1);
                }
                else
                {
                    restart.Add((c, DegeneracyReason.IllDefined));
                }
            }
        }

        if (repairable is null) return result;
        foreach (var (c, component) in result.ToList())
        {
            if (repairs[c].IsSome) continue;
            var needed = repairable.RowsNeeded(statistics[c]);
            DegeneracyReason reason;
            if (repairable.IsCollapsed(statistics[c], component)) reason = DegeneracyReason.Collapsed;
            else if (statistics[c].Weight < needed * averageRow) reason = DegeneracyReason.UnderDetermined;
            else continue;
            if (policy.Action == DegeneracyAction.Fail)
                return reason == DegeneracyReason.Collapsed
                    ? Errors.CollapsedComponent(c, statistics[c].Weight, repairable.Regularization)
                    : Errors.UnderDeterminedComponent(c, statistics[c].Weight / averageRow, needed);
            if (policy.Action == DegeneracyAction.Regularize)
            {
                repairs[c] = new ComponentRepair(c, reason, DegeneracyAction.Regularize, statistics[c].Weight, repairable.Regularization, -1);
            }
            else
            {
                result.RemoveAll(pair => pair.Item1 == c);
                restart.Add((c, reason));
            }
        }
        return result;
    }

    /// <summary>The family's regularization times 10, 100, … until the estimate is defined, or the last failure.</summary>
    private static (Either<Error, Arr<TComponent>> Estimate, double Regularization) RaiseUntilDefined<TComponent, TStatistics>(
        IRepairableFamily<TComponent, TStatistics> family, Arr<TStatistics> statistics)
    {
        var regularization = Math.Max(family.Regularization, 1e-12);
        Either<Error, Arr<TComponent>> estimate = Errors.InvalidInput("no regularization was tried");
        for (var raise = 0; raise < DegeneracyPolicy.MaximumRaises; raise++)
        {
            regularization *= DegeneracyPolicy.RegularizationGrowth;
            estimate = family.EstimateWith(statistics, regularization);
            if (estimate.IsRight) break;
        }
        return (estimate, regularization);
    }
}
