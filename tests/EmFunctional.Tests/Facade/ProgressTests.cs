namespace EmFunctional.Tests.Facade;

/// <summary>
/// The progress hooks of <see cref="FamilyMixtureOptions.Progress"/> and <see cref="ModelSelectionOptions.Progress"/>:
/// one report per EM iteration (and per cell start), matching the fit's own trace, and never a change to
/// the result.
/// </summary>
public sealed class ProgressTests
{
    [Fact]
    public void A_fit_with_progress_is_bit_identical_and_reports_every_iteration_of_every_restart()
    {
        var rows = FacadeData.Faithful;
        var options = new FamilyMixtureOptions { Family = FamilyChoice.Gaussian, Restarts = 4, Seed = 11, Initialization = InitializationMethod.RandomFromData };
        var reports = new List<FitProgress>();
        var without = FamilyMixture.Fit(rows, 3, options);
        var with = FamilyMixture.Fit(rows, 3, options with { Progress = new Recorder<FitProgress>(reports) });

        Assert.Equal(without.LogLikelihood, with.LogLikelihood);
        Assert.Equal(without.Weights.ToArray(), with.Weights.ToArray());
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(without.Means[k].ToArray(), with.Means[k].ToArray());
            for (var i = 0; i < 2; i++) Assert.Equal(without.Covariances[k][i].ToArray(), with.Covariances[k][i].ToArray());
        }
        Assert.Equal(without.BestRestart, with.BestRestart);

        // The reports are the restarts' traces, in order.
        var expected = with.Restarts.SelectMany(restart => restart.Trace.Select(point => new FitProgress(restart.Index, 4, point.Number, point.MeanLogLikelihood))).ToArray();
        Assert.Equal(expected, reports);
    }

    [Fact]
    public void A_Gaussian_fit_with_progress_is_bit_identical_from_a_start_or_from_given_parameters()
    {
        var rows = FacadeData.Faithful;
        var options = new GaussianMixtureOptions { Restarts = 2, Covariance = CovarianceType.Tied };
        var reports = new List<FitProgress>();
        var without = GaussianMixture.Fit(rows, 2, options);
        var with = GaussianMixture.Fit(rows, 2, options with { Progress = new Recorder<FitProgress>(reports) });
        Assert.Equal(without.Parameters, with.Parameters);
        Assert.Equal(without.LogLikelihood, with.LogLikelihood);
        Assert.Equal(with.Restarts.Sum(restart => restart.Iterations), reports.Count);

        var given = options with { InitialParameters = without.Parameters, Restarts = 1 };
        reports.Clear();
        var fromGiven = GaussianMixture.Fit(rows, 2, given with { Progress = new Recorder<FitProgress>(reports) });
        Assert.Equal(GaussianMixture.Fit(rows, 2, given).Parameters, fromGiven.Parameters);
        Assert.Equal(fromGiven.Iterations, reports.Count);
        Assert.All(reports, report => Assert.Equal((0, 1), (report.Restart, report.Restarts)));
    }

    [Fact]
    public void A_grid_with_progress_is_bit_identical_and_reports_each_cell_and_iteration()
    {
        var rows = FacadeData.Faithful;
        var options = new ModelSelectionOptions { Components = [1, 2, 3], Covariances = [CovarianceType.Full, CovarianceType.Spherical], Restarts = 2 };
        var reports = new List<SelectionProgress>();
        var without = ModelSelection.Run(rows, options);
        var with = ModelSelection.Run(rows, options with { Progress = new Recorder<SelectionProgress>(reports) });

        Assert.Equal(without.Cells.Select(cell => cell.Bic), with.Cells.Select(cell => cell.Bic));
        Assert.Equal(without.Cells.Select(cell => cell.LogLikelihood), with.Cells.Select(cell => cell.LogLikelihood));
        Assert.Equal(without.Best!.Index, with.Best!.Index);

        var starts = reports.Where(report => report.Fit is null).ToArray();
        Assert.Equal(Enumerable.Range(0, 6), starts.Select(report => report.Cell));
        Assert.All(reports, report => Assert.Equal(6, report.Cells));
        foreach (var cell in with.Cells)
        {
            var steps = reports.Where(report => report.Cell == cell.Index && report.Fit is not null).ToArray();
            Assert.All(steps, step => Assert.Equal((cell.Components, cell.Covariance), (step.Components, step.Covariance)));
            Assert.Equal(cell.Model!.Restarts.Sum(restart => restart.Iterations), steps.Length);
        }
    }

    /// <summary>Records every report, synchronously (unlike <see cref="Progress{T}"/>, which posts them).</summary>
    private sealed class Recorder<T>(List<T> reports) : IProgress<T>
    {
        public void Report(T value) => reports.Add(value);
    }
}
