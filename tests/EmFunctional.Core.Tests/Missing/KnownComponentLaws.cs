using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Testing;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;

namespace EmFunctional.Core.Tests.Missing;

/// <summary>
/// Partially labelled rows (semi-supervised EM): a labelled row's responsibilities stay one-hot at its
/// label, it counts as log π_y p(x | θ_y) in the log-likelihood, the log-likelihood never decreases, and
/// a fully labelled table is fitted in one step by the class-wise estimates.
/// </summary>
public class KnownComponentLaws
{
    private sealed record Labelled(int Seed, int Rows, int Columns, int Components, double LabelShare, double MissingShare, CovarianceKind Kind)
    {
        public (Dataset Data, int[] Known) Create()
        {
            var (values, _) = Generators.ClusteredArrays(Seed, Rows, Columns, Components, WeightMode.None);
            if (MissingShare > 0) MissingCellLaws.Punch(values, Columns, MissingShare, Seed);
            var random = new Random(Seed + 1);
            var known = Enumerable.Range(0, Rows).Select(_ => random.NextDouble() < LabelShare ? random.Next(Components) : -1).ToArray();
            var data = Dataset.Create(values, Rows, Columns, allowMissing: true).Bind(d => d.WithKnownComponents(known))
                .Match(d => d, e => throw new InvalidOperationException(e.Head.Message));
            return (data, known);
        }
    }

    private static Gen<Labelled> Cases() =>
        from seed in Gen.Choose(0, 1_000_000)
        from rows in Gen.Choose(40, 300)
        from columns in Gen.Choose(1, 4)
        from components in Gen.Choose(1, 3)
        from labels in Gen.Elements(0.05, 0.3, 1.0)
        from missing in Gen.Elements(0.0, 0.2)
        from kind in Gen.Elements(Generators.Kinds)
        select new Labelled(seed, rows, columns, components, labels, missing, kind);

    [SeededProperty(60)]
    public Property LabelledRowsStayOneHotAndTheLogLikelihoodNeverDecreases()
    {
        return Prop.ForAll(Arb.From(Cases()), test =>
        {
            var (data, known) = test.Create();
            var family = new GaussianFamily(test.Kind, 1e-6);
            var start = Initializer.Initialize(family, data, test.Components, new InitializationStrategy.KMeansPlusPlus(), 3);
            if (start.IsLeft) return;
            var previous = double.NegativeInfinity;
            foreach (var state in Em.Iterate(family, data, start.Expect()).Take(25))
            {
                if (state.Failed) break;
                var loss = MonotonicityLaws.RegularizationLoss(state, family);
                Assert.True(state.MeanLogLikelihood >= previous - loss - 1e-12 * (1 + Math.Abs(previous)),
                    $"{test}: step {state.Iteration} went from {previous:R} to {state.MeanLogLikelihood:R}");
                previous = state.MeanLogLikelihood;
                var (responsibilities, logDensities) = Inference.Evaluate(family, data, state.Mixture).Expect("evaluate");
                var k = test.Components;
                for (var i = 0; i < data.Rows; i++)
                {
                    if (known[i] < 0) continue;
                    for (var c = 0; c < k; c++) Assert.Equal(c == known[i] ? 1.0 : 0.0, responsibilities[i * k + c]);
                    // The labelled term: log π_y + log p(x_o | θ_y).
                    var row = data.Row(i).ToArray();
                    var expected = Math.Log(state.Mixture.Weights[known[i]]) + NaiveIncompleteGaussianEm.LogDensity(state.Mixture.Components[known[i]], row);
                    TestSupport.AssertClose(expected, logDensities[i], 1e-9, $"{test}: log-density of labelled row {i}");
                }
            }
        });
    }

    [SeededProperty(30)]
    public Property AFullyLabelledTableIsFittedByTheClassEstimates()
    {
        return Prop.ForAll(Arb.From(Cases()), test =>
        {
            var (values, _) = Generators.ClusteredArrays(test.Seed, test.Rows, test.Columns, test.Components, WeightMode.None);
            var random = new Random(test.Seed);
            var known = Enumerable.Range(0, test.Rows).Select(i => i < test.Components ? i : random.Next(test.Components)).ToArray();
            var data = Dataset.Create(values, test.Rows, test.Columns).Bind(d => d.WithKnownComponents(known)).Match(d => d, e => throw new InvalidOperationException(e.Head.Message));
            var family = new GaussianFamily(CovarianceKind.Diagonal, 1e-6);
            var fit = Fitting.Fit(family, data, test.Components, new EmOptions(StoppingRule.Default(1e-12, 50), new InitializationStrategy.KMeansPlusPlus()));
            if (fit.IsLeft) return;   // a class of one row has a degenerate variance
            var mixture = fit.Expect().Mixture;
            for (var c = 0; c < test.Components; c++)
            {
                var rows = Enumerable.Range(0, test.Rows).Where(i => known[i] == c).ToArray();
                TestSupport.AssertClose((double)rows.Length / test.Rows, mixture.Weights[c], 1e-12, $"{test}: weight {c}");
                for (var j = 0; j < test.Columns; j++)
                    TestSupport.AssertClose(rows.Average(i => values[i * test.Columns + j]), mixture.Components[c].Mean[j], 1e-9, $"{test}: mean {c},{j}");
            }
        });
    }

    [Fact]
    public void AKnownComponentTheMixtureDoesNotHaveIsRefused()
    {
        var data = Dataset.Create([0.0, 1.0, 2.0, 3.0], 4, 1).Bind(d => d.WithKnownComponents([0, -1, 2, -1])).Match(d => d, _ => throw new InvalidOperationException());
        var family = new GaussianFamily(CovarianceKind.Full);
        var mixture = Initializer.Initialize(family, Dataset.Create([0.0, 1.0, 2.0, 3.0], 4, 1).Match(d => d, _ => throw new InvalidOperationException()), 2, new InitializationStrategy.KMeansPlusPlus(), 1).Expect();
        Assert.Contains("component 2", Em.EStep(family, data, mixture).ExpectLeft().Message);
        Assert.True(Dataset.Create([0.0, 1.0], 2, 1).Bind(d => d.WithKnownComponents([0, -2])).IsFail);
        Assert.True(Dataset.Create([0.0, 1.0], 2, 1).Bind(d => d.WithKnownComponents([0])).IsFail);
    }
}
