using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using LanguageExt;
using static EmFunctional.Core.Tests.Selection.SelectionTestSupport;

namespace EmFunctional.Core.Tests.Selection;

/// <summary>
/// The selection grid: deterministic for a seed, cells independent of each other and reproducible on their
/// own, failed cells reported (never thrown, never stopping the grid), and the best cell chosen among
/// successful cells with the tie rule (lowest score, then fewer parameters, then grid order).
/// </summary>
public class SelectionGridLaws
{
    private static readonly Arr<int> OneToFour = Arr.create(1, 2, 3, 4);

    [Fact]
    public void The_same_seed_gives_the_same_grid_bit_for_bit()
    {
        var data = Clusters();
        var first = SelectionGrid.Run(data, OneToFour, GaussianKinds, Options()).Expect("grid");
        var second = SelectionGrid.Run(data, OneToFour, GaussianKinds, Options()).Expect("grid");

        AssertIdentical(first, second);
        Assert.Equal(16, first.Cells.Count);
        Assert.All(first.Cells, cell => Assert.True(cell.Succeeded));
    }

    [Fact]
    public void Cells_are_K_major_with_seeds_derived_from_the_seed_and_the_cell_index()
    {
        var result = SelectionGrid.Run(Clusters(), OneToFour, GaussianKinds, Options(seed: 11)).Expect("grid");

        for (var i = 0; i < result.Cells.Count; i++)
        {
            var cell = result.Cells[i];
            Assert.Equal(i, cell.Index);
            Assert.Equal(OneToFour[i / 4], cell.Components);
            Assert.Equal(GaussianKinds[i % 4].Label, cell.Label);
            Assert.Equal(SelectionGrid.CellSeed(11, i), cell.Seed);
            Assert.True(cell.Seed <= long.MaxValue, "cell seeds must also be valid signed seeds");
        }
        Assert.Equal(16, result.Cells.Map(cell => cell.Seed).Distinct().Count());
    }

    [Fact]
    public void A_cell_is_reproduced_by_Fitting_Fit_with_its_seed()
    {
        var data = Clusters();
        var options = Options(restarts: 3, seed: 5);
        var result = SelectionGrid.Run(data, OneToFour, GaussianKinds, options).Expect("grid");

        foreach (var cell in result.Cells)
        {
            var family = new GaussianFamily(Enum.Parse<CovarianceKind>(cell.Label));
            var alone = Fitting.Fit(family, data, cell.Components, options with { Seed = cell.Seed }).Expect("fit");
            var inGrid = cell.Outcome.Expect("cell");
            TestSupport.AssertIdentical(alone.LogLikelihood, inGrid.LogLikelihood, $"cell {cell.Index} log-likelihood");
            TestSupport.AssertIdentical(alone.Bic, inGrid.Bic, $"cell {cell.Index} BIC");
        }
    }

    [Fact]
    public void Different_seeds_can_give_different_fits_but_each_is_repeatable()
    {
        var data = Clusters(rows: 60, separation: 2.5);
        var a = SelectionGrid.Run(data, Arr.create(3, 4), GaussianKinds, Options(restarts: 1, seed: 1)).Expect("grid");
        var b = SelectionGrid.Run(data, Arr.create(3, 4), GaussianKinds, Options(restarts: 1, seed: 2)).Expect("grid");

        Assert.NotEqual(a.Cells.Map(cell => cell.Seed), b.Cells.Map(cell => cell.Seed));
        AssertIdentical(a, SelectionGrid.Run(data, Arr.create(3, 4), GaussianKinds, Options(restarts: 1, seed: 1)).Expect("grid"));
    }

    [Fact]
    public void Cells_with_more_components_than_distinct_rows_fail_and_the_rest_of_the_grid_goes_on()
    {
        // Three distinct rows, each repeated: K = 4 and 5 cannot start.
        var values = Enumerable.Range(0, 30).SelectMany(i => new[] { (double)(i % 3), (i % 3) * 2.0 + (i % 3 == 1 ? 1 : 0) }).ToArray();
        var data = Generators.ToDataset(values, 30, 2);

        var result = SelectionGrid.Run(data, Arr.create(1, 2, 3, 4, 5), Arr.create(Gaussian(CovarianceKind.Spherical, 1e-3)), Options()).Expect("grid");

        Assert.Equal(5, result.Cells.Count);
        foreach (var cell in result.Cells.Filter(cell => cell.Components >= 4))
        {
            var error = cell.Outcome.ExpectLeft("cell with K > distinct rows");
            Assert.Contains("only 3 distinct rows", error.Message);
            Assert.True(cell.Score(SelectionCriterion.Bic).IsNone);
            Assert.Equal(cell.Components - 1 + new GaussianFamily(CovarianceKind.Spherical).FreeParameters(cell.Components, 2), cell.FreeParameters);
        }
        Assert.All(result.Cells.Filter(cell => cell.Components <= 3), cell => Assert.True(cell.Succeeded, $"K={cell.Components}"));
        Assert.True(result.Best.Map(best => best.Components <= 3).IfNone(false));
    }

