using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Missing;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests.Missing;

/// <summary>
/// Imputation: single imputation equals Σ_k r_k(x_o) E[x_m | x_o, k] computed naively with dense linear
/// algebra; observed cells are never changed; draws are reproducible from the seed and their average
/// tends to the conditional mean.
/// </summary>
public class ImputationLaws
{
    private static Gen<MissingCellLaws.Holes> Cases() =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(30, 200)
        from columns in Gen.Choose(2, 5)
        from components in Gen.Choose(1, 3)
        from share in Gen.Elements(0.1, 0.3)
        from kind in Gen.Elements(Generators.Kinds)
        select new MissingCellLaws.Holes(seed, rows, columns, components, share, kind);

    [SeededProperty(60)]
    public Property ImputedValuesAreTheNaiveConditionalMeans()
    {
        return Prop.ForAll(Arb.From(Cases()), holes =>
        {
            var data = holes.Data();
            var family = new GaussianFamily(holes.Kind);
            var mixture = Initializer.Initialize(family, data, holes.Components, new InitializationStrategy.KMeansPlusPlus(), 2).Expect();
            var imputed = Imputation.Impute(family, data, mixture).Expect("impute");
            var rows = holes.RowArrays();
            var d = holes.Columns;
            for (var i = 0; i < rows.Length; i++)
            {
                var joint = Enumerable.Range(0, mixture.Count).Select(c => Math.Log(mixture.Weights[c]) + NaiveIncompleteGaussianEm.LogDensity(mixture.Components[c], rows[i])).ToArray();
                var max = joint.Max();
                var total = joint.Sum(a => Math.Exp(a - max));
                var expected = new double[d];
                for (var c = 0; c < mixture.Count; c++)
                {
                    var (filled, _) = NaiveIncompleteGaussianEm.Conditional(mixture.Components[c], rows[i]);
                    for (var j = 0; j < d; j++) expected[j] += Math.Exp(joint[c] - max) / total * filled[j];
                }
                for (var j = 0; j < d; j++)
                {
                    if (double.IsNaN(rows[i][j])) TestSupport.AssertClose(expected[j], imputed[i * d + j], 1e-9, $"{holes}: cell ({i}, {j})");
                    else Assert.Equal(rows[i][j], imputed[i * d + j]);
                }
            }
        });
    }

    [SeededProperty(30)]
    public Property DrawsAreReproducibleAndKeepObservedCells()
    {
        return Prop.ForAll(Arb.From(Cases()), holes =>
        {
            var data = holes.Data();
            var family = new GaussianFamily(holes.Kind);
            var mixture = Initializer.Initialize(family, data, holes.Components, new InitializationStrategy.KMeansPlusPlus(), 2).Expect();
            var first = Imputation.Draw(family, data, mixture, 3, 99).Expect("draws");
            var again = Imputation.Draw(family, data, mixture, 3, 99).Expect("draws again");
            var other = Imputation.Draw(family, data, mixture, 3, 100).Expect("other seed");
            var values = data.Values.ToArray();
            for (var copy = 0; copy < 3; copy++)
            {
                Assert.Equal(again[copy], first[copy]);
                for (var i = 0; i < values.Length; i++)
                {
                    if (!double.IsNaN(values[i])) Assert.Equal(values[i], first[copy][i]);
                    else Assert.True(double.IsFinite(first[copy][i]), $"{holes}: cell {i} drew {first[copy][i]}");
                }
            }
            Assert.NotEqual(first[0], other[0]);
            Assert.NotEqual(first[0], first[1]);
        });
    }

    [Fact]
    public void TheAverageOfManyDrawsIsTheConditionalMean()
    {
        // One component, correlation 0.8: x_1 | x_0 = 2 ~ N(1.6, 0.36).
        var family = new GaussianFamily(CovarianceKind.Full, 0);
        var component = GaussianComponent.Create(CovarianceKind.Full, [0.0, 0.0], [1.0, 0.8, 0.8, 1.0]).Expect();
        var mixture = new Mixture<GaussianComponent>(new[] { 1.0 }.ToArr(), new[] { component }.ToArr());
        var data = Dataset.Create([2.0, double.NaN], 1, 2, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        var draws = Imputation.Draw(family, data, mixture, 20000, 5).Expect();
        var cells = draws.Select(copy => copy[1]).ToArray();
        var mean = cells.Average();
        var variance = cells.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, 1.6 - 0.02, 1.6 + 0.02);
        Assert.InRange(variance, 0.36 * 0.95, 0.36 * 1.05);
        Assert.Equal(1.6, Imputation.Impute(family, data, mixture).Expect()[1], 12);
    }

    [Fact]
    public void ACategoricalCellTakesTheMostProbableCodeOfTheMixture()
    {
        var family = new CategoricalFamily(new[] { 3, 2 }.ToArr());
        var a = CategoricalComponent.Create([[0.6, 0.3, 0.1], [0.9, 0.1]]).Expect();
        var b = CategoricalComponent.Create([[0.0, 0.45, 0.55], [0.1, 0.9]]).Expect();
        var mixture = new Mixture<CategoricalComponent>(new[] { 0.5, 0.5 }.ToArr(), new[] { a, b }.ToArr());
        // Column 1 observed as 0 favours a (0.9 vs 0.1): the mixture's code for column 0 is a's mode, 0.
        var data = Dataset.Create([double.NaN, 0.0], 1, 2, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        Assert.Equal(0.0, Imputation.Impute(family, data, mixture).Expect()[0]);
    }
}
