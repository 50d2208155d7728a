using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Initialization;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Categorical;

/// <summary>
/// A generated categorical case: columns with 1–4 codes and random probability vectors per class. With
/// <see cref="DiscreteSpec{TComponent, TStatistics}.Degenerate"/> the family also allows a code that
/// never occurs in column 0 and column 1 is constant — the ML estimates that would be exactly 0 and 1.
/// </summary>
public sealed record CategoricalSpec : DiscreteSpec<CategoricalComponent, CategoricalStatistics>
{
    /// <summary>The prior of a case with <see cref="DiscreteSpec{TComponent, TStatistics}.Prior"/>.</summary>
    public static readonly DirichletPrior CasePrior = new(1.7);

    /// <inheritdoc />
    public override (double[] Values, double[]? Weights) Arrays()
    {
        var random = new Random(DataSeed);
        var categories = Enumerable.Range(0, Columns).Select(_ => random.Next(1, 5)).ToArray();
        var probabilities = Enumerable.Range(0, Classes).Select(_ => categories.Select(c =>
        {
            var raw = Enumerable.Range(0, c).Select(_ => 0.05 + random.NextDouble()).ToArray();
            return raw.Select(v => v / raw.Sum()).ToArray();
        }).ToArray()).ToArray();
        var values = new double[Rows * Columns];
        for (var i = 0; i < Rows; i++)
            for (var j = 0; j < Columns; j++)
            {
                var p = probabilities[i % Classes][j];
                var u = random.NextDouble();
                var code = 0;
                for (var cumulative = p[0]; code < p.Length - 1 && u >= cumulative; cumulative += p[++code]) { }
                if (Degenerate && j == 1) code = 0;
                values[i * Columns + j] = code;
            }
        return (values, FamilyTestSupport.MakeWeights(random, Rows, Weights));
    }

    /// <summary>C_j from the data, plus one unused code in columns 0 and 1 when degenerate.</summary>
    public override IComponentFamily<CategoricalComponent, CategoricalStatistics> Family(Dataset data)
    {
        var observed = CategoricalFamily.ForData(data).Match(Succ: f => f, Fail: e => throw new InvalidOperationException(e.Head.Message));
        var categories = observed.Categories.ToArray();
        if (Degenerate)
        {
            categories[0]++; // a code column 0 never shows
            categories[1]++; // column 1 is constant at 0, so its code 1 is never seen either
        }
        return new CategoricalFamily(categories.ToArr(), Prior ? CasePrior : null);
    }
}

/// <summary>
/// The laws of the categorical family: the discrete-family laws of
/// <see cref="DiscreteFamilyLaws{TSpec, TComponent, TStatistics}"/> on 2–5 columns; unused codes and
/// constant columns never bring NaN or −∞ into an ML fit; and with two codes per column the family is
/// the Bernoulli family.
/// </summary>
public class CategoricalLaws(ITestOutputHelper output) : DiscreteFamilyLaws<CategoricalSpec, CategoricalComponent, CategoricalStatistics>(output)
{
    protected override (int Least, int Most) ColumnRange => (2, 5);

    protected override double[] Parameters(CategoricalComponent component) =>
        Enumerable.Range(0, component.Dimensions).SelectMany(j => component.Probabilities(j).ToArray()).ToArray();

    protected override Gen<MonoidColumns> MonoidColumnsGenerator =>
        from categories in Gen.Choose(1, 4).ArrayOf().Where(a => a.Length is >= 1 and <= 4)
        select new MonoidColumns(
            $"categories = [{string.Join(", ", categories)}]", categories.Length, new CategoricalFamily(categories.ToArr()),
            (random, i) => random.Next(categories[i % categories.Length]));

    protected override double[] Flatten(CategoricalStatistics statistics) => [statistics.Weight, .. statistics.AllCounts.ToArray()];