    [Fact]
    public void A_family_whose_every_restart_fails_gives_failed_cells_with_its_error_and_another_family_wins()
    {
        var failing = new SelectionFamily<GaussianComponent, GaussianStatistics>(
            "failing", _ => new AlwaysFailingFamily(new GaussianFamily(CovarianceKind.Full)));
        var result = SelectionGrid.Run(Clusters(), Arr.create(1, 2, 3), Arr.create(failing, Gaussian(CovarianceKind.Diagonal)), Options(restarts: 3)).Expect("grid");

        foreach (var cell in result.Cells.Filter(cell => cell.Label == "failing"))
            Assert.Equal(AlwaysFailingFamily.Message, cell.Outcome.ExpectLeft("failing cell").Message);
        Assert.All(result.Cells.Filter(cell => cell.Label != "failing"), cell => Assert.True(cell.Succeeded));
        Assert.Equal(Option<string>.Some("Diagonal"), result.Best.Map(best => best.Label));
    }

    [Fact]
    public void A_grid_in_which_every_cell_fails_has_no_best_cell_and_is_still_a_result()
    {
        var failing = new SelectionFamily<GaussianComponent, GaussianStatistics>(
            "failing", _ => new AlwaysFailingFamily(new GaussianFamily(CovarianceKind.Full)));
        var result = SelectionGrid.Run(Clusters(), Arr.create(1, 2), Arr.create(failing), Options()).Expect("grid");

        Assert.Equal(2, result.Cells.Count);
        Assert.True(result.BestIndex.IsNone);
        Assert.All(result.Cells, cell => Assert.False(cell.Succeeded));
    }

    [Fact]
    public void The_family_factory_is_called_with_each_K()
    {
        var seen = new List<int>();
        var recording = new SelectionFamily<GaussianComponent, GaussianStatistics>(
            "recording", k => { seen.Add(k); return new GaussianFamily(CovarianceKind.Spherical); });
        SelectionGrid.Run(Clusters(), Arr.create(2, 1, 3), Arr.create(recording), Options(restarts: 1)).Expect("grid");

        Assert.Equal([2, 1, 3], seen);
    }

    public static TheoryData<int[], string[], string> InvalidGrids => new()
    {
        { [], ["a"], "no component counts" },
        { [1, 2], [], "no families" },
        { [0, 1], ["a"], "at least 1" },
        { [2, 3, 2], ["a"], "twice" },
        { [1], ["a", "b", "a"], "\"a\" twice" },
    };

    [Theory]
    [MemberData(nameof(InvalidGrids))]
    public void An_invalid_grid_is_Left_with_a_message_naming_the_problem(int[] components, string[] labels, string fragment)
    {
        var families = labels.Select(label => Gaussian(CovarianceKind.Full) with { Label = label }).ToArr();
        var error = SelectionGrid.Run(Clusters(), components.ToArr(), families, Options()).ExpectLeft("invalid grid");
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void Zero_restarts_is_Left()
    {
        var error = SelectionGrid.Run(Clusters(), Arr.create(1), GaussianKinds, Options(restarts: 0)).ExpectLeft("restarts 0");
        Assert.Contains("restarts", error.Message);
    }

    [Fact]
    public void A_cancelled_grid_fails_the_cells_it_has_not_started()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var result = SelectionGrid.Run(Clusters(), OneToFour, GaussianKinds, Options(), cancellation: cancellation.Token).Expect("grid");

        Assert.All(result.Cells, cell => Assert.Contains("cancelled", cell.Outcome.ExpectLeft("cancelled cell").Message));
        Assert.True(result.BestIndex.IsNone);
    }

    [Fact]
    public void The_best_cell_minimizes_the_chosen_criterion_among_successful_cells()
    {
        var result = SelectionGrid.Run(Clusters(), OneToFour, GaussianKinds, Options()).Expect("grid");
        foreach (var criterion in new[] { SelectionCriterion.Bic, SelectionCriterion.Aic, SelectionCriterion.Icl })
        {
            var best = SelectionGrid.Best(result.Cells, criterion).Map(index => result.Cells[index]).IfNone(() => throw new Xunit.Sdk.XunitException("no best"));
            var lowest = result.Cells.Map(cell => cell.Score(criterion).IfNone(double.PositiveInfinity)).Min();
            TestSupport.AssertClose(lowest, best.Score(criterion).IfNone(double.NaN), SelectionGrid.TieTolerance, $"best {criterion}");
        }
        // Three well-separated clusters: BIC finds them.
        Assert.Equal(3, result.Best.Map(best => best.Components).IfNone(0));
    }
}
