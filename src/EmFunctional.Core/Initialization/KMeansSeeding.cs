using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Initialization;

/// <summary>k-means++ seeding, nearest-centre assignment and Lloyd's iterations on a <see cref="Dataset"/>.</summary>
internal static class KMeansSeeding
{
    /// <summary>
    /// Greedy k-means++: the first centre is drawn with probability ∝ w_i; each next one from
    /// 2 + ⌊ln K⌋ candidates drawn ∝ w_i·D(x_i)², keeping the candidate that most lowers the potential
    /// Σ_i w_i D(x_i)². Returns K×D centres, row-major.
    /// </summary>
    public static Either<Error, double[]> PlusPlus(Dataset data, int components, ref RandomSource random)
    {
        var n = data.Rows;
        var d = data.Columns;
        var centers = new double[components * d];
        var closest = new double[n];
        var candidateDistances = new double[n];
        var bestDistances = new double[n];
        var trials = 2 + (int)Math.Log(components);

        // Distances in units of a power of two near the data's largest value: exact, so the draws are those of
        // plain distances, but squares of values like 1e-300 (or 1e200) no longer underflow to 0 (or overflow).
        var scale = Scale(data);
        var first = DrawProportional(data, null, data.TotalWeight, ref random);
        data.Row(first).CopyTo(centers);
        var potential = 0.0;
        for (var i = 0; i < n; i++)
        {
            closest[i] = SquaredDistance(data.Row(i), centers.AsSpan(0, d), scale);
            potential += data.Weight(i) * closest[i];
        }

        for (var c = 1; c < components; c++)
        {
            if (!(potential > 0))
                return Errors.TooFewDistinctRows(c, components);
            var bestPotential = double.PositiveInfinity;
            var bestIndex = -1;
            for (var t = 0; t < trials; t++)
            {
                var candidate = DrawProportional(data, closest, potential, ref random);
                var candidatePotential = 0.0;
                for (var i = 0; i < n; i++)
                {
                    candidateDistances[i] = Math.Min(closest[i], SquaredDistance(data.Row(i), data.Row(candidate), scale));
                    candidatePotential += data.Weight(i) * candidateDistances[i];
                }
                if (candidatePotential < bestPotential)
                {
                    bestPotential = candidatePotential;
                    bestIndex = candidate;
                    candidateDistances.CopyTo(bestDistances, 0);
                }
            }
            data.Row(bestIndex).CopyTo(centers.AsSpan(c * d, d));
            bestDistances.CopyTo(closest, 0);
            potential = bestPotential;
        }
        return centers;
    }

    /// <summary>Index drawn with probability ∝ w_i·score_i (score 1 when <paramref name="scores"/> is null).</summary>
    private static int DrawProportional(Dataset data, double[]? scores, double total, ref RandomSource random)
    {
        var target = random.NextDouble() * total;
        var cumulative = 0.0;
        var last = -1;
        for (var i = 0; i < data.Rows; i++)
        {
            var mass = data.Weight(i) * (scores is null ? 1.0 : scores[i]);
            if (mass <= 0) continue;
            cumulative += mass;
            last = i;
            if (cumulative > target) return i;
        }
        return last; // rounding left the target at the very end of the cumulative sum
    }

    /// <summary>2^−e with 2^e the power of two at or below the largest |x| of the data (1 for all-zero data).</summary>
    private static double Scale(Dataset data)
    {
        var largest = 0.0;
        for (var i = 0; i < data.Rows; i++)
            foreach (var value in data.Row(i))
                largest = Math.Max(largest, Math.Abs(value));
        // Clamped so that the scale itself stays finite: below 2^-1000 the largest value is subnormal or nearly,
        // and 2^1000 already lifts it far above where squares underflow.
        return largest > 0 ? Math.ScaleB(1.0, Math.Clamp(-Math.ILogB(largest), -1000, 1000)) : 1.0;
    }

    /// <summary>‖(a − b)·scale‖² with <paramref name="scale"/> a power of two.</summary>
    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double scale)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var delta = (a[j] - b[j]) * scale;
            sum += delta * delta;
        }
        return sum;
    }

    /// <summary>Label of the nearest centre for each row (the first one on ties).</summary>
    public static int[] Assign(Dataset data, ReadOnlySpan<double> centers, int components) =>
        Assign(data, centers, components, Scale(data));

    /// <summary><see cref="Assign(Dataset, ReadOnlySpan{double}, int)"/> with the data's distance scale already found.</summary>
    private static int[] Assign(Dataset data, ReadOnlySpan<double> centers, int components, double scale)
    {
        var d = data.Columns;
        var labels = new int[data.Rows];
        for (var i = 0; i < data.Rows; i++)
        {
            var best = double.PositiveInfinity;
            for (var c = 0; c < components; c++)
            {
                var distance = SquaredDistance(data.Row(i), centers.Slice(c * d, d), scale);
                if (distance < best)
                {
                    best = distance;
                    labels[i] = c;
                }
            }
        }
        return labels;
    }

    /// <summary>
    /// Lloyd's iterations: weighted means of the assigned rows, reassignment, until no label changes or
    /// <paramref name="maximumIterations"/>. A cluster left empty is moved to the row farthest from its
    /// centre, so every cluster keeps at least one row.
    /// </summary>
    public static int[] Lloyd(Dataset data, double[] seeds, int components, int maximumIterations)
    {
        var d = data.Columns;
        var centers = (double[])seeds.Clone();
        // One pass to find the scale, not one per iteration.
        var scale = Scale(data);
        var labels = Assign(data, centers, components, scale);
        for (var iteration = 0; iteration < maximumIterations; iteration++)
        {
            var sums = new double[components * d];
            var counts = new double[components];
            for (var i = 0; i < data.Rows; i++)
            {
                var w = data.Weight(i);
                if (w <= 0) continue;
                counts[labels[i]] += w;
                var row = data.Row(i);
                for (var j = 0; j < d; j++) sums[labels[i] * d + j] += w * row[j];
            }
            for (var c = 0; c < components; c++)
            {
                if (counts[c] > 0)
                {
                    for (var j = 0; j < d; j++) centers[c * d + j] = sums[c * d + j] / counts[c];
                }
                else
                {
                    var farthest = FarthestRow(data, centers, labels, scale);
                    data.Row(farthest).CopyTo(centers.AsSpan(c * d, d));
                    labels[farthest] = c;
                }
            }
            var next = Assign(data, centers, components, scale);
            var changed = !next.AsSpan().SequenceEqual(labels);
            labels = next;
            if (!changed) break;
        }
        return labels;
    }

    private static int FarthestRow(Dataset data, double[] centers, int[] labels, double scale)
    {
        var d = data.Columns;
        var best = -1.0;
        var index = 0;
        for (var i = 0; i < data.Rows; i++)
        {
            if (data.Weight(i) <= 0) continue;
            var distance = SquaredDistance(data.Row(i), centers.AsSpan(labels[i] * d, d), scale);
            if (distance > best)
            {
                best = distance;
                index = i;
            }
        }
        return index;
    }
}
