using EmFunctional.Core.Missing;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Bernoulli;
using EmFunctional.Core.Families.Categorical;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Families.Poisson;
using EmFunctional.Core.Families.Product;
using EmFunctional.Core.Initialization;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests.Missing;

/// <summary>
/// The laws of EM on incomplete data: the observed-data log-likelihood never decreases, a Gaussian step
/// equals the textbook step computed row by row, a column missing everywhere is the same as no column
/// (families with independent columns), responsibilities depend on observed cells only, and the grouping
/// of rows by pattern changes nothing but rounding.
/// </summary>
public class MissingCellLaws
{
    /// <summary>One generated incomplete data set: clustered rows with each cell missing with probability <see cref="Share"/>.</summary>
    public sealed record Holes(int Seed, int Rows, int Columns, int Components, double Share, CovarianceKind Kind)
    {
        public double[] Values()
        {
            var (values, _) = Generators.ClusteredArrays(Seed, Rows, Columns, Components, WeightMode.None);
            Punch(values, Columns, Share, Seed);
            return values;
        }

        public Dataset Data() => Dataset.Create(Values(), Rows, Columns, allowMissing: true).Match(d => d, e => throw new InvalidOperationException(e.Head.Message));

        public double[][] RowArrays()
        {
            var values = Values();
            return [.. Enumerable.Range(0, Rows).Select(i => values.AsSpan(i * Columns, Columns).ToArray())];
        }
    }

    /// <summary>Replaces each cell by NaN with probability <paramref name="share"/>, keeping one observed cell per row.</summary>
    internal static void Punch(double[] values, int columns, double share, int seed)
    {
        var random = new Random(seed ^ 0x5bd1e995);
        for (var i = 0; i < values.Length / columns; i++)
        {
            var keep = random.Next(columns);
            for (var j = 0; j < columns; j++)
                if (j != keep && random.NextDouble() < share) values[i * columns + j] = double.NaN;
        }
    }

    private static Gen<Holes> HoleCases(CovarianceKind[]? kinds = null) =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(40, 400)
        from columns in Gen.Choose(1, 5)
        from components in Gen.Choose(1, 3)
        from share in Gen.Elements(0.05, 0.2, 0.4)
        from kind in Gen.Elements(kinds ?? Generators.Kinds)
        select new Holes(seed, rows, columns, components, share, kind);

    private static Mixture<GaussianComponent> Start(GaussianFamily family, Dataset data, int components, ulong seed) =>
        Initializer.Initialize(family, data, components, new InitializationStrategy.KMeansPlusPlus(), seed).Expect("initialization");

    [SeededProperty(80)]
    public Property ObservedDataLogLikelihoodNeverDecreases_Gaussian()
    {
        return Prop.ForAll(Arb.From(HoleCases()), holes =>
        {
            var data = holes.Data();
            var family = new GaussianFamily(holes.Kind, 1e-6);
            var start = Start(family, data, holes.Components, (ulong)holes.Seed);
            var previous = double.NegativeInfinity;
            foreach (var state in Em.Iterate(family, data, start).Take(30))
            {
                if (state.Failed) break;
                var loss = MonotonicityLaws.RegularizationLoss(state, family);
                Assert.True(state.MeanLogLikelihood >= previous - loss - 1e-12 * (1 + Math.Abs(previous)),
                    $"{holes}: step {state.Iteration} went from {previous:R} to {state.MeanLogLikelihood:R}");
                previous = state.MeanLogLikelihood;
            }
        });
    }

