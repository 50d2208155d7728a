using System.Runtime.CompilerServices;
using EmFunctional.Core.Families;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using Xunit.Abstractions;

namespace EmFunctional.Core.Tests.Families;

/// <summary>
/// A generated discrete case: <see cref="Classes"/> latent classes over <see cref="Columns"/> columns,
/// rows dealt round-robin, optional sample weights, a number of components, an initialization (an index
/// into <see cref="Generators.Strategies"/>) and a weight policy (an index into
/// <see cref="DiscreteLaws.Policies"/>); with <see cref="Degenerate"/> the data holds the estimates
/// that would be exactly 0 or 1 (each family says how). Each family's record draws the data and makes
/// the family. The record prints every field, so a failing case can be rebuilt with
/// <c>new BernoulliSpec { DataSeed = …, … }.Build()</c> (likewise for the other families).
/// </summary>
public abstract record DiscreteSpec<TComponent, TStatistics>
    where TStatistics : IComponentStatistics
{
    public int DataSeed { get; init; }

    public int Rows { get; init; }

    public int Columns { get; init; }

    public int Classes { get; init; }

    public WeightMode Weights { get; init; }

    public bool Degenerate { get; init; }

    public int Components { get; init; }

    public int Strategy { get; init; }

    public ulong InitializationSeed { get; init; }

    public int Policy { get; init; }

    public bool Prior { get; init; }

    /// <summary>The row-major values and the weights (null when unweighted), deterministic in <see cref="DataSeed"/>.</summary>
    public abstract (double[] Values, double[]? Weights) Arrays();

    /// <summary>The family of this case: maximum likelihood, or MAP under the family's case prior with <see cref="Prior"/>.</summary>
    public abstract IComponentFamily<TComponent, TStatistics> Family(Dataset data);

    /// <summary>The case for the generic laws.</summary>
    public DiscreteCase<TComponent, TStatistics> Build()
    {
        var (values, weights) = Arrays();
        var data = Generators.ToDataset(values, Rows, Columns, weights);
        return new(Family(data), data, Components, Generators.Strategies[Strategy], InitializationSeed, DiscreteLaws.Policies[Policy], ToString());
    }
}

