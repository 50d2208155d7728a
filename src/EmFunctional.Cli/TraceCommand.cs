using EmFunctional.Cli.Plots;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em trace</c>: the learner's view of EM. Runs each restart of the fit <c>em fit</c> would make, from
/// the facade's lazy iteration sequence (<see cref="FamilyMixture.Iterate(double[,], int, FamilyMixtureOptions, int, double[], CancellationToken)"/>),
/// and writes each iteration the moment it is computed, up to the iteration where <c>em fit</c> stops.
/// </summary>
/// <remarks>
/// Unlike the other commands, output is streamed, which is the point: a restart that fails is reported
/// in the stream and the next one runs; only when every restart failed does the command end with the
/// usual one line on stderr and exit code 2, after the lines already written.
/// </remarks>
internal static class TraceCommand
{
    public static int Execute(FitSettings settings, TextWriter stdout, Interruption interruption)
    {
        OutputTargets.RefuseStdout("--plot", settings.Plot, "trace", "picture", "trace.svg");
        OutputTargets.RequireDistinct([("--plot", settings.Plot)], [("input file", settings.File)]);
        FitDataChecks.RequirePriorsAvailable(settings);
        var data = CsvDataLoader.Load(settings.File, settings.Input ?? CsvReadSettings.Default);
        FitCommand.RequireEnoughDistinctRows(data, settings.Components);
        var families = FitDataChecks.ColumnFamilies(data, settings.Family);
        FitDataChecks.RequireObservedColumns(data);
        FitDataChecks.RequireModelable(data, families);
        if (settings.Plot is { } plot) SvgFile.RequireWritable(plot, "--plot");

        var options = settings.ToOptions();
        ITraceWriter writer = settings.Format == OutputFormat.Json ? new JsonTraceWriter(stdout) : new TextTraceWriter(stdout);
        writer.Start(data, families, settings);
        var restarts = new List<IReadOnlyList<(int Iteration, double MeanLogLikelihood)>>();
        string? firstError = null;
        // A first signal ends the running restart at its state, marked cancelled, and no other starts.
        var succeeded = interruption.Stoppable(stop => Trace(data, settings, options, writer, restarts, ref firstError, stop));
        if (succeeded == 0)
            throw new UserInputException($"{EchoText.Path(data.SourceName)}: the fit failed: {firstError}");
        if (settings.Plot is not null && restarts.Any(points => points.Count > 0))
        {
            var title = $"EM trace: {FitPlotText.Title(settings, families)}";
            var subtitle = $"{data.SourceName}: {data.RowCount} rows; {settings.Em.StartOptions}";
            SvgFile.Write(settings.Plot, TracePlot.Render(title, subtitle, restarts), "--plot");
        }
        return ExitCodes.Success;
    }

    /// <summary>Writes every restart's iterations as they come; returns how many restarts ended with a state.</summary>
    private static int Trace(
        CsvData data, FitSettings settings, FamilyMixtureOptions options, ITraceWriter writer,
        List<IReadOnlyList<(int Iteration, double MeanLogLikelihood)>> restarts, ref string? firstError, CancellationToken stop)
    {
        var succeeded = 0;
        for (var restart = 0; restart < options.Restarts && !stop.IsCancellationRequested; restart++)
        {
            writer.StartRestart(restart, options.Restarts);
            var points = new List<(int, double)>();
            restarts.Add(points);
            try
            {
                foreach (var iteration in Iterations(data, settings, options, restart, stop))
                {
                    points.Add((iteration.Number, iteration.MeanLogLikelihood));
                    writer.Iteration(iteration);
                    if (iteration.StopReason is { } reason)
                    {
                        writer.EndRestart(iteration, reason);
                        succeeded++;
                        break;
                    }
                }
            }
            catch (EmFitException exception)
            {
                firstError ??= exception.Message;
                writer.FailedRestart(restart, points.Count, exception.Message);
            }
            catch (ArgumentException exception)
            {
                // The facade checks input when Iterate is called; what its initialization finds invalid
                // surfaces on enumeration. Either way it is the data or options, worded as em fit words it.
                throw FitDataChecks.Reworded(exception, data);
            }
        }
        return succeeded;
    }

    /// <summary>The facade's iterations of one restart; an invalid input is worded as <c>em fit</c> words it.</summary>
    private static IEnumerable<Iteration> Iterations(CsvData data, FitSettings settings, FamilyMixtureOptions options, int restart, CancellationToken stop)
    {
        try
        {
            return FamilyMixture.Iterate(data.Values, settings.Components, options, restart, cancellation: stop);
        }
        catch (ArgumentException exception)
        {
            throw FitDataChecks.Reworded(exception, data);
        }
    }
}
