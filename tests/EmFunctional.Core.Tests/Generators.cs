using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>How a generated dataset weights its rows.</summary>
public enum WeightMode
{
    /// <summary>No sample weights.</summary>
    None,

    /// <summary>Integer weights in {0, 1, 2, 3} (at least one positive).</summary>
    Integer,

    /// <summary>Real weights in [0, 3), a few of them exactly 0.</summary>
    Real,
}

/// <summary>
/// One generated test case: everything needed to rebuild the data (from <see cref="DataSeed"/>) and to
/// run EM on it. The data is a few well-separated, correlated Gaussian clusters plus noise, so EM is
/// well-posed; the record prints every field, so a failing case can be replayed by hand with
/// <c>new Scenario(...).CreateData()</c>.
/// </summary>
public sealed record Scenario(
    int DataSeed,
    int Rows,
    int Columns,
    int Clusters,
    WeightMode Weights,
    int Components,
    CovarianceKind Kind,
    InitializationStrategy Initialization,
    ulong InitializationSeed,
    double Regularization,
    double Offset = 0)
{
    /// <summary>The family of this case.</summary>
    public GaussianFamily Family => new(Kind, Regularization);

    /// <summary>The row-major values and the weights (null when unweighted), deterministic in <see cref="DataSeed"/>.</summary>
    public (double[] Values, double[]? Weights) CreateArrays() =>
        Generators.ClusteredArrays(DataSeed, Rows, Columns, Clusters, Weights, Offset);

    /// <summary>The validated dataset.</summary>
    public Dataset CreateData()
    {
        var (values, weights) = CreateArrays();
        return Generators.ToDataset(values, Rows, Columns, weights);
    }

    /// <summary>The starting mixture from <see cref="Initialization"/>; Left when initialization fails.</summary>
    public Either<LanguageExt.Common.Error, Mixture<GaussianComponent>> Initialize(Dataset data) =>
        Initializer.Initialize(Family, data, Components, Initialization, InitializationSeed);
}

/// <summary>FsCheck generators (no shrinking: cases are described by a handful of small integers and a seed).</summary>
public static class Generators
{
    /// <summary>Every covariance kind.</summary>
    public static readonly CovarianceKind[] Kinds =
        [CovarianceKind.Full, CovarianceKind.Diagonal, CovarianceKind.Spherical, CovarianceKind.Tied];

    /// <summary>Every initialization strategy (k-means with a short cap keeps cases fast).</summary>
    public static readonly InitializationStrategy[] Strategies =
    [
        new InitializationStrategy.KMeansPlusPlus(),
        new InitializationStrategy.KMeans(50),
        new InitializationStrategy.RandomFromData(),
        new InitializationStrategy.RandomResponsibilities(),
    ];

    /// <summary>A non-negative seed.</summary>
    public static Gen<int> Seed => Gen.Choose(0, int.MaxValue - 1);

    /// <summary>A seed for the core's generator.</summary>
    public static Gen<ulong> Seed64 =>
        from high in Gen.Choose(0, int.MaxValue - 1)
        from low in Gen.Choose(0, int.MaxValue - 1)
        select ((ulong)(uint)high << 31) | (uint)low;

    /// <summary>
    /// Scenarios with <paramref name="minRows"/>..<paramref name="maxRows"/> rows, 1..<paramref name="maxColumns"/>
    /// columns and 1..<paramref name="maxComponents"/> components (never more than the rows with positive weight).
    /// <paramref name="wellPosed"/> raises the row count to at least 4·K·(D + 1), so that no component is
    /// left with fewer rows than parameters and covariances stay well conditioned: laws that compare two
    /// computations to 1e-10 need that, since rounding is amplified by the condition number of Σ.
    /// </summary>
    public static Gen<Scenario> Scenarios(
        double regularization = 1e-6,
        int minRows = 5,
        int maxRows = 60,
        int maxColumns = 4,
        int maxComponents = 4,
        WeightMode[]? weightModes = null,
        CovarianceKind[]? kinds = null,
        InitializationStrategy[]? strategies = null,
        double offset = 0,
        bool wellPosed = false) =>
        from dataSeed in Seed
        from columns in Gen.Choose(1, maxColumns)
        from components in Gen.Choose(1, maxComponents)
        let floor = wellPosed ? Math.Max(minRows, 4 * components * (columns + 1)) : minRows
        from rows in Gen.Choose(floor, Math.Max(maxRows, floor + 20))
        from clusters in Gen.Choose(1, 4)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from kind in Gen.Elements(kinds ?? Kinds)
        from strategy in Gen.Elements(strategies ?? Strategies)
        from initializationSeed in Seed64
        select Clamp(new Scenario(dataSeed, rows, columns, clusters, weights, components, kind, strategy, initializationSeed, regularization, offset));

    /// <summary>Lowers K to the number of rows with positive weight (all rows are distinct: the values are continuous).</summary>
    private static Scenario Clamp(Scenario scenario)
    {
        var (_, weights) = scenario.CreateArrays();
        var positive = weights is null ? scenario.Rows : weights.Count(w => w > 0);
        return scenario with { Components = Math.Min(scenario.Components, positive) };
    }

