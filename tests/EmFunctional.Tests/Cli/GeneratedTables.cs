using System.Globalization;
using System.Text;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Small CSV tables drawn from known two-component mixtures with a fixed seed, for the <c>--family</c>
/// tests: the true component of every row is kept so that fitted labels can be scored. Seeded
/// <see cref="Random"/> gives the same sequence on every platform and .NET version.
/// </summary>
internal sealed record GeneratedTable(string Csv, int[] Truth)
{
    /// <summary>
    /// eruptions (Gaussian: N(0, 1) or N(4, 1), three decimals), smoker (Bernoulli 0.15 or 0.85) and
    /// visits (Poisson 1.5 or 7), weights 0.6 and 0.4.
    /// </summary>
    public static GeneratedTable Mixed(int rows = 400, int seed = 12345)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("eruptions,smoker,visits\n");
        var truth = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var k = truth[i] = random.NextDouble() < 0.6 ? 0 : 1;
            var x = (k == 0 ? 0.0 : 4.0) + Normal(random);
            var smoker = random.NextDouble() < (k == 0 ? 0.15 : 0.85) ? 1 : 0;
            var visits = Poisson(random, k == 0 ? 1.5 : 7.0);
            csv.Append(CultureInfo.InvariantCulture, $"{x:F3},{smoker},{visits}\n");
        }
        return new GeneratedTable(csv.ToString(), truth);
    }

    /// <summary>
    /// Answers 0/1 to <paramref name="questions"/> questions q1, q2, …: class 0 answers yes with
    /// probability 0.2, class 1 with 0.8; classes alternate row by row.
    /// </summary>
    public static GeneratedTable Survey(int rows = 300, int questions = 6, int seed = 7)
    {
        var random = new Random(seed);
        var csv = new StringBuilder(string.Join(",", Enumerable.Range(1, questions).Select(q => $"q{q}")) + "\n");
        var truth = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var k = truth[i] = i % 2;
            csv.Append(string.Join(",", Enumerable.Range(0, questions).Select(_ => random.NextDouble() < (k == 0 ? 0.2 : 0.8) ? "1" : "0"))).Append('\n');
        }
        return new GeneratedTable(csv.ToString(), truth);
    }

    /// <summary>
    /// colour (codes 0–3, class 0 mostly 0 and 1, class 1 mostly 2 and 3) and size (codes 0–2, class 0
    /// mostly 0, class 1 mostly 2); classes alternate row by row.
    /// </summary>
    public static GeneratedTable Codes(int rows = 300, int seed = 11)
    {
        double[][] colour = [[0.45, 0.45, 0.05, 0.05], [0.05, 0.05, 0.45, 0.45]];
        double[][] size = [[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]];
        var random = new Random(seed);
        var csv = new StringBuilder("colour,size\n");
        var truth = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var k = truth[i] = i % 2;
            csv.Append(CultureInfo.InvariantCulture, $"{Draw(random, colour[k])},{Draw(random, size[k])}\n");
        }
        return new GeneratedTable(csv.ToString(), truth);
    }

    /// <summary>Two count columns, calls and visits, with rates (2, 1) in class 0 and (9, 6) in class 1; classes alternate.</summary>
    public static GeneratedTable Counts(int rows = 300, int seed = 3)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("calls,visits\n");
        var truth = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var k = truth[i] = i % 2;
            csv.Append(CultureInfo.InvariantCulture, $"{Poisson(random, k == 0 ? 2 : 9)},{Poisson(random, k == 0 ? 1 : 6)}\n");
        }
        return new GeneratedTable(csv.ToString(), truth);
    }

    /// <summary>
    /// The share of rows whose label equals the truth under the better of the two matchings of two
    /// components (labels are only defined up to relabelling).
    /// </summary>
    public double Agreement(IReadOnlyList<int> labels)
    {
        Assert.Equal(Truth.Length, labels.Count);
        var same = Truth.Where((k, i) => k == labels[i]).Count();
        return Math.Max(same, Truth.Length - same) / (double)Truth.Length;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Knuth's multiplication method; fine for the small rates used here.</summary>
    private static int Poisson(Random random, double rate)
    {
        var limit = Math.Exp(-rate);
        var count = 0;
        for (var product = random.NextDouble(); product > limit; product *= random.NextDouble()) count++;
        return count;
    }

    private static int Draw(Random random, double[] probabilities)
    {
        var u = random.NextDouble();
        for (var c = 0; c < probabilities.Length - 1; c++)
        {
            u -= probabilities[c];
            if (u < 0) return c;
        }
        return probabilities.Length - 1;
    }
}
