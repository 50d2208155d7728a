using EmFunctional.Core;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Benchmarks;

/// <summary>
/// Seeded synthetic data and starting mixtures for the benchmarks: the same seed gives the same data on
/// every machine (<see cref="RandomSource"/> is fully specified), so timings of different commits see the
/// same numbers.
/// </summary>
public static class Synthetic
{
    /// <summary>
    /// N rows of D columns from K Gaussian clusters: cluster means ~ N(0, 3²) per coordinate, per-cluster
    /// axis scales in [0.5, 1.5], and a cluster drawn uniformly for each row. Row-major.
    /// </summary>
    public static double[] GaussianClusters(int rows, int columns, int clusters, ulong seed)
    {
        var random = RandomSource.Create(seed);
        var means = new double[clusters * columns];
        var scales = new double[clusters * columns];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = 3 * random.NextGaussian();
            scales[i] = 0.5 + random.NextDouble();
        }
        var values = new double[(long)rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var c = random.NextInt(clusters);
            for (var j = 0; j < columns; j++)
                values[(long)r * columns + j] = means[c * columns + j] + scales[c * columns + j] * random.NextGaussian();
        }
        return values;
    }

    /// <summary>N rows of D binary features from K latent classes with probabilities uniform in [0.05, 0.95].</summary>
    public static double[] BernoulliClasses(int rows, int columns, int classes, ulong seed)
    {
        var random = RandomSource.Create(seed);
        var probabilities = new double[classes * columns];
        for (var i = 0; i < probabilities.Length; i++) probabilities[i] = 0.05 + 0.9 * random.NextDouble();
        var values = new double[(long)rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var c = random.NextInt(classes);
            for (var j = 0; j < columns; j++)
                values[(long)r * columns + j] = random.NextDouble() < probabilities[c * columns + j] ? 1 : 0;
        }
        return values;
    }

    /// <summary>The data as a <see cref="Dataset"/>; throws when the core rejects it.</summary>
    public static Dataset ToDataset(double[] values, int rows, int columns) =>
        Dataset.Create(values, rows, columns).Match(
            data => data,
            errors => throw new InvalidOperationException(string.Join("; ", errors.Map(e => e.Message))));

    /// <summary>
    /// The comparison script's start: K distinct data rows (drawn from the seed) as means, identity
    /// covariances (ones for diagonal), uniform weights.
    /// </summary>
    public static Mixture<GaussianComponent> GaussianStart(Dataset data, CovarianceKind kind, int components, ulong seed)
    {
        var d = data.Columns;
        var rows = DistinctRows(data.Rows, components, seed);
        var covariance = kind == CovarianceKind.Full ? Identity(d) : Enumerable.Repeat(1.0, d).ToArray();
        var parts = rows.Select(row => Unwrap(GaussianComponent.Create(kind, data.Row(row), covariance))).ToArray();
        return new Mixture<GaussianComponent>(Enumerable.Repeat(1.0 / components, components).ToArr(), parts.ToArr());
    }

    /// <summary>A start with every probability uniform in [0.25, 0.75] and uniform weights.</summary>
    public static Mixture<BernoulliComponent> BernoulliStart(int columns, int components, ulong seed)
    {
        var random = RandomSource.Create(seed);
        var parts = new BernoulliComponent[components];
        for (var c = 0; c < components; c++)
        {
            var p = new double[columns];
            for (var j = 0; j < columns; j++) p[j] = 0.25 + 0.5 * random.NextDouble();
            parts[c] = Unwrap(BernoulliComponent.Create(p));
        }
        return new Mixture<BernoulliComponent>(Enumerable.Repeat(1.0 / components, components).ToArr(), parts.ToArr());
    }

    /// <summary>The right value, or an exception with the core's message.</summary>
    public static T Unwrap<T>(Either<LanguageExt.Common.Error, T> value) =>
        value.Match(right => right, left => throw new InvalidOperationException(left.Message));

    private static int[] DistinctRows(int rows, int count, ulong seed)
    {
        var random = RandomSource.Create(seed ^ 0x5EEDUL);
        var chosen = new System.Collections.Generic.HashSet<int>();
        while (chosen.Count < count) chosen.Add(random.NextInt(rows));
        return chosen.Order().ToArray();
    }

    private static double[] Identity(int d)
    {
        var identity = new double[d * d];
        for (var i = 0; i < d; i++) identity[i * d + i] = 1;
        return identity;
    }
}
