using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;
using MathNet.Numerics.LinearAlgebra;

namespace EmFunctional.Core.Initialization;

/// <summary>
/// Model-based agglomerative hierarchical clustering with unconstrained Gaussian clusters (Banfield &amp;
/// Raftery 1993, Fraley 1998), the start mclust uses by default. The rows are standardized and rotated onto
/// their singular vectors, each scaled by 1/√(singular value) (mclust's <c>hcUse = "SVD"</c>); identical rows
/// start in one cluster; then the two clusters whose merge costs the classification likelihood least are
/// merged until K remain. The cost of a cluster of n rows with scatter matrix W is
/// n·log(|W/n| + β(tr W + α)/n) — n·log(β(tr W + α)/n) while n ≤ D, where |W| is 0 — with β = 1 and α the
/// mean per-coordinate variance of the rows: the terms keep small clusters, whose W is singular, comparable.
/// Every positive-weight row counts once (weights do not enter the tree). Above <see cref="MaximumRows"/>
/// rows the tree is grown on that many drawn with a fixed seed, and every other row joins the cluster with
/// the nearest mean, as mclust's <c>subset</c> does. Above <see cref="MaximumColumns"/> columns it is an error.
/// </summary>
internal static class HierarchicalAgglomeration
{
    /// <summary>The most rows the tree is grown on: its cost is quadratic in them (time and memory).</summary>
    public const int MaximumRows = 2000;

    /// <summary>
    /// The most columns the tree is grown in: each merge factors a scatter matrix of that order, and the
    /// whitening keeps a columns × directions projection. The short-EM search drops the hierarchical candidate
    /// above it; an explicit hierarchical start is an error.
    /// </summary>
    public const int MaximumColumns = 128;

    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>A 0-based cluster label for every row of <paramref name="data"/> (zero-weight rows included).</summary>
    /// <remarks>
    /// Deterministic: the tree depends on the data alone (above <see cref="MaximumRows"/> rows its subsample is
    /// drawn with a fixed seed, not the fit's), so it is grown once per data set
    /// (<see cref="Dataset.HierarchicalTree"/>) and cut at each K: a model-selection grid of many K and
    /// covariance models pays for one tree, as mclust's does, and no seed changes a hierarchical start.
    /// </remarks>
    public static Either<Error, int[]> Labels(Dataset data, int components) =>
        data.HierarchicalTree.Bind(tree => tree.Initial.Count < components
            ? Errors.TooFewDistinctRows(tree.Initial.Count, components)
            : Prelude.Right<Error, int[]>(tree.LabelsAt(data, components)));

    /// <summary>The seed of the subsample above <see cref="MaximumRows"/> rows: fixed, so that the tree is a function of the data.</summary>
    private const ulong SubsampleSeed = 1;

    /// <summary>
    /// The whole tree of <paramref name="data"/>, merged down to one cluster (or as far as finite merges go):
    /// what <see cref="Dataset.HierarchicalTree"/> keeps.
    /// </summary>
    internal static Either<Error, Tree> Grow(Dataset data)
    {
        if (data.Columns > MaximumColumns) return Errors.TooWideForHierarchical(data.Columns, MaximumColumns);
        var random = RandomSource.Create(SubsampleSeed);
        var sample = Sample(data, ref random);
        var space = Whitening.Fit(data, sample);
        var points = space.Transform(data, sample);
        var clusters = InitialClusters(data, sample, points, space.Dimensions);
        var initial = clusters.Select(cluster => (Rows: cluster.Rows.ToArray(), Mean: cluster.Mean)).ToArray();
        var alpha = Alpha(points, sample.Length, space.Dimensions);
        var merges = Merge(clusters, 1, space.Dimensions, alpha);
        return new Tree(space, initial, merges, points, alpha);
    }

    /// <summary>
    /// A grown tree: the whitened space, the initial clusters (rows in the sample, mean) and the merges in
    /// order, each the earlier cluster absorbing the later one.
    /// </summary>
    internal sealed class Tree(Whitening space, (int[] Rows, double[] Mean)[] initial, (int Into, int From)[] merges, double[] points, double alpha)
    {
        public IReadOnlyList<(int[] Rows, double[] Mean)> Initial => initial;

