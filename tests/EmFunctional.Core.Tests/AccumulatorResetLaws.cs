using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Tests.Families.Product;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// The E-step reuses one accumulator per thread for chunk after chunk, resetting it in between; that is
/// only invisible if a reset accumulator is bit for bit a new one. For every family's accumulator: fill
/// it with one block, reset it, fill it with another, and compare with a fresh accumulator given only
/// the second block.
/// </summary>
public class AccumulatorResetLaws
{
    private static Gen<(int Seed, int Rows, int Components)> Cases =>
        from seed in Generators.Seed
        from rows in Gen.Choose(1, 300)
        from components in Gen.Choose(1, 4)
        select (seed, rows, components);

    [SeededProperty(40)]
    public Property ResetAccumulator_EqualsAFreshOne_ForEveryFamily()
    {
        return Prop.ForAll(Arb.From(Cases), testCase =>
        {
            var (seed, rows, k) = testCase;
            var random = new Random(seed);
            foreach (var kind in Generators.Kinds)
                AssertResetForgets(new GaussianFamily(kind), 3, k, rows, random, () => 10 * random.NextDouble() - 5, kind.ToString());
            AssertResetForgets(new BernoulliFamily(), 4, k, rows, random, () => random.Next(2), "Bernoulli");
            AssertResetForgets(new PoissonFamily(), 2, k, rows, random, () => random.Next(6), "Poisson");
            AssertResetForgets(new CategoricalFamily(Arr.create(3, 2)), 2, k, rows, random, () => random.Next(2), "categorical");
            var product = ProductFamily.Create(
                PartFamily.Of(new GaussianFamily(CovarianceKind.Full), [0, 2]),
                PartFamily.Of(new BernoulliFamily(), [1]),
                PartFamily.Of(new PoissonFamily(), [3])).Match(Succ: f => f, Fail: e => throw new InvalidOperationException(e.Head.Message));
            AssertResetForgets(product, 4, k, rows, random, () => random.Next(2), "product");
        });
    }

    private static void AssertResetForgets<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> family, int d, int k, int rows, Random random, Func<double> value, string what)
        where TStatistics : IComponentStatistics
    {
        (double[] Block, double[] Responsibilities, double[] Weights) Draw()
        {
            var block = Enumerable.Range(0, rows * d).Select(_ => value()).ToArray();
            var responsibilities = new double[rows * k];
            for (var r = 0; r < rows; r++)
            {
                var row = Enumerable.Range(0, k).Select(_ => random.NextDouble() + 1e-3).ToArray();
                var sum = row.Sum();
                for (var c = 0; c < k; c++) responsibilities[r * k + c] = row[c] / sum;
            }
            return (block, responsibilities, Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray());
        }

        var first = Draw();
        var second = Draw();
        var reused = family.CreateAccumulator(k, d);
        reused.Add(first.Block, first.Responsibilities, first.Weights);
        reused.Reset();
        reused.Add(second.Block, second.Responsibilities, second.Weights);
        var fresh = family.CreateAccumulator(k, d);
        fresh.Add(second.Block, second.Responsibilities, second.Weights);
        Assert.True(fresh.Results().SequenceEqual(reused.Results()), $"{what}: a reset accumulator remembers rows it was given before the reset");
    }
}
