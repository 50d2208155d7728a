using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// A first guess of which rows are noise, by nearest-neighbour cleaning (Byers and Raftery 1998, prabclus's
/// <c>NNclean</c>, which mclust's examples use to start a noise fit): in a cloud of intensity λ the k-th
/// nearest-neighbour distance D of a point has D^d α_d λ ~ Gamma(k, 1) (α_d the unit ball's volume), so the
/// rows' D^d follow a mixture of two such laws, a dense one (the clusters) and a sparse one (the noise), which
/// EM separates; a row is noise when the sparse law is the more probable. Distances are measured on columns
/// scaled to unit standard deviation, so that a column's units do not decide who is near.
/// </summary>
/// <remarks>O(N² D) time (every pair of rows), O(N) memory. Deterministic.</remarks>
public static class NearestNeighbourCleaning
{
    /// <summary>The default k: enough neighbours that a pair of close noise points does not look like a cluster.</summary>
    public const int DefaultNeighbours = 10;

    /// <summary>
    /// True for each row guessed to be noise (rows of weight 0 are never noise). Left when k is below 1 or not
    /// below the number of rows with positive weight, or the data has missing cells.
    /// </summary>
    public static Either<Error, bool[]> Noise(Dataset data, int neighbours = DefaultNeighbours)
    {
        if (data.HasMissing) return Errors.InvalidInput("nearest-neighbour cleaning does not take missing cells");
        var rows = Enumerable.Range(0, data.Rows).Where(i => data.Weight(i) > 0).ToArray();
        if (neighbours < 1 || neighbours >= rows.Length)
            return Errors.InvalidInput($"nearest-neighbour cleaning with {neighbours} neighbours needs more than {neighbours} rows with positive weight and at least 1 neighbour; the data has {rows.Length} rows");
        var d = data.Columns;
        var scaled = Scaled(data, rows);
        var distances = new double[rows.Length];
        var nearest = new double[neighbours];
        for (var a = 0; a < rows.Length; a++)
        {
            Array.Fill(nearest, double.PositiveInfinity);
            for (var b = 0; b < rows.Length; b++)
            {
                if (a == b) continue;
                var squared = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var difference = scaled[a * d + j] - scaled[b * d + j];
                    squared += difference * difference;
                }
                if (squared >= nearest[^1]) continue;
                var at = neighbours - 1;
                while (at > 0 && nearest[at - 1] > squared)
                {
                    nearest[at] = nearest[at - 1];
                    at--;
                }
                nearest[at] = squared;
            }
            distances[a] = Math.Sqrt(nearest[^1]);
        }
        var noisy = SparseComponent(distances, d, neighbours);
        var result = new bool[data.Rows];
        for (var a = 0; a < rows.Length; a++) result[rows[a]] = noisy[a];
        return result;
    }

    /// <summary>
    /// EM for the two-gamma mixture of the y = D^d (D the k-th nearest-neighbour distances, d the dimension):
    /// shape k, rates β_1 (dense) and β_2 (sparse), weight p of the dense law; started, as <c>NNclean</c>, from
    /// the rows beyond a third of the range of D as the sparse ones. True where the sparse law's posterior exceeds
    /// one half.
    /// </summary>
    private static bool[] SparseComponent(double[] distances, int d, int k)
    {
        var n = distances.Length;
        var (low, high) = (distances.Min(), distances.Max());
        if (!(high > low)) return new bool[n];
        var cut = low + (high - low) / 3;
        var sparse = distances.Select(distance => distance > cut).ToArray();
        var y = distances.Select(distance => Math.Pow(distance, d)).ToArray();
        double Mean(bool wanted) => y.Where((_, i) => sparse[i] == wanted).DefaultIfEmpty(y.Max()).Average();
        var dense = Mean(false);
        var sparseMean = Mean(true);
        var (p, denseRate, sparseRate) = (0.5, k / Math.Max(dense, double.Epsilon), k / Math.Max(sparseMean, double.Epsilon));
        var posterior = new double[n];
        var previous = double.NegativeInfinity;
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var logLikelihood = 0.0;
            double weightDense = 0, sumDense = 0, sumSparse = 0;
            for (var i = 0; i < n; i++)
            {
                // log Gamma(k, rate) densities without the terms both laws share ((k − 1) log y − log Γ(k)).
                var a = Math.Log(p) + k * Math.Log(denseRate) - denseRate * y[i];
                var b = Math.Log(1 - p) + k * Math.Log(sparseRate) - sparseRate * y[i];
                var max = Math.Max(a, b);
                var total = max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
                var r = Math.Exp(a - total);
                posterior[i] = 1 - r;
                logLikelihood += total;
                weightDense += r;
                sumDense += r * y[i];
                sumSparse += (1 - r) * y[i];
            }
            p = Math.Clamp(weightDense / n, 1e-12, 1 - 1e-12);
            denseRate = k * weightDense / Math.Max(sumDense, double.Epsilon);
            sparseRate = k * (n - weightDense) / Math.Max(sumSparse, double.Epsilon);
            if (Math.Abs(logLikelihood - previous) <= 1e-10 * Math.Abs(logLikelihood)) break;
            previous = logLikelihood;
        }
        // The sparse law is the one with the lower rate (longer distances); EM may have swapped them.
        var swapped = sparseRate > denseRate;
        return [.. posterior.Select(value => swapped ? value < 0.5 : value > 0.5)];
    }

    private static double[] Scaled(Dataset data, int[] rows)
    {
        var d = data.Columns;
        var values = new double[rows.Length * d];
        for (var j = 0; j < d; j++)
        {
            var mean = rows.Average(i => data.Row(i)[j]);
            var deviation = Math.Sqrt(rows.Sum(i => Math.Pow(data.Row(i)[j] - mean, 2)) / Math.Max(1, rows.Length - 1));
            var scale = deviation > 0 ? 1 / deviation : 1;
            for (var a = 0; a < rows.Length; a++) values[a * d + j] = (data.Row(rows[a])[j] - mean) * scale;
        }
        return values;
    }
}
