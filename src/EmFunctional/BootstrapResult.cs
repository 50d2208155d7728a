using System.Collections.Immutable;

namespace EmFunctional;

/// <summary>
/// The spread of a model's parameters over bootstrap replicates (<see cref="MixtureModel.Bootstrap(double[][], int, long, BootstrapType, double)"/>):
/// standard errors (the standard deviation over the replicates) and percentile intervals of the weights,
/// and of each component's per-column means and variances, in the model's component order.
/// </summary>
public sealed record BootstrapResult
{
    /// <summary>How the replicates were made.</summary>
    public required BootstrapType Type { get; init; }

    /// <summary>Replicates asked for.</summary>
    public required int Replicates { get; init; }

    /// <summary>Replicates whose refit failed (a component emptied); left out of every figure.</summary>
    public required int Failed { get; init; }

    /// <summary>The intervals' coverage, e.g. 0.95.</summary>
    public required double Level { get; init; }

    /// <summary>Standard error of π_k, per component.</summary>
    public required ImmutableArray<double> WeightStandardErrors { get; init; }

    /// <summary>Standard error of E[x_j] in component k: [k][j].</summary>
    public required ImmutableArray<ImmutableArray<double>> MeanStandardErrors { get; init; }

    /// <summary>Standard error of Var[x_j] in component k: [k][j].</summary>
    public required ImmutableArray<ImmutableArray<double>> VarianceStandardErrors { get; init; }

    /// <summary>Percentile interval of π_k: [k] = (lower, upper).</summary>
    public required ImmutableArray<(double Lower, double Upper)> WeightIntervals { get; init; }

    /// <summary>Percentile interval of E[x_j] in component k: [k][j].</summary>
    public required ImmutableArray<ImmutableArray<(double Lower, double Upper)>> MeanIntervals { get; init; }

    /// <summary>Percentile interval of Var[x_j] in component k: [k][j].</summary>
    public required ImmutableArray<ImmutableArray<(double Lower, double Upper)>> VarianceIntervals { get; init; }

    /// <summary>The figures of the successful replicates.</summary>
    internal static BootstrapResult Of(BootstrapType type, int replicates, double level, IReadOnlyList<ReplicateMoments> succeeded)
    {
        var k = succeeded[0].Weights.Length;
        var d = succeeded[0].Means[0].Length;
        var weights = Enumerable.Range(0, k).Select(c => succeeded.Select(r => r.Weights[c]).ToArray()).ToArray();
        double[][][] Per(Func<ReplicateMoments, double[][]> pick) =>
            [.. Enumerable.Range(0, k).Select(c => Enumerable.Range(0, d).Select(j => succeeded.Select(r => pick(r)[c][j]).ToArray()).ToArray())];
        var means = Per(r => r.Means);
        var variances = Per(r => r.Variances);
        return new BootstrapResult
        {
            Type = type,
            Replicates = replicates,
            Failed = replicates - succeeded.Count,
            Level = level,
            WeightStandardErrors = [.. weights.Select(StandardDeviation)],
            MeanStandardErrors = [.. means.Select(c => c.Select(StandardDeviation).ToImmutableArray())],
            VarianceStandardErrors = [.. variances.Select(c => c.Select(StandardDeviation).ToImmutableArray())],
            WeightIntervals = [.. weights.Select(values => Interval(values, level))],
            MeanIntervals = [.. means.Select(c => c.Select(values => Interval(values, level)).ToImmutableArray())],
            VarianceIntervals = [.. variances.Select(c => c.Select(values => Interval(values, level)).ToImmutableArray())],
        };
    }

    /// <summary>The sample standard deviation (n − 1), as R's <c>sd</c> that mclust's summary uses; 0 for one value.</summary>
    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return 0;
        var mean = values.Average();
        return Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1));
    }

    /// <summary>The (1 − level)/2 and (1 + level)/2 quantiles, interpolated as R's default (type 7) <c>quantile</c>.</summary>
    private static (double Lower, double Upper) Interval(double[] values, double level)
    {
        var sorted = values.Order().ToArray();
        return (Quantile(sorted, (1 - level) / 2), Quantile(sorted, (1 + level) / 2));
    }

    private static double Quantile(double[] sorted, double p)
    {
        var h = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(h);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }
}

/// <summary>One replicate's weights and per-component, per-column means and variances.</summary>
internal sealed record ReplicateMoments(double[] Weights, double[][] Means, double[][] Variances);