/// <summary>
/// The laws every discrete family obeys, as tests that xunit runs under each family's derived class:
/// responsibilities are distributions; the log-posterior (the log-likelihood without a prior) never
/// decreases along <see cref="Em.Iterate"/>, for every initialization and weight policy; the statistics
/// are a monoid; integer weights are duplicated rows; one component gives the closed-form estimate in
/// one step; and (through <see cref="CheckMaximumLikelihoodFitsOfDegenerateCases"/>, under a name each
/// family chooses) degenerate data never brings NaN or −∞ into a maximum-likelihood fit. A family
/// supplies its cases (<typeparamref name="TSpec"/> and <see cref="ColumnRange"/>), its parameters,
/// its monoid inputs and its closed form.
/// </summary>
/// <remarks>
/// Property tests replay a seed derived from the file that declares the test and its name, so an
/// inherited test replays the same seed under every family (BernoulliLaws.ResponsibilitiesAreDistributions
/// and CategoricalLaws.ResponsibilitiesAreDistributions); they draw different cases all the same, each
/// from its own family's generator.
/// </remarks>
public abstract class DiscreteFamilyLaws<TSpec, TComponent, TStatistics>(ITestOutputHelper output)
    where TSpec : DiscreteSpec<TComponent, TStatistics>, new()
    where TStatistics : IComponentStatistics
{
    private readonly PropertyRun run = new();
    private int started;
    private int longRuns;
    private int fits;

    /// <summary>The least and the greatest number of columns of a generated case.</summary>
    protected abstract (int Least, int Most) ColumnRange { get; }

    /// <summary>A component's parameters, flattened (the probabilities, in the family's order).</summary>
    protected abstract double[] Parameters(TComponent component);

    /// <summary>Law 3's columns: a generator of their count, their family and how to draw one value.</summary>
    protected abstract Gen<MonoidColumns> MonoidColumnsGenerator { get; }

    /// <summary>Sufficient statistics flattened for comparison: the weight, then the sums or counts.</summary>
    protected abstract double[] Flatten(TStatistics statistics);

    /// <summary>The closed-form one-component estimate on the case's data, as <see cref="Parameters"/> flattens it.</summary>
    protected abstract double[] ClosedForm(TSpec spec, DiscreteCase<TComponent, TStatistics> testCase);

    /// <summary>
    /// Columns for law 3: <paramref name="Dimensions"/> columns summarized by <paramref name="Family"/>,
    /// <paramref name="Draw"/> giving the value at an index of the row-major block; prints as
    /// <paramref name="Description"/>.
    /// </summary>
    protected sealed record MonoidColumns(string Description, int Dimensions, IComponentFamily<TComponent, TStatistics> Family, Func<Random, int, double> Draw)
    {
        /// <inheritdoc />
        public override string ToString() => Description;
    }

    /// <summary>Specifications of 8–80 rows over <see cref="ColumnRange"/> columns, with 1–3 classes and 1–4 components.</summary>
    protected Gen<TSpec> Specs(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        from dataSeed in Generators.Seed
        from rows in Gen.Choose(8, 80)
        from columns in Gen.Choose(ColumnRange.Least, ColumnRange.Most)
        from classes in Gen.Choose(1, 3)
        from weights in Gen.Elements(weightModes ?? [WeightMode.None, WeightMode.None, WeightMode.Integer, WeightMode.Real])
        from isDegenerate in degenerate is { } d ? Gen.Constant(d) : Gen.Elements(false, false, true)
        from components in Gen.Choose(1, 4)
        from strategy in Gen.Choose(0, Generators.Strategies.Length - 1)
        from initializationSeed in Generators.Seed64
        from policy in Gen.Choose(0, 2)
        from hasPrior in prior is { } p ? Gen.Constant(p) : Gen.Elements(false, true)
        select new TSpec
        {
            DataSeed = dataSeed, Rows = rows, Columns = columns, Classes = classes, Weights = weights, Degenerate = isDegenerate,
            Components = components, Strategy = strategy, InitializationSeed = initializationSeed, Policy = policy, Prior = hasPrior,
        };

    /// <summary>The built cases of <see cref="Specs"/>.</summary>
    protected Gen<DiscreteCase<TComponent, TStatistics>> Cases(WeightMode[]? weightModes = null, bool? prior = null, bool? degenerate = null) =>
        Specs(weightModes, prior, degenerate).Select(spec => spec.Build());

    /// <summary>
    /// The property over <paramref name="cases"/>, counting in <see cref="started"/> the cases that got a
    /// start (the rest failed initialization legitimately: fewer distinct rows than components);
    /// <paramref name="atEnd"/>, if any, runs after the last case.
    /// </summary>
    private Property CheckCases(
        Gen<DiscreteCase<TComponent, TStatistics>> cases,
        Action<DiscreteCase<TComponent, TStatistics>, Mixture<TComponent>> property,
        Action? atEnd = null,
        [CallerMemberName] string test = "")
    {
        return run.ForAll(this, cases, testCase =>
        {
            var start = testCase.Start();
            if (start.IsLeft)
            {
                var error = start.ExpectLeft();
                // Only "too few distinct rows" (binary and count data repeat rows) or a collapsed first
                // M-step are acceptable, never a numerical failure.
                Assert.True(error.Code is ErrorCodes.InvalidInput or ErrorCodes.EmptyComponent, $"{testCase}: {error.Message}");
                if (error.Code == ErrorCodes.InvalidInput) Assert.Contains("distinct row", error.Message);
                return;
            }
            started++;
            property(testCase, start.Expect());
        }, atEnd ?? (() => { }), test);
    }

    [SeededProperty(60)]
    public Property ResponsibilitiesAreDistributions()
    {
        return CheckCases(Cases(), (testCase, start) =>
        {
            DiscreteLaws.AssertResponsibilitiesAreDistributions(testCase.Family, testCase.Data, start, $"{testCase} at the start");
            var (states, _) = FamilyTestSupport.Run(testCase.Family, testCase.Data, start, 5, testCase.Weights);
            if (states.Count > 0)
                DiscreteLaws.AssertResponsibilitiesAreDistributions(testCase.Family, testCase.Data, states[^1].Mixture, $"{testCase} after {states.Count} steps");
        }, atEnd: () => Assert.True(started >= 30, $"only {started} of 60 cases could start"));
    }

    [SeededProperty(80)]
    public Property LogPosteriorNeverDecreases()
    {
        return CheckCases(Cases(), (testCase, start) =>
        {
            var (states, error) = FamilyTestSupport.Run(testCase.Family, testCase.Data, start, 40, testCase.Weights);
            // A component may legitimately collapse (EmptyComponent); nothing else may end a run.
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            DiscreteLaws.AssertNeverDecreases(states, testCase.ToString());
            if (states.Count >= 20) longRuns++;
        }, atEnd: () =>
        {
            output.WriteLine($"{started} cases started, {longRuns} ran at least 20 steps");
            Assert.True(longRuns >= started / 2, $"only {longRuns} of {started} runs reached 20 steps");
        });
    }

    [SeededProperty(100)]
    public Property StatisticsAreAMonoid()
    {
        var parts =
            from columns in MonoidColumnsGenerator
            from integer in Gen.Elements(true, false)
            from seeds in Generators.Seed.ArrayOf(3)
            select (columns, integer, seeds);
        return Prop.ForAll(Arb.From(parts), testCase =>
        {
            var (columns, integer, seeds) = testCase;
            var d = columns.Dimensions;
            (double[], double[]) Part(int seed)
            {
                var random = new Random(seed);
                var rows = random.Next(0, 12);
                var values = Enumerable.Range(0, rows * d).Select(i => columns.Draw(random, i)).ToArray();
                var weights = Enumerable.Range(0, rows).Select(_ => integer ? random.Next(0, 4) : random.Next(5) == 0 ? 0 : 3 * random.NextDouble()).ToArray();
                return (values, weights);
            }
            DiscreteLaws.AssertMonoid(columns.Family, d, Part(seeds[0]), Part(seeds[1]), Part(seeds[2]), Flatten, exact: integer);
        });
    }

    [SeededProperty(40)]
    public Property IntegerWeightsEqualDuplicatedRows()
    {
        return CheckCases(Cases([WeightMode.Integer]), (testCase, start) =>
            DiscreteLaws.AssertIntegerWeightsEqualDuplicatedRows(testCase.Family, testCase.Data, start, Parameters, 6, testCase.ToString()));
    }

    [SeededProperty(60)]
    public Property OneComponentGivesTheClosedFormEstimateInOneStep()
    {
        return Prop.ForAll(Arb.From(Specs()), spec =>
        {
            var testCase = (spec with { Components = 1 }).Build();
            var (family, data) = (testCase.Family, testCase.Data);
            var start = new Mixture<TComponent>(Prelude.Array(1.0).ToArr(), Prelude.Array(family.CenteredAt(data.Row(0))).ToArr());
            var state = Em.Step(family, data, EmState<TComponent>.Initial(start)).Expect(spec.ToString());
            Assert.Equal(1.0, state.Mixture.Weights[0]);
            var expected = ClosedForm(spec, testCase);
            TestSupport.AssertClose(expected, Parameters(state.Mixture.Components[0]), 1e-13, $"{spec}: p");
            // A fixed point: the next step returns the same estimate.
            var next = Em.Step(family, data, state).Expect(spec.ToString());
            TestSupport.AssertClose(expected, Parameters(next.Mixture.Components[0]), 1e-13, $"{spec}: p after a second step");
        });
    }

    /// <summary>
    /// The body of each family's degenerate-data law: maximum-likelihood runs and fits of degenerate
    /// cases end only by a collapsed component, keep every mean log-likelihood finite and every
    /// component valid (<paramref name="assertValid"/>: its probabilities on or inside the floor), and
    /// fitted probabilities have finite logarithms; at least 20 of the 60 fits must succeed.
    /// </summary>
    protected Property CheckMaximumLikelihoodFitsOfDegenerateCases(
        Action<DiscreteCase<TComponent, TStatistics>, TComponent> assertValid, [CallerMemberName] string test = "")
    {
        return CheckCases(Cases(prior: false, degenerate: true), (testCase, start) =>
        {
            var (states, error) = FamilyTestSupport.Run(testCase.Family, testCase.Data, start, 30, testCase.Weights);
            if (error is { } e) Assert.True(e.Code == ErrorCodes.EmptyComponent, $"{testCase}: {e.Message}");
            foreach (var state in states)
            {
                Assert.True(double.IsFinite(state.MeanLogLikelihood), $"{testCase}: mean log-likelihood {state.MeanLogLikelihood}");
                foreach (var component in state.Mixture.Components) assertValid(testCase, component);
            }
            var fit = Fitting.Fit(testCase.Family, testCase.Data, testCase.Components, new EmOptions(Convergence.StoppingRule.Default(1e-6, 60), testCase.Initialization, 2, testCase.InitializationSeed));
            fit.IfRight(result =>
            {
                fits++;
                Assert.True(double.IsFinite(result.LogLikelihood), $"{testCase}: fitted log-likelihood {result.LogLikelihood}");
                foreach (var component in result.Mixture.Components) DiscreteLaws.AssertFinite(Parameters(component).Select(p => Math.Log(p)), $"{testCase}: log p");
            });
        }, atEnd: () => Assert.True(fits >= 20, $"only {fits} fits succeeded"), test);
    }
}