        /// <summary>The labels of the clusters left after merging down to <paramref name="components"/> (fewer merges if the tree stopped early).</summary>
        public int[] LabelsAt(Dataset data, int components)
        {
            var d = space.Dimensions;
            var clusters = initial.Select(c => new Cluster((double[])c.Mean.Clone())).ToArray();
            for (var c = 0; c < clusters.Length; c++) clusters[c].Rows.AddRange(initial[c].Rows);
            var active = Enumerable.Repeat(true, clusters.Length).ToArray();
            var remaining = clusters.Length;
            foreach (var (into, from) in merges)
            {
                if (remaining <= components) break;
                clusters[into] = Join(clusters[into], clusters[from], d);
                active[from] = false;
                remaining--;
            }
            return Assign(data, space, [.. Enumerable.Range(0, clusters.Length).Where(i => active[i]).Select(i => clusters[i])], d, points, alpha);
        }

        /// <summary>The union's rows and mean, as <see cref="Union"/> computes them (the cost terms are not needed to cut).</summary>
        private static Cluster Join(Cluster a, Cluster b, int dimensions)
        {
            var count = a.Count + b.Count;
            var mean = new double[dimensions];
            for (var j = 0; j < dimensions; j++) mean[j] = (a.Count * a.Mean[j] + b.Count * b.Mean[j]) / count;
            var union = new Cluster(mean);
            union.Rows.AddRange(a.Rows);
            union.Rows.AddRange(b.Rows);
            return union;
        }
    }

    /// <summary>The rows the tree is grown on: every positive-weight row, or <see cref="MaximumRows"/> of them drawn without replacement, in row order.</summary>
    private static int[] Sample(Dataset data, ref RandomSource random)
    {
        var candidates = Enumerable.Range(0, data.Rows).Where(i => data.Weight(i) > 0).ToArray();
        if (candidates.Length <= MaximumRows) return candidates;
        for (var i = 0; i < MaximumRows; i++)
        {
            var j = i + random.NextInt(candidates.Length - i);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }
        var chosen = candidates[..MaximumRows];
        Array.Sort(chosen);
        return chosen;
    }

