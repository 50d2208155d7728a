using EmFunctional.Core.Families.Poisson;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Families.Poisson;

/// <summary>
/// One generated Poisson test case: count data from a mixture of <see cref="Clusters"/> Poisson
/// components with rates log-uniform in [0.2, 40], some columns forced to zero (to exercise the floor),
/// and optional weights. Every field prints, so a failing case can be replayed by hand.
/// </summary>
public sealed record PoissonScenario(
    int DataSeed,
    int Rows,
    int Columns,
    int Clusters,
    int ZeroColumns,
    WeightMode Weights,
    int Components,
    bool WithPrior,
    ulong InitializationSeed)
{
    /// <summary>A Gamma(2, 0.5) prior when <see cref="WithPrior"/>, else maximum likelihood.</summary>
    public PoissonFamily Family => WithPrior ? new PoissonFamily(new GammaPrior(2, 0.5)) : new PoissonFamily();

    /// <summary>Row-major counts and weights (null when unweighted), deterministic in <see cref="DataSeed"/>.</summary>
    public (double[] Values, double[]? Weights) CreateArrays()
    {
        var random = new Random(DataSeed);
        var rates = new double[Clusters][];
        for (var c = 0; c < Clusters; c++)
            rates[c] = Enumerable.Range(0, Columns).Select(_ => 0.2 * Math.Pow(200, random.NextDouble())).ToArray();
        var values = new double[Rows * Columns];
        for (var i = 0; i < Rows; i++)
        {
            var c = random.Next(Clusters);
            for (var j = 0; j < Columns; j++)
                values[i * Columns + j] = j < ZeroColumns ? 0 : PoissonTestData.Draw(random, rates[c][j]);
        }
        return (values, FamilyTestSupport.MakeWeights(random, Rows, Weights));
    }

    /// <summary>The validated dataset.</summary>
    public Dataset CreateData()
    {
        var (values, weights) = CreateArrays();
        return Generators.ToDataset(values, Rows, Columns, weights);
    }

    /// <summary>A start from k-means++ (Left when there are fewer distinct rows than components).</summary>
    public Either<Error, Mixture<PoissonComponent>> Initialize(Dataset data) =>
        Core.Initialization.Initializer.Initialize(Family, data, Components, new Core.Initialization.InitializationStrategy.KMeansPlusPlus(), InitializationSeed);
}

/// <summary>Generators and reference formulas for the Poisson tests.</summary>
public static class PoissonTestData
{
    /// <summary>Scenarios with 1..4 columns (some all zero), 1..3 components, any weighting, with or without a prior.</summary>
    public static Gen<PoissonScenario> Scenarios(int minRows = 10, int maxRows = 80, bool? withPrior = null, WeightMode[]? weightModes = null, int maxComponents = 3) =>
        from seed in Generators.Seed
        from rows in Gen.Choose(minRows, maxRows)
        from columns in Gen.Choose(1, 4)
        from clusters in Gen.Choose(1, 3)
        from zeroColumns in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, columns)))
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from components in Gen.Choose(1, maxComponents)
        from prior in withPrior is { } fixedPrior ? Gen.Constant(fixedPrior) : Gen.Elements(false, true)
        from initializationSeed in Generators.Seed64
        select new PoissonScenario(seed, rows, columns, clusters, Math.Min(zeroColumns, columns), weights, components, prior, initializationSeed);

    /// <summary>A Poisson draw by Knuth's multiplication method (independent of the core's sampler).</summary>
    public static double Draw(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }
        return k;
    }

    /// <summary>log p(x | λ) from MathNet's Poisson log-pmf, column by column.</summary>
    public static double ReferenceLogDensity(ReadOnlySpan<double> rates, ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        for (var j = 0; j < rates.Length; j++) sum += MathNet.Numerics.Distributions.Poisson.PMFLn(rates[j], (int)x[j]);
        return sum;
    }
}