    [SeededProperty(60)]
    public Property AGaussianStepEqualsTheTextbookStepRowByRow()
    {
        return Prop.ForAll(Arb.From(HoleCases()), holes =>
        {
            var data = holes.Data();
            var family = new GaussianFamily(holes.Kind, 1e-6);
            var start = Start(family, data, holes.Components, (ulong)holes.Seed);
            // Two steps, so that the start (made from the mean-completed table) is followed by a step from EM's own mixture.
            var first = Em.Step(family, data, EmState<GaussianComponent>.Initial(start)).Expect("first step");
            var second = Em.Step(family, data, first).Expect("second step");
            var expected = NaiveIncompleteGaussianEm.Step(holes.Kind, 1e-6, holes.RowArrays(), first.Mixture);
            TestSupport.AssertClose(expected.LogLikelihood / holes.Rows, second.MeanLogLikelihood, 1e-9, $"{holes}: log-likelihood");
            for (var k = 0; k < holes.Components; k++)
            {
                TestSupport.AssertClose(expected.Weights[k], second.Mixture.Weights[k], 1e-9, $"{holes}: weight {k}");
                TestSupport.AssertClose(expected.Means[k], second.Mixture.Components[k].Mean, 1e-8, $"{holes}: mean {k}");
                TestSupport.AssertClose(expected.Covariances[k], second.Mixture.Components[k].FullCovariance(), 1e-8, $"{holes}: covariance {k}");
            }
        });
    }

    [SeededProperty(40)]
    public Property AStepIsTheSameOnOneThreadOrMany()
    {
        // 1,700 rows and more: several chunks of pattern blocks, so that four threads do split the work.
        return Prop.ForAll(Arb.From(HoleCases().Select(holes => holes with { Rows = 1500 + 5 * holes.Rows })), holes =>
        {
            var data = holes.Data();
            Assert.True(Numerics.RowBlocks.ChunkCount(data.Rows) >= 4, $"{data.Rows} rows make one chunk");
            var family = new GaussianFamily(holes.Kind, 1e-6);
            var start = EmState<GaussianComponent>.Initial(Start(family, data, holes.Components, 7));
            var one = Em.Step(family, data, start, maxDegreeOfParallelism: 1).Expect("one thread");
            var many = Em.Step(family, data, start, maxDegreeOfParallelism: 4).Expect("four threads");
            TestSupport.AssertIdentical(one, many, holes.ToString());
        });
    }

    [SeededProperty(60)]
    public Property ResponsibilitiesOfARowDependOnlyOnItsObservedCells()
    {
        return Prop.ForAll(Arb.From(HoleCases()), holes =>
        {
            var data = holes.Data();
            var family = new GaussianFamily(holes.Kind, 1e-6);
            var mixture = Start(family, data, holes.Components, 3);
            var (responsibilities, logDensities) = Inference.Evaluate(family, data, mixture).Expect("evaluate");
            var rows = holes.RowArrays();
            var k = mixture.Count;
            for (var i = 0; i < rows.Length; i++)
            {
                // The row alone, evaluated through the textbook marginal density.
                var joint = Enumerable.Range(0, k).Select(c => Math.Log(mixture.Weights[c]) + NaiveIncompleteGaussianEm.LogDensity(mixture.Components[c], rows[i])).ToArray();
                var max = joint.Max();
                var total = joint.Sum(a => Math.Exp(a - max));
                TestSupport.AssertClose(max + Math.Log(total), logDensities[i], 1e-9, $"{holes}: log p(x_{i})");
                for (var c = 0; c < k; c++)
                    TestSupport.AssertClose(Math.Exp(joint[c] - max) / total, responsibilities[i * k + c], 1e-9, $"{holes}: r[{i},{c}]");
            }
        });
    }