    /// <summary>
    /// Rows from <paramref name="clusters"/> Gaussian clusters with random centres in [−12, 12]^D (kept at
    /// least 6 apart when possible) and random correlated spreads (x = c + A z with A lower triangular,
    /// diagonal in [0.3, 1.5]), rows dealt to clusters round-robin in shuffled order; plus weights.
    /// </summary>
    public static (double[] Values, double[]? Weights) ClusteredArrays(int seed, int rows, int columns, int clusters, WeightMode mode, double offset = 0)
    {
        var random = new Random(seed);
        var centers = new double[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            double[] candidate = [];
            for (var attempt = 0; attempt < 20; attempt++)
            {
                candidate = Enumerable.Range(0, columns).Select(_ => 24 * random.NextDouble() - 12).ToArray();
                var ok = true;
                for (var previous = 0; previous < c; previous++)
                    if (Math.Sqrt(candidate.Zip(centers[previous], (a, b) => (a - b) * (a - b)).Sum()) < 6) ok = false;
                if (ok) break;
            }
            centers[c] = candidate;
        }
        var factors = new double[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            var a = new double[columns * columns];
            for (var i = 0; i < columns; i++)
            {
                a[i * columns + i] = 0.3 + 1.2 * random.NextDouble();
                for (var j = 0; j < i; j++) a[i * columns + j] = random.NextDouble() - 0.5;
            }
            factors[c] = a;
        }
        var order = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).ToArray();
        var values = new double[rows * columns];
        var z = new double[columns];
        for (var position = 0; position < rows; position++)
        {
            var row = order[position];
            var c = position % clusters;
            for (var j = 0; j < columns; j++) z[j] = Gaussian(random);
            for (var i = 0; i < columns; i++)
            {
                var value = centers[c][i];
                for (var j = 0; j <= i; j++) value += factors[c][i * columns + j] * z[j];
                values[row * columns + i] = offset + value;
            }
        }
        double[]? weights = mode switch
        {
            WeightMode.Integer => Enumerable.Range(0, rows).Select(_ => (double)random.Next(4)).ToArray(),
            WeightMode.Real => Enumerable.Range(0, rows).Select(_ => random.Next(8) == 0 ? 0.0 : 3 * random.NextDouble()).ToArray(),
            _ => null,
        };
        if (weights is not null && !weights.Any(w => w > 0)) weights[random.Next(rows)] = 1;
        return (values, weights);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Wraps arrays in a dataset, failing the test when validation fails.</summary>
    public static Dataset ToDataset(double[] values, int rows, int columns, double[]? weights = null) =>
        Dataset.Create(values, rows, columns, weights is null ? default : weights.AsSpan())
            .Match(Succ: data => data, Fail: errors => throw new InvalidOperationException("generated data is invalid: " + string.Join("; ", errors.Map(e => e.Message))));

    /// <summary>A random symmetric positive-definite D×D matrix A Aᵀ + floor·I, row-major.</summary>
    public static double[] PositiveDefinite(Random random, int d, double floor = 0.1, double scale = 1)
    {
        var a = new double[d * d];
        for (var i = 0; i < a.Length; i++) a[i] = scale * (2 * random.NextDouble() - 1);
        var m = new double[d * d];
        for (var i = 0; i < d; i++)
            for (var j = 0; j < d; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < d; k++) sum += a[i * d + k] * a[j * d + k];
                m[i * d + j] = sum + (i == j ? floor : 0);
            }
        return m;
    }

    /// <summary>
    /// A random component of <paramref name="kind"/> in <paramref name="d"/> dimensions: mean in
    /// [−meanScale, meanScale]^D, covariance with eigenvalues bounded below by <paramref name="floor"/>.
    /// </summary>
    public static GaussianComponent RandomComponent(Random random, CovarianceKind kind, int d, double meanScale = 5, double floor = 0.1)
    {
        var mean = Enumerable.Range(0, d).Select(_ => meanScale * (2 * random.NextDouble() - 1)).ToArray();
        var covariance = kind switch
        {
            CovarianceKind.Full or CovarianceKind.Tied => PositiveDefinite(random, d, floor),
            CovarianceKind.Diagonal => Enumerable.Range(0, d).Select(_ => floor + 2 * random.NextDouble()).ToArray(),
            _ => [floor + 2 * random.NextDouble()],
        };
        return GaussianComponent.TryCreate(kind, mean, covariance) ?? throw new InvalidOperationException("random covariance is not PD");
    }

    /// <summary>A random mixture of K components with weights bounded away from 0 (each ≥ 0.05).</summary>
    public static Mixture<GaussianComponent> RandomMixture(Random random, CovarianceKind kind, int d, int k, double meanScale = 5)
    {
        // π_k = 0.05 + (1 − 0.05 K) u_k / Σ u: at least 0.05 each, summing to 1.
        var raw = Enumerable.Range(0, k).Select(_ => 0.1 + random.NextDouble()).ToArray();
        var total = raw.Sum();
        var weights = raw.Select(u => 0.05 + (1 - 0.05 * k) * u / total).ToArray();
        if (kind == CovarianceKind.Tied)
        {
            var shared = RandomComponent(random, kind, d, meanScale);
            var components = Enumerable.Range(0, k).Select(_ =>
                GaussianComponent.TryCreate(kind, Enumerable.Range(0, d).Select(_ => meanScale * (2 * random.NextDouble() - 1)).ToArray(), shared.FullCovariance())!);
            return new Mixture<GaussianComponent>(weights.ToArr(), components.ToArr());
        }
        return new Mixture<GaussianComponent>(weights.ToArr(), Enumerable.Range(0, k).Select(_ => RandomComponent(random, kind, d, meanScale)).ToArr());
    }
}
