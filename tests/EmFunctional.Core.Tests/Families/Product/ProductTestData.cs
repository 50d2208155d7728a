using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families.Product;

/// <summary>
/// Where each kind of column sits in a generated mixed table: two Gaussian columns, two binary columns
/// and one count column, either in order (0–1 Gaussian, 2–3 binary, 4 counts) or interleaved so that
/// every group must be gathered from scattered columns (Gaussian 3 and 0, binary 4 and 1, counts 2).
/// </summary>
public sealed record Layout(int[] Gaussian, int[] Binary, int[] Counts)
{
    public static Layout Ordered { get; } = new([0, 1], [2, 3], [4]);

    public static Layout Interleaved { get; } = new([3, 0], [4, 1], [2]);

    public int Columns => Gaussian.Length + Binary.Length + Counts.Length;

    public override string ToString() => this == Ordered ? "Ordered" : "Interleaved";
}

/// <summary>
/// One generated mixed-table case: rows from <see cref="Clusters"/> latent classes, each with its own
/// Gaussian centre (spread 1, mild correlation), binary probabilities and Poisson rate; the product
/// family of a full Gaussian, a Bernoulli and a Poisson group (with their conjugate priors when
/// <see cref="WithPriors"/>). Every field prints, so a failing case can be replayed.
/// </summary>
public sealed record ProductScenario(
    int DataSeed,
    int Rows,
    int Clusters,
    Layout Layout,
    WeightMode Weights,
    int Components,
    double Regularization,
    bool WithPriors,
    InitializationStrategy Initialization,
    ulong InitializationSeed)
{
    public (double[] Values, double[]? Weights) CreateArrays()
    {
        var random = new Random(DataSeed);
        var d = Layout.Columns;
        var centers = Enumerable.Range(0, Clusters).Select(_ => new[] { 12 * random.NextDouble() - 6, 12 * random.NextDouble() - 6 }).ToArray();
        var probabilities = Enumerable.Range(0, Clusters).Select(_ => new[] { 0.05 + 0.9 * random.NextDouble(), 0.05 + 0.9 * random.NextDouble() }).ToArray();
        var rates = Enumerable.Range(0, Clusters).Select(_ => 0.5 * Math.Pow(40, random.NextDouble())).ToArray();
        var values = new double[Rows * d];
        for (var i = 0; i < Rows; i++)
        {
            var c = random.Next(Clusters);
            var z0 = Generators.Gaussian(random);
            var z1 = Generators.Gaussian(random);
            var row = values.AsSpan(i * d, d);
            row[Layout.Gaussian[0]] = centers[c][0] + z0;
            row[Layout.Gaussian[1]] = centers[c][1] + 0.5 * z0 + 0.8 * z1;
            for (var j = 0; j < 2; j++) row[Layout.Binary[j]] = random.NextDouble() < probabilities[c][j] ? 1 : 0;
            row[Layout.Counts[0]] = Poisson.PoissonTestData.Draw(random, rates[c]);
        }
        return (values, FamilyTestSupport.MakeWeights(random, Rows, Weights));
    }

    public Dataset CreateData()
    {
        var (values, weights) = CreateArrays();
        return Generators.ToDataset(values, Rows, Layout.Columns, weights);
    }

    /// <summary>The product family; with priors, the Gaussian's is mclust's default for its two columns.</summary>
    public ProductFamily Family(Dataset data)
    {
        var gaussian = new GaussianFamily(CovarianceKind.Full, Regularization);
        var bernoulli = new BernoulliFamily();
        var poisson = new PoissonFamily();
        if (WithPriors)
        {
            var columns = ProductTestData.Columns(data, Layout.Gaussian);
            gaussian = gaussian with { Prior = GaussianPrior.Default(columns, Components, CovarianceKind.Full).Match(Succ: p => p, Fail: e => throw new InvalidOperationException(e.Head.Message)) };
            bernoulli = new BernoulliFamily(new BetaPrior(2, 2));
            poisson = new PoissonFamily(new GammaPrior(2, 0.5));
        }
        return ProductFamily.Create(
            PartFamily.Of(gaussian, Layout.Gaussian),
            PartFamily.Of(bernoulli, Layout.Binary, bernoulli.Check),
            PartFamily.Of(poisson, Layout.Counts, poisson.Check)).Match(Succ: f => f, Fail: e => throw new InvalidOperationException(e.Head.Message));
    }

    public Either<Error, Mixture<ProductComponent>> Initialize(ProductFamily family, Dataset data) =>
        Initializer.Initialize(family, data, Components, Initialization, InitializationSeed);
}

/// <summary>Generators and helpers for the product-family tests.</summary>
public static class ProductTestData
{
    public static Gen<ProductScenario> Scenarios(
        int minRows = 30, int maxRows = 90, double regularization = 1e-6, bool? withPriors = null, WeightMode[]? weightModes = null, int maxComponents = 3) =>
        from seed in Generators.Seed
        from rows in Gen.Choose(minRows, maxRows)
        from clusters in Gen.Choose(1, 3)
        from layout in Gen.Elements(Layout.Ordered, Layout.Interleaved)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from components in Gen.Choose(1, maxComponents)
        from priors in withPriors is { } fixedPriors ? Gen.Constant(fixedPriors) : Gen.Elements(false, true)
        from strategy in Gen.Elements<InitializationStrategy>(new InitializationStrategy.KMeansPlusPlus(), new InitializationStrategy.RandomFromData(), new InitializationStrategy.RandomResponsibilities())
        from initializationSeed in Generators.Seed64
        select new ProductScenario(seed, rows, clusters, layout, weights, components, regularization, priors, strategy, initializationSeed);

    /// <summary>The given columns of <paramref name="data"/> (with its weights) as a data set of their own.</summary>
    public static Dataset Columns(Dataset data, int[] columns)
    {
        var values = new double[data.Rows * columns.Length];
        for (var i = 0; i < data.Rows; i++)
            for (var j = 0; j < columns.Length; j++) values[i * columns.Length + j] = data.Row(i)[columns[j]];
        return Generators.ToDataset(values, data.Rows, columns.Length, data.IsWeighted ? TestSupport.WeightsOf(data) : null);
    }

    /// <summary>
    /// The maximum-likelihood family of <see cref="Layout.Interleaved"/>: a full Gaussian on columns 3 and
    /// 0, a Bernoulli on 4 and 1, a Poisson on 2, the last two with their data checks.
    /// </summary>
    public static ProductFamily CheckedInterleaved()
    {
        var bernoulli = new BernoulliFamily();
        var poisson = new PoissonFamily();
        return Create(
            PartFamily.Of(new GaussianFamily(CovarianceKind.Full), Layout.Interleaved.Gaussian),
            PartFamily.Of(bernoulli, Layout.Interleaved.Binary, bernoulli.Check),
            PartFamily.Of(poisson, Layout.Interleaved.Counts, poisson.Check));
    }

    /// <summary>A family that must be valid.</summary>
    public static ProductFamily Create(params IPartFamily[] parts) =>
        ProductFamily.Create(parts).Match(Succ: f => f, Fail: e => throw new Xunit.Sdk.XunitException("Create failed: " + string.Join("; ", e.Map(x => x.Message))));
}