    /// <summary>
    /// Families whose columns are independent within a component: a column missing in every row changes no
    /// log-likelihood and no responsibility, along the whole iteration, against the table without it.
    /// </summary>
    [SeededProperty(40)]
    public Property AColumnMissingEverywhereIsTheSameAsNoColumn()
    {
        var gen = from holes in HoleCases([CovarianceKind.Diagonal])
                  from family in Gen.Elements("gaussian", "bernoulli", "poisson", "categorical", "product")
                  from dropped in Gen.Choose(0, 4)
                  select (holes: holes with { Columns = Math.Max(family == "product" ? 3 : 2, holes.Columns) }, family, dropped);
        return Prop.ForAll(Arb.From(gen), test =>
        {
            var (holes, familyName, droppedSeed) = test;
            var d = holes.Columns;
            var dropped = droppedSeed % d;
            var values = DiscreteValues(familyName, holes.Values(), d);
            var withHole = (double[])values.Clone();
            for (var i = 0; i < holes.Rows; i++) withHole[i * d + dropped] = double.NaN;
            // Rows left with no observed cell cannot be kept in either table: give them back one cell.
            for (var i = 0; i < holes.Rows; i++)
                if (Enumerable.Range(0, d).All(j => double.IsNaN(withHole[i * d + j])))
                {
                    var keep = (dropped + 1) % d;
                    withHole[i * d + keep] = values[i * d + keep] = double.IsNaN(values[i * d + keep]) ? Fallback(familyName) : values[i * d + keep];
                }
            var kept = Enumerable.Range(0, d).Where(j => j != dropped).ToArray();
            var without = new double[holes.Rows * (d - 1)];
            for (var i = 0; i < holes.Rows; i++)
                for (var a = 0; a < kept.Length; a++) without[i * (d - 1) + a] = withHole[i * d + kept[a]];
            var full = Dataset.Create(withHole, holes.Rows, d, allowMissing: true).Match(x => x, e => throw new InvalidOperationException(e.Head.Message));
            var reduced = Dataset.Create(without, holes.Rows, d - 1, allowMissing: true).Match(x => x, e => throw new InvalidOperationException(e.Head.Message));
            switch (familyName)
            {
                case "gaussian":
                    Compare(new GaussianFamily(CovarianceKind.Diagonal), new GaussianFamily(CovarianceKind.Diagonal), full, reduced, holes);
                    break;
                case "bernoulli":
                    Compare(new BernoulliFamily(), new BernoulliFamily(), full, reduced, holes);
                    break;
                case "poisson":
                    Compare(new PoissonFamily(), new PoissonFamily(), full, reduced, holes);
                    break;
                case "categorical":
                    Compare(new CategoricalFamily(Enumerable.Repeat(3, d).ToArr()), new CategoricalFamily(Enumerable.Repeat(3, d - 1).ToArr()), full, reduced, holes);
                    break;
                default:
                    Compare(Product(d, dropped), Product(d - 1, -1), full, reduced, holes);
                    break;
            }
        });
    }

    private static ProductFamily Product(int d, int dropped)
    {
        // Column 0 of the reduced table is Gaussian, the rest Poisson; the full table puts the dropped column in a Poisson group too.
        var gaussianColumn = dropped == 0 ? 1 : 0;
        var others = Enumerable.Range(0, d).Where(j => j != gaussianColumn).ToArray();
        return ProductFamily.Create(
                PartFamily.Of(new GaussianFamily(CovarianceKind.Diagonal), [gaussianColumn]),
                PartFamily.Of(new PoissonFamily(), others))
            .Match(x => x, e => throw new InvalidOperationException(e.Head.Message));
    }

    private static double Fallback(string family) => family == "gaussian" ? 0.5 : 1;

