using EmFunctional.Tests.Facade;

namespace EmFunctional.Tests.Persistence;

/// <summary>Tables of every column family for the persistence tests, drawn with fixed seeds.</summary>
internal static class PersistenceData
{
    /// <summary>Old Faithful (eruptions, waiting).</summary>
    public static double[][] Faithful => FacadeData.Faithful;

    /// <summary>Four 0/1 answers from two latent classes.</summary>
    public static double[][] Binary(int rows = 300)
    {
        var random = new Random(11);
        return [.. Enumerable.Range(0, rows).Select(i =>
            Enumerable.Range(0, 4).Select(j => random.NextDouble() < (i % 2 == 0 ? 0.15 + 0.1 * j : 0.85 - 0.1 * j) ? 1.0 : 0.0).ToArray())];
    }

    /// <summary>Two category-code columns (3 and 4 codes) from two classes.</summary>
    public static double[][] Codes(int rows = 300)
    {
        var random = new Random(12);
        return [.. Enumerable.Range(0, rows).Select(i => i % 2 == 0
            ? new double[] { random.NextDouble() < 0.7 ? 0 : random.Next(3), random.NextDouble() < 0.6 ? 3 : random.Next(4) }
            : new double[] { random.NextDouble() < 0.7 ? 2 : random.Next(3), random.NextDouble() < 0.6 ? 1 : random.Next(4) })];
    }

    /// <summary>Three count columns from two classes (rates 1, 2, 3 or 6, 4, 9).</summary>
    public static double[][] Counts(int rows = 300)
    {
        var random = new Random(13);
        return [.. Enumerable.Range(0, rows).Select(i => i % 2 == 0
            ? new double[] { Poisson(1, random), Poisson(2, random), Poisson(3, random) }
            : new double[] { Poisson(6, random), Poisson(4, random), Poisson(9, random) })];
    }

    /// <summary>
    /// A mixed table whose families interleave, so that column groups are not contiguous: Gaussian,
    /// Bernoulli, Gaussian, categorical (4 codes), Poisson, Bernoulli.
    /// </summary>
    public static double[][] Mixed(int rows = 400)
    {
        var random = new Random(14);
        return [.. Enumerable.Range(0, rows).Select(i =>
        {
            var k = i % 2;
            return new double[]
            {
                4 * k + Normal(random),
                random.NextDouble() < (k == 0 ? 0.2 : 0.8) ? 1 : 0,
                -2 * k + 0.5 * Normal(random) + 0.3 * k * Normal(random),
                random.NextDouble() < 0.6 ? 3 * k : random.Next(4),
                Poisson(k == 0 ? 2 : 7, random),
                random.NextDouble() < 0.5 ? 1 : 0,
            };
        })];
    }

    public static readonly ColumnFamily[] MixedFamilies =
        [ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Gaussian, ColumnFamily.Categorical, ColumnFamily.Poisson, ColumnFamily.Bernoulli];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double Poisson(double rate, Random random)
    {
        // Knuth's product of uniforms: fine for small rates in a test.
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble()) count++;
        return count;
    }
}
