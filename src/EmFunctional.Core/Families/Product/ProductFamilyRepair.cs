using EmFunctional.Core.Degeneracy;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Product;

/// <summary>
/// Degenerate components of a product: each column group is repaired by its own family where that family can
/// (today the Gaussian group), and left to its ordinary M-step where it cannot.
/// </summary>
public sealed partial record ProductFamily : IRepairableFamily<ProductComponent, ProductStatistics>
{
    /// <summary>The largest regularization of the groups (only Gaussian groups have one; 0 without).</summary>
    public double Regularization => Parts.Fold(0.0, (largest, part) => Math.Max(largest, part.Repairable?.Regularization ?? 0));

    /// <inheritdoc />
    public bool EstimatesComponentsIndependently => Parts.ForAll(part => part.Repairable?.EstimatesComponentsIndependently ?? true);

    /// <summary>Each group's M-step; the groups that have a regularization take <paramref name="regularization"/> instead.</summary>
    public Either<Error, Arr<ProductComponent>> EstimateWith(Arr<ProductStatistics> statistics, double regularization)
    {
        var k = statistics.Count;
        var parts = new object[k][];
        for (var c = 0; c < k; c++) parts[c] = new object[Parts.Count];
        for (var g = 0; g < Parts.Count; g++)
        {
            var group = g;
            var groupStatistics = statistics.Map(s => s[group]);
            var estimate = Parts[g].Repairable is { } repairable
                ? repairable.EstimateWith(groupStatistics, regularization)
                : Parts[g].Estimate(groupStatistics);
            if (estimate.IsLeft) return estimate.LeftToSeq().Head();
            var components = estimate.RightToSeq().Head();
            for (var c = 0; c < k; c++) parts[c][g] = components[c];
        }
        return parts.Select(p => new ProductComponent(p)).ToArr();
    }

    /// <summary>Collapsed when any group's part is.</summary>
    public bool IsCollapsed(ProductStatistics statistics, ProductComponent component)
    {
        for (var g = 0; g < Parts.Count; g++)
            if (Parts[g].Repairable is { } repairable && repairable.IsCollapsed(statistics[g], component[g])) return true;
        return false;
    }

    /// <summary>What the most demanding group needs.</summary>
    public double RowsNeeded(ProductStatistics statistics)
    {
        var needed = 0.0;
        for (var g = 0; g < Parts.Count; g++)
            if (Parts[g].Repairable is { } repairable) needed = Math.Max(needed, repairable.RowsNeeded(statistics[g]));
        return needed;
    }

    /// <summary>Each group restarts its columns of <paramref name="center"/> with the spread of the others' parts.</summary>
    public ProductComponent Restart(ReadOnlySpan<double> center, Arr<ProductComponent> others)
    {
        var parts = new object[Parts.Count];
        for (var g = 0; g < parts.Length; g++)
        {
            var columns = _columns[g];
            var gathered = new double[columns.Length];
            for (var j = 0; j < columns.Length; j++) gathered[j] = center[columns[j]];
            var group = g;
            parts[g] = Parts[g].Repairable is { } repairable
                ? repairable.Restart(gathered, others.Map(o => o[group]))
                : Parts[g].CenteredAt(gathered);
        }
        return new ProductComponent(parts);
    }
}