    /// <summary>α = tr(scatter of the rows)/(n·D): the mean variance per coordinate, at least machine epsilon.</summary>
    private static double Alpha(double[] points, int rows, int dimensions)
    {
        var trace = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            var mean = 0.0;
            for (var i = 0; i < rows; i++) mean += points[i * dimensions + d];
            mean /= rows;
            for (var i = 0; i < rows; i++)
            {
                var deviation = points[i * dimensions + d] - mean;
                trace += deviation * deviation;
            }
        }
        return Math.Max(trace / (rows * (double)dimensions), MachineEpsilon);
    }

    /// <summary>One cluster per set of identical rows (compared in the data's own values), in order of first row.</summary>
    private static List<Cluster> InitialClusters(Dataset data, int[] sample, double[] points, int dimensions)
    {
        var byValues = new Dictionary<RowKey, Cluster>();
        var clusters = new List<Cluster>();
        for (var s = 0; s < sample.Length; s++)
        {
            var key = new RowKey(data, sample[s]);
            if (byValues.TryGetValue(key, out var cluster))
            {
                cluster.Rows.Add(s);
                continue;
            }
            cluster = new Cluster(points.AsSpan(s * dimensions, dimensions).ToArray());
            cluster.Rows.Add(s);
            byValues[key] = cluster;
            clusters.Add(cluster);
        }
        return clusters;
    }

    /// <summary>Merges the cheapest pair until <paramref name="components"/> clusters remain; the merges, in order.</summary>
    private static (int Into, int From)[] Merge(List<Cluster> clusters, int components, int dimensions, double alpha)
    {
        var merges = new List<(int Into, int From)>();
        foreach (var cluster in clusters) cluster.Cost = Cost(cluster.Count, 0.0, null, alpha);
        var g = clusters.Count;
        // The union's scatter matrix, overwritten by its Cholesky factor: one buffer for every candidate merge.
        var scratch = new double[dimensions * dimensions];
        var active = new bool[g];
        Array.Fill(active, true);
        // cost[i][j], j < i: the change in the criterion if i and j merged.
        var cost = new double[g][];
        var best = new double[g];
        var bestWith = new int[g];
        for (var i = 0; i < g; i++)
        {
            cost[i] = new double[i];
            for (var j = 0; j < i; j++) cost[i][j] = MergeCost(clusters[i], clusters[j], dimensions, alpha, scratch);
        }
        for (var i = 0; i < g; i++) RowMinimum(i);

        for (var remaining = g; remaining > components; remaining--)
        {
            var (into, from) = (-1, -1);
            var lowest = double.PositiveInfinity;
            for (var i = 0; i < g; i++)
                if (active[i] && bestWith[i] >= 0 && best[i] < lowest) (lowest, into, from) = (best[i], i, bestWith[i]);
            if (into < 0) break;
            // The earlier cluster absorbs the later one.
            if (from < into) (into, from) = (from, into);
            merges.Add((into, from));
            clusters[into] = Union(clusters[into], clusters[from], dimensions, alpha);
            active[from] = false;
            for (var k = 0; k < g; k++)
            {
                if (!active[k] || k == into) continue;
                var value = MergeCost(clusters[into], clusters[k], dimensions, alpha, scratch);
                if (k < into) cost[into][k] = value; else cost[k][into] = value;
            }
            for (var k = 0; k < g; k++)
            {
                if (!active[k]) continue;
                if (k == into || bestWith[k] == into || bestWith[k] == from) RowMinimum(k);
                else
                {
                    var value = k < into ? cost[into][k] : cost[k][into];
                    if (value < best[k]) (best[k], bestWith[k]) = (value, into);
                }
            }
        }
        return [.. merges];

        void RowMinimum(int i)
        {
            (best[i], bestWith[i]) = (double.PositiveInfinity, -1);
            for (var j = 0; j < g; j++)
            {
                if (j == i || !active[j]) continue;
                var value = j < i ? cost[i][j] : cost[j][i];
                if (value < best[i]) (best[i], bestWith[i]) = (value, j);
            }
        }
    }

    private static double MergeCost(Cluster a, Cluster b, int dimensions, double alpha, double[] scratch)
    {
        var count = a.Count + b.Count;
        var trace = UnionTrace(a, b, dimensions);
        double? logDeterminant = null;
        if (count > dimensions && trace > 0)
        {
            UnionScatter(a, b, dimensions, scratch);
            logDeterminant = LogDeterminant(scratch, count, dimensions);
        }
        return Cost(count, trace, logDeterminant, alpha) - a.Cost - b.Cost;
    }

    private static Cluster Union(Cluster a, Cluster b, int dimensions, double alpha)
    {
        var count = a.Count + b.Count;
        var trace = UnionTrace(a, b, dimensions);
        var scatter = new double[dimensions * dimensions];
        UnionScatter(a, b, dimensions, scratch: scatter);
        var mean = new double[dimensions];
        for (var d = 0; d < dimensions; d++) mean[d] = (a.Count * a.Mean[d] + b.Count * b.Mean[d]) / count;
        var union = new Cluster(mean) { Trace = trace, Scatter = scatter };
        union.Rows.AddRange(a.Rows);
        union.Rows.AddRange(b.Rows);
        var factor = (double[])scatter.Clone();
        union.Cost = Cost(count, trace, count > dimensions && trace > 0 ? LogDeterminant(factor, count, dimensions) : null, alpha);
        return union;
    }

    /// <summary>tr W_a + tr W_b + (n_a n_b / n)‖μ_a − μ_b‖².</summary>
    private static double UnionTrace(Cluster a, Cluster b, int dimensions)
    {
        var factor = (double)a.Count * b.Count / (a.Count + b.Count);
        var trace = a.Trace + b.Trace;
        for (var d = 0; d < dimensions; d++)
        {
            var delta = a.Mean[d] - b.Mean[d];
            trace += factor * delta * delta;
        }
        return trace;
    }

    /// <summary>W_a + W_b + (n_a n_b / n)(μ_a − μ_b)(μ_a − μ_b)ᵀ, written into <paramref name="scratch"/> (lower triangle and diagonal).</summary>
    private static void UnionScatter(Cluster a, Cluster b, int dimensions, double[] scratch)
    {
        var factor = (double)a.Count * b.Count / (a.Count + b.Count);
        for (var r = 0; r < dimensions; r++)
        {
            var dr = factor * (a.Mean[r] - b.Mean[r]);
            for (var c = 0; c <= r; c++)
            {
                var e = r * dimensions + c;
                scratch[e] = (a.Scatter?[e] ?? 0.0) + (b.Scatter?[e] ?? 0.0) + dr * (a.Mean[c] - b.Mean[c]);
            }
        }
    }

    /// <summary>n·log(|W/n| + (tr W + α)/n), with |W/n| taken as 0 while n ≤ D, when tr W = 0 or when W is singular (no log-determinant).</summary>
    private static double Cost(int count, double trace, double? logDeterminant, double alpha)
    {
        var term = (trace + alpha) / count;
        if (logDeterminant is not { } log) return count * Math.Log(term);
        // log(e^L + t) without overflow either way.
        return count * (log > 0 ? log + Math.Log(1 + Math.Exp(-log) * term) : Math.Log(Math.Exp(log) + term));
    }

    /// <summary>log |W/n| through a Cholesky factor built in place over W's lower triangle; null when W/n is not positive definite.</summary>
    private static double? LogDeterminant(double[] factor, int count, int dimensions)
    {
        var logDeterminant = 0.0;
        for (var j = 0; j < dimensions; j++)
        {
            var diagonal = factor[j * dimensions + j] / count;
            for (var k = 0; k < j; k++) diagonal -= factor[j * dimensions + k] * factor[j * dimensions + k];
            if (!(diagonal > 0)) return null;
            var root = Math.Sqrt(diagonal);
            factor[j * dimensions + j] = root;
            logDeterminant += 2 * Math.Log(root);
            for (var i = j + 1; i < dimensions; i++)
            {
                var value = factor[i * dimensions + j] / count;
                for (var k = 0; k < j; k++) value -= factor[i * dimensions + k] * factor[j * dimensions + k];
                factor[i * dimensions + j] = value / root;
            }
        }
        return logDeterminant;
    }

    /// <summary>
    /// Rows in the tree keep their cluster; every other row joins the cluster under which it is most probable,
    /// each cluster a Gaussian with its share of the tree's rows, its mean and its covariance (W + αI)/(n + 1)
    /// in the whitened space (the α term keeps a small cluster's covariance from being singular): mclust's
    /// subset start classifies the other rows by the model too, not by distance, which in the whitened space
    /// would send the edge of an elongated cluster to its neighbour.
    /// </summary>
    private static int[] Assign(Dataset data, Whitening space, List<Cluster> clusters, int dimensions, double[] points, double alpha)
    {
        var labels = new int[data.Rows];
        Array.Fill(labels, -1);
        // Labels in the order of each cluster's first row, so that a fit's components follow the data.
        var ordered = clusters.OrderBy(cluster => cluster.Rows.Min()).ToArray();
        var inTree = new bool[data.Rows];
        for (var label = 0; label < ordered.Length; label++)
            foreach (var s in ordered[label].Rows)
            {
                labels[space.Rows[s]] = label;
                inTree[space.Rows[s]] = true;
            }
        if (inTree.All(x => x)) return labels;
        var classifiers = ordered.Select(cluster => Classifier(cluster, dimensions, points, alpha)).ToArray();
        var point = new double[dimensions];
        for (var i = 0; i < data.Rows; i++)
        {
            if (inTree[i]) continue;
            space.Transform(data.Row(i), point);
            var x = Vector<double>.Build.Dense(point);
            var (best, score) = (0, double.NegativeInfinity);
            for (var label = 0; label < ordered.Length; label++)
            {
                var (logWeight, mean, factor, logDeterminant) = classifiers[label];
                var solved = factor.Solve(x - mean);
                var value = logWeight - 0.5 * logDeterminant - 0.5 * (x - mean).DotProduct(solved);
                if (value > score) (best, score) = (label, value);
            }
            labels[i] = best;
        }
        return labels;
    }

    /// <summary>A cluster's log-count, mean, Cholesky factor of (W + αI)/(n + 1) and its log-determinant.</summary>
    private static (double LogWeight, Vector<double> Mean, MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> Factor, double LogDeterminant) Classifier(Cluster cluster, int dimensions, double[] points, double alpha)
    {
        var mean = Vector<double>.Build.Dense(cluster.Mean);
        var scatter = Matrix<double>.Build.DenseIdentity(dimensions) * alpha;
        foreach (var s in cluster.Rows)
        {
            var delta = Vector<double>.Build.Dense(points.AsSpan(s * dimensions, dimensions).ToArray()) - mean;
            scatter += delta.OuterProduct(delta);
        }
        var factor = (scatter / (cluster.Count + 1)).Cholesky();
        return (Math.Log(cluster.Count), mean, factor, factor.DeterminantLn);
    }

    internal sealed class Cluster(double[] mean)
    {
        public double[] Mean { get; } = mean;
        public int Count => Rows.Count;
        public double Trace { get; set; }
        public double[]? Scatter { get; set; }
        public double Cost { get; set; }

        /// <summary>Positions in the sample of the rows it holds.</summary>
        public List<int> Rows { get; } = [];
    }

    /// <summary>A row's values, compared bit for bit, as a dictionary key.</summary>
    private readonly struct RowKey(Dataset data, int row) : IEquatable<RowKey>
    {
        private readonly double[] _values = data.Row(row).ToArray();

        public bool Equals(RowKey other) => _values.AsSpan().SequenceEqual(other._values);

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var value in _values) hash.Add(value);
            return hash.ToHashCode();
        }
    }

    /// <summary>
    /// mclust's "SVD" space: columns centred and divided by their standard deviation (constant columns
    /// dropped), then projected on the right singular vectors, each divided by √(its singular value).
    /// </summary>
    internal sealed class Whitening
    {
        private readonly double[] _means, _scales;
        private readonly double[,] _projection; // column × direction, already divided by √s

        private Whitening(int[] rows, double[] means, double[] scales, double[,] projection) =>
            (Rows, _means, _scales, _projection) = (rows, means, scales, projection);

        /// <summary>The rows of the data the space was fitted on (the sample).</summary>
        public int[] Rows { get; }

        public int Dimensions => _projection.GetLength(1);

        public static Whitening Fit(Dataset data, int[] sample)
        {
            var columns = data.Columns;
            var n = sample.Length;
            var means = new double[columns];
            var scales = new double[columns];
            for (var c = 0; c < columns; c++)
            {
                var mean = 0.0;
                foreach (var i in sample) mean += data.Row(i)[c];
                mean /= n;
                // Divide by the largest deviation first, so that squares of values near 1e-300 do not underflow.
                var largest = 0.0;
                foreach (var i in sample) largest = Math.Max(largest, Math.Abs(data.Row(i)[c] - mean));
                var sum = 0.0;
                if (largest > 0)
                    foreach (var i in sample)
                    {
                        var scaled = (data.Row(i)[c] - mean) / largest;
                        sum += scaled * scaled;
                    }
                means[c] = mean;
                scales[c] = n > 1 && sum > 0 ? largest * Math.Sqrt(sum / (n - 1)) : 0.0;
            }
            var kept = Enumerable.Range(0, columns).Where(c => scales[c] > 0).ToArray();
            if (kept.Length == 0) return new Whitening(sample, means, scales, new double[columns, 1]);
            var standardized = Matrix<double>.Build.Dense(n, kept.Length, (r, k) => (data.Row(sample[r])[kept[k]] - means[kept[k]]) / scales[kept[k]]);
            var svd = standardized.Svd(computeVectors: true);
            var singular = svd.S;
            var directions = Enumerable.Range(0, Math.Min(n, kept.Length)).Where(k => singular[k] > singular[0] * 1e-10).ToArray();
            var projection = new double[columns, directions.Length];
            var v = svd.VT;
            for (var k = 0; k < kept.Length; k++)
                for (var d = 0; d < directions.Length; d++)
                    projection[kept[k], d] = v[directions[d], k] / Math.Sqrt(singular[directions[d]]);
            return new Whitening(sample, means, scales, projection);
        }

        /// <summary>The sample's rows in this space, row-major.</summary>
        public double[] Transform(Dataset data, int[] sample)
        {
            var points = new double[sample.Length * Dimensions];
            for (var s = 0; s < sample.Length; s++) Transform(data.Row(sample[s]), points.AsSpan(s * Dimensions, Dimensions));
            return points;
        }

        public void Transform(ReadOnlySpan<double> row, Span<double> point)
        {
            point.Clear();
            for (var c = 0; c < row.Length; c++)
            {
                if (!(_scales[c] > 0)) continue;
                var standardized = (row[c] - _means[c]) / _scales[c];
                for (var d = 0; d < point.Length; d++) point[d] += standardized * _projection[c, d];
            }
        }
    }
}