    /// <summary>Turns clustered reals into the family's kind of value (0/1, counts, codes 0–2), keeping NaN.</summary>
    private static double[] DiscreteValues(string family, double[] values, int d)
    {
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = values[i];
            result[i] = double.IsNaN(x) ? double.NaN : family switch
            {
                "bernoulli" => x > 0 ? 1 : 0,
                "poisson" or "multinomial" => Math.Min(30, Math.Floor(Math.Abs(x))),
                "categorical" => Math.Min(2, Math.Floor(Math.Abs(x) / 2)),
                "product" => i % d == 0 || (i % d == 1) ? (i % d == 0 ? x : Math.Min(30, Math.Floor(Math.Abs(x)))) : Math.Min(30, Math.Floor(Math.Abs(x))),
                _ => x,
            };
        }
        return result;
    }

    private static void Compare<TComponent, TStatistics>(
        IComponentFamily<TComponent, TStatistics> fullFamily, IComponentFamily<TComponent, TStatistics> reducedFamily, Dataset full, Dataset reduced, Holes holes)
        where TStatistics : IComponentStatistics
    {
        var startFull = Initializer.Initialize(fullFamily, full, holes.Components, new InitializationStrategy.KMeansPlusPlus(), 11);
        var startReduced = Initializer.Initialize(reducedFamily, reduced, holes.Components, new InitializationStrategy.KMeansPlusPlus(), 11);
        if (startFull.IsLeft || startReduced.IsLeft)
        {
            Assert.Equal(startReduced.IsLeft, startFull.IsLeft);
            return;
        }
        var a = Em.Iterate(fullFamily, full, startFull.Expect()).Take(15).ToList();
        var b = Em.Iterate(reducedFamily, reduced, startReduced.Expect()).Take(15).ToList();
        Assert.Equal(b.Count, a.Count);
        for (var t = 0; t < a.Count; t++)
        {
            Assert.Equal(b[t].Failed, a[t].Failed);
            if (a[t].Failed) break;
            TestSupport.AssertClose(b[t].MeanLogLikelihood, a[t].MeanLogLikelihood, 1e-10, $"{holes} {fullFamily.GetType().Name}: step {t}");
            TestSupport.AssertClose(b[t].Mixture.Weights.ToArray(), a[t].Mixture.Weights.ToArray(), 1e-10, $"{holes} {fullFamily.GetType().Name}: weights at step {t}");
        }
    }

    [SeededProperty(40)]
    public Property ObservedDataLogLikelihoodNeverDecreases_DiscreteAndProduct()
    {
        var gen = from holes in HoleCases([CovarianceKind.Diagonal])
                  from family in Gen.Elements("bernoulli", "poisson", "categorical", "multinomial", "product")
                  select (holes: holes with { Columns = Math.Max(2, holes.Columns) }, family);
        return Prop.ForAll(Arb.From(gen), test =>
        {
            var (holes, name) = test;
            var d = holes.Columns;
            var data = Dataset.Create(DiscreteValues(name, holes.Values(), d), holes.Rows, d, allowMissing: true).Match(x => x, e => throw new InvalidOperationException(e.Head.Message));
            switch (name)
            {
                case "bernoulli": Monotone(new BernoulliFamily(), data, holes); break;
                case "poisson": Monotone(new PoissonFamily(), data, holes); break;
                case "categorical": Monotone(new CategoricalFamily(Enumerable.Repeat(3, d).ToArr()), data, holes); break;
                case "multinomial": Monotone(new Core.Families.Multinomial.MultinomialFamily(), data, holes); break;
                default: Monotone(Product(d, -1), data, holes); break;
            }
        });
    }

    private static void Monotone<TComponent, TStatistics>(IComponentFamily<TComponent, TStatistics> family, Dataset data, Holes holes)
        where TStatistics : IComponentStatistics
    {
        var start = Initializer.Initialize(family, data, holes.Components, new InitializationStrategy.KMeansPlusPlus(), 5);
        if (start.IsLeft) return;
        var previous = double.NegativeInfinity;
        foreach (var state in Em.Iterate(family, data, start.Expect()).Take(30))
        {
            if (state.Failed) break;
            // Probability floors and the product's Gaussian regularization cost at most ~1e-9 per step.
            Assert.True(state.MeanLogLikelihood >= previous - 1e-9 * (1 + Math.Abs(previous)),
                $"{holes} {family.GetType().Name}: step {state.Iteration} went from {previous:R} to {state.MeanLogLikelihood:R}");
            previous = state.MeanLogLikelihood;
        }
    }

    [Fact]
    public void ARowWithEveryCellMissingIsRefusedByRow()
    {
        var values = new[] { 1.0, 2.0, double.NaN, double.NaN, 3.0, double.NaN };
        var result = Dataset.Create(values, 3, 2, allowMissing: true);
        var error = Assert.Single(result.Match(_ => [], e => e.ToArray()));
        var rowError = Assert.IsType<RowError>(error);
        Assert.Equal(1, rowError.Row);
        Assert.Contains("every cell is missing", error.Message);
    }

    [Fact]
    public void WithoutAllowMissingNaNIsStillAnErrorAndInfinityAlways()
    {
        Assert.True(Dataset.Create([1.0, double.NaN], 1, 2).IsFail);
        Assert.True(Dataset.Create([1.0, double.PositiveInfinity], 1, 2, allowMissing: true).IsFail);
        var complete = Dataset.Create([1.0, 2.0], 1, 2, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        Assert.False(complete.HasMissing);
    }

    [Fact]
    public void AMultinomialRowWithMissingCountsHasTheDensityOfItsObservedCategoriesRenormalized()
    {
        // Row 0 (2, ?, 3) under p = (0.2, 0.5, 0.3): the 5 observed draws over categories 0 and 2, with
        // probabilities 0.4 and 0.6: log C(5, 2) + 2 log 0.4 + 3 log 0.6.
        var data = Dataset.Create([2.0, double.NaN, 3.0, 1.0, 4.0, 0.0], 2, 3, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        var family = new Core.Families.Multinomial.MultinomialFamily();
        var component = Core.Families.Multinomial.MultinomialComponent.Create([0.2, 0.5, 0.3]).Expect();
        var mixture = new Mixture<Core.Families.Multinomial.MultinomialComponent>(new[] { 1.0 }.ToArr(), new[] { component }.ToArr());
        var (_, logDensities) = Inference.Evaluate(family, data, mixture).Expect("evaluate");
        TestSupport.AssertClose(Math.Log(10) + 2 * Math.Log(0.4) + 3 * Math.Log(0.6), logDensities[0], 1e-12, "incomplete row");
        TestSupport.AssertClose(Math.Log(5) + Math.Log(0.2) + 4 * Math.Log(0.5), logDensities[1], 1e-12, "complete row");

        // The M-step counts the missing cell at its expected value n_o p_1 / P_o = 5 · 0.5 / 0.5 = 5.
        var next = Em.EStep(family, data, mixture).Bind(expectation => Em.MStep(family, expectation.Statistics)).Expect("step");
        TestSupport.AssertClose([3.0 / 15, 9.0 / 15, 3.0 / 15], next.Components[0].Probabilities.ToArray(), 1e-12, "M-step");
        TestSupport.AssertClose([2.0, 5.0, 3.0], Imputation.Impute(family, data, mixture).Expect().Take(3).ToArray(), 1e-12, "imputed row");
    }

    [Fact]
    public void MultinomialDrawsOfMissingCountsAverageToTheirConditionalMeans()
    {
        var data = Dataset.Create([4.0, double.NaN, double.NaN, 2.0], 1, 4, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        var family = new Core.Families.Multinomial.MultinomialFamily();
        var component = Core.Families.Multinomial.MultinomialComponent.Create([0.3, 0.25, 0.15, 0.3]).Expect();
        var mixture = new Mixture<Core.Families.Multinomial.MultinomialComponent>(new[] { 1.0 }.ToArr(), new[] { component }.ToArr());
        var draws = Imputation.Draw(family, data, mixture, 20000, 3).Expect();
        Assert.All(draws, copy => Assert.True(copy[1] >= 0 && copy[1] == Math.Floor(copy[1]) && copy[0] == 4 && copy[3] == 2));
        // n_o = 6 draws over P_o = 0.6: the missing counts have means 6 · 0.25 / 0.6 = 2.5 and 6 · 0.15 / 0.6 = 1.5.
        Assert.InRange(draws.Average(copy => copy[1]), 2.5 - 0.06, 2.5 + 0.06);
        Assert.InRange(draws.Average(copy => copy[2]), 1.5 - 0.04, 1.5 + 0.04);
        TestSupport.AssertClose([4.0, 2.5, 1.5, 2.0], Imputation.Impute(family, data, mixture).Expect().ToArray(), 1e-12, "imputed");
    }

    [Fact]
    public void TheCompletedTableHoldsColumnMeans()
    {
        var data = Dataset.Create([1.0, double.NaN, 3.0, 4.0, double.NaN, 8.0], 3, 2, allowMissing: true).Match(x => x, _ => throw new InvalidOperationException());
        Assert.Equal(2, data.Missing!.Count);
        Assert.Equal([1, 1], data.Missing.ByColumn.ToArray());
        Assert.Equal(new[] { 1.0, 6.0, 3.0, 4.0, 2.0, 8.0 }, data.Completed.Values.ToArray());
    }
}
