using EmFunctional.Core.Families;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core.Initialization;

/// <summary>
/// Orders a start's components to agree with partially labelled rows. A start from seeding knows nothing
/// of the labels, so its component 0 need not be near the rows known to be 0; EM would still force those
/// rows into component 0, but from a start that pulls the other way it can settle in a poor optimum.
/// Greedily, the (label, component) pair with the highest Σ log π_k p(x_i | θ_k) over the rows of that
/// label is matched first, then the next among the unmatched, and so on; components no label claims keep
/// their order in the remaining places.
/// </summary>
internal static class LabelAlignment
{
    public static Mixture<TComponent> Align<TComponent, TStatistics>(IComponentFamily<TComponent, TStatistics> family, Dataset data, Mixture<TComponent> start)
        where TStatistics : IComponentStatistics
    {
        var k = start.Count;
        var d = data.Columns;
        var score = new double[k * k];   // [label, component]
        var hasRows = new bool[k];
        var completed = data.Completed;
        var logWeights = MixtureDensity.LogWeights(start);
        var block = new double[RowBlocks.Size * d];
        var labels = new int[RowBlocks.Size];
        var output = new double[RowBlocks.Size * k];
        var filled = 0;
        void Flush()
        {
            if (filled == 0) return;
            family.LogDensities(start.Components, block.AsSpan(0, filled * d), d, output.AsSpan(0, filled * k));
            for (var r = 0; r < filled; r++)
                for (var c = 0; c < k; c++)
                    score[labels[r] * k + c] += Math.Max(-1e300, logWeights[c] + output[r * k + c]);
            filled = 0;
        }
        for (var i = 0; i < data.Rows; i++)
        {
            var label = data.KnownComponent(i);
            if (label < 0 || label >= k) continue;
            hasRows[label] = true;
            completed.Row(i).CopyTo(block.AsSpan(filled * d, d));
            labels[filled++] = label;
            if (filled == RowBlocks.Size) Flush();
        }
        Flush();

        var componentOf = Enumerable.Repeat(-1, k).ToArray();   // the start's component for each place
        var taken = new bool[k];
        while (true)
        {
            var (bestLabel, bestComponent, best) = (-1, -1, double.NegativeInfinity);
            for (var label = 0; label < k; label++)
            {
                if (!hasRows[label] || componentOf[label] >= 0) continue;
                for (var c = 0; c < k; c++)
                    if (!taken[c] && (bestLabel < 0 || score[label * k + c] > best))
                        (bestLabel, bestComponent, best) = (label, c, score[label * k + c]);
            }
            if (bestLabel < 0) break;
            componentOf[bestLabel] = bestComponent;
            taken[bestComponent] = true;
        }
        var rest = Enumerable.Range(0, k).Where(c => !taken[c]).GetEnumerator();
        for (var place = 0; place < k; place++)
            if (componentOf[place] < 0 && rest.MoveNext()) componentOf[place] = rest.Current;
        return new Mixture<TComponent>(componentOf.Select(c => start.Weights[c]).ToArr(), componentOf.Select(c => start.Components[c]).ToArr());
    }
}