    /// <summary>
    /// Per column, e_c = n_jc + α − 1; p = e / Σ e, except that codes with e_c = 0 sit on the floor and
    /// the others share 1 − m·floor (here only never-seen codes can fall below the floor).
    /// </summary>
    protected override double[] ClosedForm(CategoricalSpec spec, DiscreteCase<CategoricalComponent, CategoricalStatistics> testCase)
    {
        var (family, data) = ((CategoricalFamily)testCase.Family, testCase.Data);
        var alpha = spec.Prior ? CategoricalSpec.CasePrior.Concentration : 1;
        var expected = new List<double>();
        for (var j = 0; j < data.Columns; j++)
        {
            var c = family.Categories[j];
            var effective = new double[c];
            for (var i = 0; i < data.Rows; i++) effective[(int)data.Row(i)[j]] += data.Weight(i);
            for (var code = 0; code < c; code++) effective[code] += alpha - 1;
            var zero = effective.Count(e => e == 0);
            var scale = (1 - zero * family.ProbabilityFloor) / effective.Sum();
            expected.AddRange(effective.Select(e => e == 0 ? family.ProbabilityFloor : e * scale));
        }
        return expected.ToArray();
    }

    [SeededProperty(60)]
    public Property UnusedCodesAndConstantColumnsNeverGiveNaNOrInfinityInMaximumLikelihoodFits() =>
        CheckMaximumLikelihoodFitsOfDegenerateCases((testCase, component) =>
        {
            var floor = ((CategoricalFamily)testCase.Family).ProbabilityFloor;
            for (var j = 0; j < component.Dimensions; j++)
            {
                var p = component.Probabilities(j).ToArray();
                Assert.All(p, v => Assert.True(v >= floor, $"{testCase}: p = {v:R}"));
                TestSupport.AssertClose(1, p.Sum(), 1e-14, $"{testCase}: column {j} sums to");
            }
        });

    [SeededProperty(30)]
    public Property WithTwoCodesPerColumnTheFamilyIsTheBernoulliFamily()
    {
        // p_j1 of the categorical family is p_j of the Bernoulli family: same starts (k-means labels and the
        // random choices do not depend on the family, and both centre at 0.75/0.25), same EM path, same
        // log-likelihood and the same parameter count.
        return Prop.ForAll(Arb.From(
            from seed in Generators.Seed
            from initialization in Generators.Seed64
            from k in Gen.Choose(1, 3)
            from strategy in Gen.Elements(Generators.Strategies)
            select (seed, initialization, k, strategy)),
            testCase =>
            {
                var (seed, initialization, k, strategy) = testCase;
                var random = new Random(seed);
                var d = random.Next(1, 6);
                var rows = random.Next(10, 60);
                var data = Generators.ToDataset(Enumerable.Range(0, rows * d).Select(_ => (double)random.Next(2)).ToArray(), rows, d);
                var bernoulli = new BernoulliFamily();
                var categorical = new CategoricalFamily(Enumerable.Repeat(2, d).ToArr());
                var startB = Initializer.Initialize(bernoulli, data, k, strategy, initialization);
                var startC = Initializer.Initialize(categorical, data, k, strategy, initialization);
                Assert.Equal(startB.IsLeft, startC.IsLeft);
                if (startB.IsLeft) return;
                var (b, _) = FamilyTestSupport.Run(bernoulli, data, startB.Expect(), 10);
                var (c, _) = FamilyTestSupport.Run(categorical, data, startC.Expect(), 10);
                Assert.Equal(b.Count, c.Count);
                for (var t = 0; t < b.Count; t++)
                {
                    TestSupport.AssertClose(b[t].MeanLogLikelihood, c[t].MeanLogLikelihood, 1e-11, $"{testCase}: step {t + 1} log-likelihood");
                    for (var component = 0; component < k; component++)
                        for (var j = 0; j < d; j++)
                            TestSupport.AssertClose(b[t].Mixture.Components[component].Probabilities[j], c[t].Mixture.Components[component].Probability(j, 1), 1e-11, $"{testCase}: step {t + 1} p[{component}][{j}]");
                }
                Assert.Equal(bernoulli.FreeParameters(k, d), categorical.FreeParameters(k, d));
            });
    }
}
