using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Facade;

/// <summary>
/// mclust's hierarchical start is deterministic: no seed changes a fit that starts from it, on small data
/// and above the 2000-row limit (whose subsample is fixed), through the facade and <c>em fit --init hc</c>.
/// </summary>
public class HierarchicalStartTests
{
    [Fact]
    public void The_seed_does_not_change_a_hierarchical_fit()
    {
        var random = new Random(4);
        double[][] large = [.. Enumerable.Range(0, 2600).Select(i => new[] { (i % 3) * 4 + random.NextDouble() * 3, (i % 3) * -2 + random.NextDouble() * 3 })];
        foreach (var rows in new[] { FacadeData.Iris, large })
        {
            GaussianMixtureModel Fit(long seed) => GaussianMixture.Fit(rows, 3, new GaussianMixtureOptions { Initialization = InitializationMethod.Hierarchical, Seed = seed });
            var (a, b) = (Fit(1), Fit(987654321));
            Assert.Equal(a.LogLikelihood, b.LogLikelihood);
            Assert.Equal(a.Means.SelectMany(m => m), b.Means.SelectMany(m => m));
        }
        var first = CliRun.Of("fit", "-k", "3", "--init", "hc", "--seed", "0", "--format", "json").Json();
        var second = CliRun.Of("fit", "-k", "3", "--init", "hc", "--seed", "7", "--format", "json").Json();
        Assert.Equal(first.GetProperty("logLikelihood").GetDouble(), second.GetProperty("logLikelihood").GetDouble());
        Assert.Equal(first.GetProperty("means").GetRawText(), second.GetProperty("means").GetRawText());
    }
}
