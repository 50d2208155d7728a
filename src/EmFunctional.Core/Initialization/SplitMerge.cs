using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Families;

namespace EmFunctional.Core.Initialization;

/// <summary>
/// Split-and-merge moves (Ueda, Nakano, Ghahramani &amp; Hinton 2000) on a fitted mixture: two components that
/// share rows become one, and the freed component takes half of a third one, so a component stuck sharing a
/// cluster can move to where one is missing. A move is built from responsibilities, so it works for every
/// family: column i becomes r_i + r_j; component k's rows are cut in two across the principal axis of its
/// rows (in the data's standardized coordinates), one half to column j and the other kept by k; then one
/// M-step. The pairs (i, j) most worth merging are those whose responsibility vectors overlap most (cosine
/// of r_i and r_j, rows weighted by w); every other component is tried as the one to split.
/// </summary>
internal static class SplitMerge
{
    private const int PowerIterations = 30;

    /// <summary>
    /// The mixtures of the moves for the <paramref name="pairs"/> best merge pairs of <paramref name="mixture"/>,
    /// pair by pair (best first), each with every other component split. Empty below three components or when
    /// the responsibilities cannot be computed; a move whose M-step fails or whose split leaves a half empty is
    /// left out.
    /// </summary>
    public static IReadOnlyList<Mixture<TComponent>> Moves<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family,
        Dataset data,
        Mixture<TComponent> mixture,
        int pairs,
        DegeneracyPolicy? degeneracy,
        int maxDegreeOfParallelism)
        where TStatistics : IComponentStatistics
    {
        var k = mixture.Count;
        if (k < 3 || pairs < 1) return [];
        var evaluated = Inference.Evaluate(family, data, mixture, maxDegreeOfParallelism);
        if (evaluated.IsLeft) return [];
        var responsibilities = evaluated.RightToSeq().Head().Responsibilities;
        // The cuts measure whole rows: missing cells take their column's mean (responsibilities came from the observed cells).
        data = data.Completed;
        var scales = ColumnScales(data);
        // A component's halves do not depend on the pair merged: each is cut once, when first needed.
        var sides = new Lazy<bool[]?>[k];
        for (var c = 0; c < k; c++)
        {
            var component = c;
            sides[c] = new Lazy<bool[]?>(() => SplitSide(data, responsibilities, k, component, scales), LazyThreadSafetyMode.None);
        }
        var moves = new List<Mixture<TComponent>>();
        foreach (var (i, j) in MergePairs(data, responsibilities, k).Take(pairs))
            for (var split = 0; split < k; split++)
            {
                if (split == i || split == j) continue;
                var halves = sides[split].Value;
                if (halves is null) continue;
                var moved = Move(responsibilities, data.Rows, k, i, j, split, halves);
                Em.EstimateFromResponsibilities(family, data, k,
                        (start, rows, target) => moved.AsSpan(start * k, rows * k).CopyTo(target), degeneracy)
                    .IfRight(moves.Add);
            }
        return moves;
    }

    /// <summary>Component pairs (i &lt; j) by decreasing overlap Σ w r_i r_j / (‖r_i‖ ‖r_j‖); ties keep index order.</summary>
    private static IEnumerable<(int I, int J)> MergePairs(Dataset data, double[] responsibilities, int k)
    {
        var norms = new double[k];
        var products = new double[k, k];
        for (var n = 0; n < data.Rows; n++)
        {
            var w = data.Weight(n);
            if (!(w > 0)) continue;
            for (var i = 0; i < k; i++)
            {
                var ri = responsibilities[n * k + i];
                norms[i] += w * ri * ri;
                for (var j = i + 1; j < k; j++) products[i, j] += w * ri * responsibilities[n * k + j];
            }
        }
        var candidates = new List<(int I, int J, double Overlap)>();
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
            {
                var denominator = Math.Sqrt(norms[i] * norms[j]);
                candidates.Add((i, j, denominator > 0 ? products[i, j] / denominator : 0.0));
            }
        return candidates.OrderByDescending(candidate => candidate.Overlap).Select(candidate => (candidate.I, candidate.J));
    }

    /// <summary>Each column's weighted standard deviation (1 for a constant column), so that no unit dominates the axis.</summary>
    private static double[] ColumnScales(Dataset data)
    {
        var d = data.Columns;
        var mean = new double[d];
        var square = new double[d];
        var total = 0.0;
        for (var n = 0; n < data.Rows; n++)
        {
            var w = data.Weight(n);
            if (!(w > 0)) continue;
            total += w;
            var row = data.Row(n);
            for (var c = 0; c < d; c++) mean[c] += w * row[c];
        }
        for (var c = 0; c < d; c++) mean[c] /= total;
        for (var n = 0; n < data.Rows; n++)
        {
            var w = data.Weight(n);
            if (!(w > 0)) continue;
            var row = data.Row(n);
            for (var c = 0; c < d; c++) square[c] += w * (row[c] - mean[c]) * (row[c] - mean[c]);
        }
        return [.. square.Select(s => s > 0 ? Math.Sqrt(s / total) : 1.0)];
    }

    /// <summary>
    /// For each row, whether it lies on the positive side of component <paramref name="split"/>'s principal axis
    /// (through its weighted mean, rows weighted by w r_split); null when either side would be empty. The axis
    /// comes from power iteration on the weighted scatter, applied row by row, so no D × D matrix is formed.
    /// </summary>
    private static bool[]? SplitSide(Dataset data, double[] responsibilities, int k, int split, double[] scales)
    {
        var d = data.Columns;
        var rows = data.Rows;
        var centre = new double[d];
        var total = 0.0;
        for (var n = 0; n < rows; n++)
        {
            var u = data.Weight(n) * responsibilities[n * k + split];
            if (!(u > 0)) continue;
            total += u;
            var row = data.Row(n);
            for (var c = 0; c < d; c++) centre[c] += u * row[c] / scales[c];
        }
        if (!(total > 0)) return null;
        for (var c = 0; c < d; c++) centre[c] /= total;
        // Start from the direction of the component's most distant row: deterministic, and never orthogonal to
        // the spread unless the component is a point.
        var axis = new double[d];
        var farthest = -1.0;
        var deviation = new double[d];
        for (var n = 0; n < rows; n++)
        {
            if (!(data.Weight(n) * responsibilities[n * k + split] > 0)) continue;
            var distance = Deviation(data.Row(n), centre, scales, deviation);
            if (distance > farthest) (farthest, axis) = (distance, (double[])deviation.Clone());
        }
        if (!(farthest > 0) || !Normalize(axis)) return null;
        var next = new double[d];
        for (var iteration = 0; iteration < PowerIterations; iteration++)
        {
            Array.Clear(next);
            for (var n = 0; n < rows; n++)
            {
                var u = data.Weight(n) * responsibilities[n * k + split];
                if (!(u > 0)) continue;
                Deviation(data.Row(n), centre, scales, deviation);
                var projection = Dot(deviation, axis);
                for (var c = 0; c < d; c++) next[c] += u * projection * deviation[c];
            }
            if (!Normalize(next)) break;
            (axis, next) = (next, axis);
        }
        var side = new bool[rows];
        double positive = 0, negative = 0;
        for (var n = 0; n < rows; n++)
        {
            Deviation(data.Row(n), centre, scales, deviation);
            side[n] = Dot(deviation, axis) >= 0;
            var u = data.Weight(n) * responsibilities[n * k + split];
            if (side[n]) positive += u; else negative += u;
        }
        return positive > 0 && negative > 0 ? side : null;
    }

    /// <summary>The responsibilities after the move: i takes i and j, j takes the positive half of split, split keeps the rest.</summary>
    private static double[] Move(double[] responsibilities, int rows, int k, int i, int j, int split, bool[] positiveSide)
    {
        var moved = (double[])responsibilities.Clone();
        for (var n = 0; n < rows; n++)
        {
            var at = n * k;
            moved[at + i] = responsibilities[at + i] + responsibilities[at + j];
            var share = responsibilities[at + split];
            moved[at + j] = positiveSide[n] ? share : 0.0;
            moved[at + split] = positiveSide[n] ? 0.0 : share;
        }
        return moved;
    }

    /// <summary>Writes (row − centre) in standardized coordinates into <paramref name="deviation"/> and returns its squared length.</summary>
    private static double Deviation(ReadOnlySpan<double> row, double[] centre, double[] scales, double[] deviation)
    {
        var length = 0.0;
        for (var c = 0; c < row.Length; c++)
        {
            deviation[c] = row[c] / scales[c] - centre[c];
            length += deviation[c] * deviation[c];
        }
        return length;
    }

    private static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var c = 0; c < a.Length; c++) sum += a[c] * b[c];
        return sum;
    }

    private static bool Normalize(double[] vector)
    {
        var length = Math.Sqrt(Dot(vector, vector));
        if (!(length > 0) || double.IsInfinity(length)) return false;
        for (var c = 0; c < vector.Length; c++) vector[c] /= length;
        return true;
    }
}
