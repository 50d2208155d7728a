using System.Globalization;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Selection;

/// <summary>The seed <c>em select</c> reports for its best cell lets <c>em fit</c> fit that model again, exactly.</summary>
public sealed class SelectSeedTests
{
    [Fact]
    public void Em_fit_with_the_best_cells_seed_reproduces_the_cell()
    {
        var grid = CliRun.Of("select", "--components", "1..4", "--restarts", "3", "--seed", "5", "--format", "json").Json();
        var best = grid.GetProperty("best");
        var k = best.GetProperty("components").GetInt32();
        var covariance = best.GetProperty("covariance").GetString()!;
        var seed = best.GetProperty("seed").GetInt64();
        var cell = grid.GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("components").GetInt32() == k && c.GetProperty("covariance").GetString() == covariance);
        Assert.Equal(seed, cell.GetProperty("seed").GetInt64());

        var fit = CliRun.Of("fit", "-k", k.ToString(CultureInfo.InvariantCulture), "--covariance", covariance, "--restarts", "3",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--format", "json").Json();

        Assert.Equal(cell.GetProperty("logLikelihood").GetDouble(), fit.GetProperty("logLikelihood").GetDouble());
    }
}
