using Spectre.Console;

namespace EmFunctional.Cli;

/// <summary>
/// The live progress line of <c>em fit</c> and <c>em select</c>: a Spectre.Console status line on stderr,
/// only on an interactive terminal (<see cref="TerminalOutput.Progress"/>), only for text output, and only
/// once the work has taken longer than <see cref="Delay"/>, so quick runs and every redirected or JSON run
/// print nothing extra. The work runs on its own thread and reports to the facade's progress hook; this
/// thread redraws the latest report a few times a second. The result is the same either way: the hook only
/// observes.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Work shorter than this shows no progress at all: a flicker would only distract.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Runs <paramref name="work"/>, giving it a progress hook when a progress line may be shown (null
    /// otherwise), and returns its result; an exception from the work is rethrown as it is.
    /// </summary>
    /// <param name="terminal">Where the line may go.</param>
    /// <param name="format">No progress with JSON: the run is for a program.</param>
    /// <param name="work">The fit or grid, given the hook to pass to the facade's options.</param>
    /// <param name="describe">The line for the latest report.</param>
    public static T Run<TReport, T>(TerminalOutput terminal, OutputFormat format, Func<IProgress<TReport>?, T> work, Func<TReport, string> describe)
        where TReport : class
    {
        if (terminal.Progress is not { } output || !terminal.IsInteractiveTerminal || format != OutputFormat.Text)
            return work(null);
        var latest = new LatestReport<TReport>();
        var task = Task.Factory.StartNew(() => work(latest), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        // Waiting on the handle, not the task: Task.Wait would throw an AggregateException on failure.
        var waitHandle = ((IAsyncResult)task).AsyncWaitHandle;
        if (!waitHandle.WaitOne(Delay))
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.Yes,
                Out = new AnsiConsoleOutput(output),
            });
            console.Status()
                .Spinner(Spinner.Known.Dots)
                .Start("starting", context =>
                {
                    while (!waitHandle.WaitOne(RedrawInterval))
                        if (latest.Value is { } report) context.Status(Markup.Escape(describe(report)));
                });
        }
        return task.GetAwaiter().GetResult();
    }

    /// <summary>"restart 2 of 5 · iteration 37 · mean log-likelihood -4.15539".</summary>
    public static string Describe(FitProgress progress) =>
        $"restart {progress.Restart + 1} of {progress.Restarts} · iteration {progress.Iteration} · mean log-likelihood {NumberFormatting.Format(progress.MeanLogLikelihood)}";

    /// <summary>
    /// "cell 7 of 36 (K=2 tied) · restart 1 of 3 · iteration 12 · log-lik -4.15539": short enough for an
    /// 80-column terminal, where Spectre cuts a longer status off.
    /// </summary>
    public static string Describe(SelectionProgress progress)
    {
        var cell = $"cell {progress.Cell + 1} of {progress.Cells} (K={progress.Components} {CovarianceTypes.MclustName(progress.Covariance)})";
        return progress.Fit is { } fit
            ? $"{cell} · restart {fit.Restart + 1} of {fit.Restarts} · iteration {fit.Iteration} · log-lik {NumberFormatting.Format(fit.MeanLogLikelihood)}"
            : $"{cell} · starting";
    }

    /// <summary>A progress hook that keeps only the latest report, for the drawing thread to read.</summary>
    private sealed class LatestReport<TReport> : IProgress<TReport>
        where TReport : class
    {
        private TReport? _value;

        public TReport? Value => Volatile.Read(ref _value);

        public void Report(TReport value) => Volatile.Write(ref _value, value);
    }
}
