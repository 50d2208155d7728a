using EmFunctional.Core.Convergence;
using EmFunctional.Core.Families.Gaussian;
using EmFunctional.Core.Selection;
using FsCheck;
using FsCheck.Fluent;
using LanguageExt;
using static EmFunctional.Core.Tests.Selection.SelectionTestSupport;

namespace EmFunctional.Core.Tests;

/// <summary>
/// <see cref="Fitting.Run"/> and <see cref="SelectionGrid.Events"/>: the fit and the grid as lazy event
/// sequences. Their last event is exactly what <see cref="Fitting.Fit"/> and <see cref="SelectionGrid.Run"/>
/// return, every EM step appears once and in order, and nothing runs before enumeration.
/// </summary>
public class FitEventLaws
{
    [SeededProperty(40)]
    public Property Run_ends_with_the_fit_of_Fit_and_steps_through_every_restart_trace_in_order()
    {
        var gen =
            from scenario in Generators.Scenarios()
            from restarts in Gen.Choose(1, 3)
            select (scenario, restarts);
        return Prop.ForAll(Arb.From(gen), testCase =>
        {
            var (scenario, restarts) = testCase;
            var data = scenario.CreateData();
            var options = new EmOptions(StoppingRule.Default(1e-5, 40), scenario.Initialization, restarts, scenario.InitializationSeed);
            var events = Fitting.Run(scenario.Family, data, scenario.Components, options).ToList();
            var fit = Fitting.Fit(scenario.Family, data, scenario.Components, options);

            var completed = Assert.IsType<FitEvent<GaussianComponent>.Completed>(events[^1]);
            Assert.Single(events.OfType<FitEvent<GaussianComponent>.Completed>());
            Assert.Equal(fit.IsRight, completed.Result.IsRight);
            if (fit.IsRight)
            {
                var (expected, actual) = (fit.Expect("fit"), completed.Result.Expect("events"));
                TestSupport.AssertIdentical(expected.Mixture, actual.Mixture, "mixture");
                TestSupport.AssertIdentical(expected.LogLikelihood, actual.LogLikelihood, "log-likelihood");
                Assert.Equal(expected.BestRestart, actual.BestRestart);

                // The steps are the restarts' traces, restart by restart, each closed by its RestartEnded.
                var index = 0;
                foreach (var restart in expected.Restarts)
                {
                    foreach (var point in restart.Trace)
                    {
                        var step = Assert.IsType<FitEvent<GaussianComponent>.Stepped>(events[index++]);
                        Assert.Equal((restart.Index, restarts, point.Iteration), (step.Restart, step.Restarts, step.State.Iteration));
                        TestSupport.AssertIdentical(point.MeanLogLikelihood, step.State.MeanLogLikelihood, "step log-likelihood");
                    }
                    var ended = Assert.IsType<FitEvent<GaussianComponent>.RestartEnded>(events[index++]);
                    Assert.Equal(restart.Index, ended.Result.Index);
                }
                Assert.Equal(events.Count - 1, index);
            }
        });
    }

    [Fact]
    public void Run_does_nothing_until_enumerated_and_repeats_itself()
    {
        var data = Clusters();
        var family = new GaussianFamily(CovarianceKind.Full);
        var sequence = Fitting.Run(family, data, 2, Options());
        var first = sequence.OfType<FitEvent<GaussianComponent>.Stepped>().Select(step => step.State.MeanLogLikelihood).ToArray();
        var second = sequence.OfType<FitEvent<GaussianComponent>.Stepped>().Select(step => step.State.MeanLogLikelihood).ToArray();
        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Events_end_with_the_grid_of_Run_and_start_every_cell_once()
    {
        var data = Clusters();
        var components = Arr.create(1, 2, 3);
        var events = SelectionGrid.Events(data, components, GaussianKinds, Options()).Expect("grid").ToList();
        var grid = SelectionGrid.Run(data, components, GaussianKinds, Options()).Expect("grid");

        var completed = Assert.IsType<SelectionEvent<GaussianComponent>.Completed>(events[^1]);
        AssertIdentical(grid, completed.Result);
        var starts = events.OfType<SelectionEvent<GaussianComponent>.CellStarted>().ToArray();
        Assert.Equal(Enumerable.Range(0, grid.Cells.Count), starts.Select(start => start.Index));
        Assert.All(starts, start => Assert.Equal(grid.Cells[start.Index].Components, start.Components));
        foreach (var cell in grid.Cells)
        {
            var steps = events.OfType<SelectionEvent<GaussianComponent>.CellFitting>()
                .Where(fitting => fitting.Index == cell.Index && fitting.Event is FitEvent<GaussianComponent>.Stepped)
                .Count();
            var iterations = cell.Outcome.Match(Right: fit => fit.Fit.Restarts.Sum(restart => restart.Iterations), Left: _ => -1);
            Assert.Equal(iterations, steps);
        }
    }

    [Fact]
    public void An_invalid_grid_is_Left_before_any_enumeration()
    {
        Assert.True(SelectionGrid.Events(Clusters(), Arr<int>.Empty, GaussianKinds, Options()).IsLeft);
        var noRestarts = Fitting.Run(new GaussianFamily(CovarianceKind.Full), Clusters(), 2, Options(restarts: 0)).ToList();
        var completed = Assert.IsType<FitEvent<GaussianComponent>.Completed>(Assert.Single(noRestarts));
        Assert.True(completed.Result.IsLeft);
    }
}
