using System.Globalization;
using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Initialization;
using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core.Tests;

/// <summary>
/// The hierarchical start (<see cref="InitializationStrategy.Hierarchical"/>): its tree is mclust's (the
/// partitions of <c>hclass(hc(x), K)</c>, tests/data/reference/hc, agree), it is deterministic, it keeps
/// identical rows together, and it starts a fit like any other strategy.
/// </summary>
public sealed class HierarchicalInitializationTests
{
    private static double[][] Read(string name) =>
        [.. File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", name)).Skip(1)
            .Select(line => line.Split(',').Select(field => double.Parse(field, CultureInfo.InvariantCulture)).ToArray())];

    private static Dataset Data(double[][] rows) => Dataset.FromRows(rows).Match(Succ: d => d, Fail: _ => throw new InvalidOperationException());

    private static int[] Labels(Dataset data, int components) =>
        HierarchicalAgglomeration.Labels(data, components).Match(Right: labels => labels, Left: error => throw new InvalidOperationException(error.Message));

    /// <summary>How many rows must change cluster to turn one partition into the other (0: the same partition).</summary>
    private static int Disagreement(int[] ours, int[] theirs)
    {
        var pairs = ours.Zip(theirs).GroupBy(pair => pair).ToDictionary(group => group.Key, group => group.Count());
        // Each of our clusters matched to the reference cluster it shares most rows with.
        var agreeing = ours.Distinct().Sum(label => pairs.Where(p => p.Key.Item1 == label).Max(p => p.Value));
        return ours.Length - agreeing;
    }

    [Theory]
    [InlineData("synthetic", 2)]
    [InlineData("synthetic", 3)]
    [InlineData("synthetic", 4)]
    [InlineData("synthetic", 5)]
    [InlineData("synthetic", 7)]
    [InlineData("synthetic", 9)]
    [InlineData("iris", 2)]
    [InlineData("iris", 3)]
    [InlineData("iris", 4)]
    [InlineData("iris", 6)]
    [InlineData("iris", 9)]
    public void The_partition_is_mclusts(string name, int components)
    {
        var reference = Read($"reference/hc/{name}-hc.csv").Select(row => (int)row[components - 2]).ToArray();
        var ours = Labels(Data(Read(name == "iris" ? "iris.csv" : $"reference/hc/{name}.csv")), components);
        Assert.Equal(components, ours.Distinct().Count());
        Assert.Equal(0, Disagreement(ours, reference));
    }

    [Fact]
    public void Identical_rows_share_a_cluster_and_K_equal_to_the_distinct_rows_separates_them()
    {
        double[][] rows = [[0, 0], [5, 5], [0, 0], [9, 1], [5, 5], [0, 0], [2, 7]];
        var labels = Labels(Data(rows), 4);
        Assert.Equal(labels[0], labels[2]);
        Assert.Equal(labels[0], labels[5]);
        Assert.Equal(labels[1], labels[4]);
        Assert.Equal(4, labels.Distinct().Count());
        Assert.True(Initializer.Initialize(new GaussianFamily(CovarianceKind.Full), Data(rows), 5, new InitializationStrategy.Hierarchical(), 0).IsLeft);
    }

    [Fact]
    public void Beyond_the_row_limit_a_fixed_subsample_grows_the_tree_and_every_row_is_labelled()
    {
        var random = RandomSource.Create(3);
        var rows = Enumerable.Range(0, HierarchicalAgglomeration.MaximumRows + 500)
            .Select(i => new[] { (i % 3) * 10 + random.NextGaussian(), (i % 3) * -6 + random.NextGaussian() }).ToArray();
        var data = Data(rows);
        var first = Labels(data, 3);
        // The same partition from a fresh copy of the data: the subsample does not depend on any seed.
        Assert.Equal(first, Labels(Data(rows), 3));
        Assert.Equal(rows.Length, first.Length);
        // Three well-separated clouds: each is (almost all) one cluster, whether its rows were in the tree or
        // not. The agglomeration itself may put a few of a cloud's far tail with a neighbour (9 of 833 here: the
        // tail across the clouds' common axis, which the whitening stretches), as mclust's hc can.
        var majorities = Enumerable.Range(0, 3).Select(c => Enumerable.Range(0, rows.Length).Where(i => i % 3 == c).GroupBy(i => first[i]).MaxBy(g => g.Count())!).ToArray();
        Assert.Equal(3, majorities.Select(g => g.Key).Distinct().Count());
        Assert.All(majorities, g => Assert.True(g.Count() >= 0.98 * rows.Length / 3, $"cluster {g.Key} holds {g.Count()} of its cloud's rows"));
    }

    [Fact]
    public void Rows_near_the_smallest_doubles_cluster_as_their_scaled_copies_do()
    {
        var random = RandomSource.Create(5);
        var rows = Enumerable.Range(0, 60).Select(i => new[] { (i % 2) * 8 + random.NextGaussian(), random.NextGaussian() }).ToArray();
        var tiny = rows.Select(row => row.Select(value => value * 1e-300).ToArray()).ToArray();
        Assert.Equal(Labels(Data(rows), 2), Labels(Data(tiny), 2));
    }

    [Fact]
    public void A_fit_started_from_the_tree_runs_like_any_other()
    {
        var data = Data(Read("iris.csv"));
        var fit = Fitting.Fit(new GaussianFamily(CovarianceKind.Full), data, 3, new EmOptions(StoppingRule.Default(1e-10, 1000), new InitializationStrategy.Hierarchical()));
        // mclust's VVV 3 on iris, from the same start: log-likelihood −180.19.
        Assert.Equal(-180.1858, fit.Match(Right: result => result.FinalState.MeanLogLikelihood * 150, Left: error => throw new InvalidOperationException(error.Message)), 2);
    }
}
