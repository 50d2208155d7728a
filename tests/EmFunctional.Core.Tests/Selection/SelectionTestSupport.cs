using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using EmFunctional.Core.Selection;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Tests.Selection;

/// <summary>Grids, options and a family that always fails, for the selection tests.</summary>
internal static class SelectionTestSupport
{
    public static readonly Arr<SelectionFamily<GaussianComponent, GaussianStatistics>> GaussianKinds =
        Generators.Kinds.Select(kind => Gaussian(kind)).ToArr();

    public static SelectionFamily<GaussianComponent, GaussianStatistics> Gaussian(CovarianceKind kind, double regularization = 1e-6) =>
        new(kind.ToString(), _ => new GaussianFamily(kind, regularization));

    public static EmOptions Options(int restarts = 2, ulong seed = 7) =>
        new(StoppingRule.Default(1e-4, 200), new InitializationStrategy.KMeansPlusPlus(), restarts, seed);

    /// <summary>Two or three well-separated 2-D clusters (deterministic in <paramref name="seed"/>).</summary>
    public static Dataset Clusters(int seed = 3, int rows = 90, double separation = 8)
    {
        var random = new Random(seed);
        var values = new double[rows * 2];
        for (var i = 0; i < rows; i++)
        {
            var cluster = i % 3;
            values[i * 2] = cluster * separation + Generators.Gaussian(random);
            values[i * 2 + 1] = (cluster == 1 ? separation : 0) + 0.5 * Generators.Gaussian(random);
        }
        return Generators.ToDataset(values, rows, 2);
    }

    public static void AssertIdentical(SelectionResult<GaussianComponent> expected, SelectionResult<GaussianComponent> actual)
    {
        Assert.Equal(expected.Cells.Count, actual.Cells.Count);
        Assert.Equal(expected.BestIndex, actual.BestIndex);
        for (var i = 0; i < expected.Cells.Count; i++)
        {
            var (e, a) = (expected.Cells[i], actual.Cells[i]);
            Assert.Equal((e.Index, e.Components, e.Label, e.FreeParameters, e.Seed, e.Succeeded), (a.Index, a.Components, a.Label, a.FreeParameters, a.Seed, a.Succeeded));
            e.Outcome.IfRight(ef =>
            {
                var af = a.Outcome.Expect("cell");
                TestSupport.AssertIdentical(ef.Fit.Mixture, af.Fit.Mixture, $"cell {i} mixture");
                TestSupport.AssertIdentical(ef.LogLikelihood, af.LogLikelihood, $"cell {i} log-likelihood");
                TestSupport.AssertIdentical(ef.Icl, af.Icl, $"cell {i} ICL");
            });
            e.Outcome.IfLeft(error => Assert.Equal(error.Message, a.Outcome.ExpectLeft("cell").Message));
        }
    }
}

/// <summary>
/// A Gaussian family whose M-step always fails: every restart of a cell using it fails, which is how
/// the grid must learn to report a failed cell instead of stopping. It is also a family the grid has never
/// heard of, plugged in through the same <see cref="SelectionFamily{TComponent,TStatistics}"/> contract.
/// </summary>
internal sealed record AlwaysFailingFamily(GaussianFamily Inner) : IComponentFamily<GaussianComponent, GaussianStatistics>
{
    public const string Message = "this family always fails (a test double)";

    public void LogDensities(GaussianComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output) =>
        Inner.LogDensities(component, block, dimensions, output);

    public GaussianStatistics Empty(int dimensions) => Inner.Empty(dimensions);

    public GaussianStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights) =>
        Inner.Summarize(block, dimensions, weights);

    public GaussianStatistics Combine(GaussianStatistics first, GaussianStatistics second) => Inner.Combine(first, second);

    public Either<Error, Arr<GaussianComponent>> Estimate(Arr<GaussianStatistics> statistics) =>
        Error.New(ErrorCodes.IllDefinedCovariance, Message);

    public double LogPrior(Arr<GaussianComponent> components) => Inner.LogPrior(components);

    public int FreeParameters(int components, int dimensions) => Inner.FreeParameters(components, dimensions);

    public GaussianComponent CenteredAt(ReadOnlySpan<double> center) => Inner.CenteredAt(center);

    public void Sample(GaussianComponent component, ref RandomSource random, Span<double> output) => Inner.Sample(component, ref random, output);
}
