using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Multinomial;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families.Multinomial;

/// <summary>
/// A generated multinomial case: rows of counts over <see cref="DiscreteSpec{TComponent, TStatistics}.Columns"/>
/// = 2–5 categories with 0–12 trials each (rows of no trials included), from random probability vectors
/// per class. With <see cref="DiscreteSpec{TComponent, TStatistics}.Degenerate"/> the last category is
/// never observed — the ML estimate that would be exactly 0.
/// </summary>
public sealed record MultinomialSpec : DiscreteSpec<MultinomialComponent, WeightedSumStatistics>
{
    /// <summary>The prior of a case with <see cref="DiscreteSpec{TComponent, TStatistics}.Prior"/>.</summary>
    public static readonly DirichletPrior CasePrior = new(1.3);

    /// <inheritdoc />
    public override (double[] Values, double[]? Weights) Arrays()
    {
        var random = new Random(DataSeed);
        var used = Degenerate ? Columns - 1 : Columns;
        var probabilities = Enumerable.Range(0, Classes).Select(_ =>
        {
            var raw = Enumerable.Range(0, used).Select(_ => 0.05 + random.NextDouble()).ToArray();
            return raw.Select(v => v / raw.Sum()).ToArray();
        }).ToArray();
        var values = new double[Rows * Columns];
        for (var i = 0; i < Rows; i++)
        {
            var trials = random.Next(0, 13);
            for (var t = 0; t < trials; t++)
            {
                var p = probabilities[i % Classes];
                var u = random.NextDouble();
                var category = 0;
                for (var cumulative = p[0]; category < used - 1 && u >= cumulative; cumulative += p[++category]) { }
                values[i * Columns + category]++;
            }
        }
        return (values, FamilyTestSupport.MakeWeights(random, Rows, Weights));
    }

    /// <summary>Maximum likelihood, or MAP under Dirichlet(1.3).</summary>
    public override IComponentFamily<MultinomialComponent, WeightedSumStatistics> Family(Dataset data) =>
        new MultinomialFamily(Prior ? CasePrior : null);
}

/// <summary>
/// The laws of the multinomial family: the discrete-family laws of
/// <see cref="DiscreteFamilyLaws{TSpec, TComponent, TStatistics}"/> on 2–5 categories, and a category
/// no row uses never brings NaN or −∞ into an ML fit.
/// </summary>
public class MultinomialLaws(ITestOutputHelper output) : DiscreteFamilyLaws<MultinomialSpec, MultinomialComponent, WeightedSumStatistics>(output)
{
    protected override (int Least, int Most) ColumnRange => (2, 5);

    protected override double[] Parameters(MultinomialComponent component) => component.Probabilities.ToArray();

    protected override Gen<MonoidColumns> MonoidColumnsGenerator =>
        Gen.Choose(1, 5).Select(c => new MonoidColumns($"c = {c}", c, new MultinomialFamily(), (random, _) => random.Next(0, 30)));

    protected override double[] Flatten(WeightedSumStatistics statistics) => [statistics.Weight, .. statistics.Sums.ToArray()];

    /// <summary>
    /// e_j = Σ_i w_i c_ij + α − 1; p = e / Σ e, with never-seen categories on the floor (uniform when no
    /// trials at all).
    /// </summary>
    protected override double[] ClosedForm(MultinomialSpec spec, DiscreteCase<MultinomialComponent, WeightedSumStatistics> testCase)
    {
        var (family, data) = ((MultinomialFamily)testCase.Family, testCase.Data);
        var alpha = spec.Prior ? MultinomialSpec.CasePrior.Concentration : 1;
        var effective = new double[data.Columns];
        for (var i = 0; i < data.Rows; i++)
            for (var j = 0; j < data.Columns; j++) effective[j] += data.Weight(i) * data.Row(i)[j];
        for (var j = 0; j < data.Columns; j++) effective[j] += alpha - 1;
        var zero = effective.Count(e => e == 0);
        var scale = (1 - zero * family.ProbabilityFloor) / effective.Sum();
        return effective.Sum() == 0
            ? Enumerable.Repeat(1.0 / data.Columns, data.Columns).ToArray()
            : effective.Select(e => e == 0 ? family.ProbabilityFloor : e * scale).ToArray();
    }

    [SeededProperty(60)]
    public Property UnusedCategoriesNeverGiveNaNOrInfinityInMaximumLikelihoodFits() =>
        CheckMaximumLikelihoodFitsOfDegenerateCases((testCase, component) =>
        {
            var floor = ((MultinomialFamily)testCase.Family).ProbabilityFloor;
            Assert.All(Parameters(component), v => Assert.True(v >= floor, $"{testCase}: p = {v:R}"));
            TestSupport.AssertClose(1, Parameters(component).Sum(), 1e-14, $"{testCase}: Σ p");
        });
}
