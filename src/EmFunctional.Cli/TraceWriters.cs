using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>Where <see cref="TraceCommand"/> sends each event of a trace, as it happens.</summary>
internal interface ITraceWriter
{
    /// <summary>Before the first restart: what is traced.</summary>
    void Start(CsvData data, IReadOnlyList<ColumnFamily> families, FitSettings settings);

    /// <summary>Restart <paramref name="restart"/> (0-based) of <paramref name="restarts"/> begins.</summary>
    void StartRestart(int restart, int restarts);

    /// <summary>One iteration, written and flushed at once.</summary>
    void Iteration(Iteration iteration);

    /// <summary>The restart's last iteration was <paramref name="last"/>, and <c>em fit</c> stops there because of <paramref name="reason"/>.</summary>
    void EndRestart(Iteration last, StopReason reason);

    /// <summary>The restart failed after <paramref name="iterations"/> iterations.</summary>
    void FailedRestart(int restart, int iterations, string error);
}

/// <summary>
/// The text trace: a heading, then per restart an aligned table written line by line (a table renderer
/// would wait for the last row) and a closing line saying why the restart stopped.
/// </summary>
internal sealed class TextTraceWriter(TextWriter output) : ITraceWriter
{
    private FitSettings? _settings;

    public void Start(CsvData data, IReadOnlyList<ColumnFamily> families, FitSettings settings)
    {
        _settings = settings;
        Write($"EM trace on {data.SourceName}: {data.RowCount} rows, {data.ColumnCount} column{(data.ColumnCount == 1 ? "" : "s")} ({string.Join(", ", data.Columns)})");
        if (data.SkippedRowsNote() is { } skipped) Write($"Skipped:  {skipped}");
        Write($"Model:    {Plots.FitPlotText.Title(settings, families)}{(settings.UsesPriors ? ", MAP (priors)" : "")}");
        Write($"Settings: {settings.Em.StartOptions}");
        Write($"          {settings.Em.StopOptions}");
        // With priors EM climbs the log-posterior, so that is what the change column measures.
        Write($"Each line: the mean log-likelihood per row of the parameters entering the iteration, its change{(settings.UsesPriors ? " (of the mean log-posterior)" : "")} and the weights the iteration produced.");
    }

    public void StartRestart(int restart, int restarts)
    {
        Write("");
        Write($"Restart {restart + 1} of {restarts}");
        Write($"{"iteration",11}  {"mean log-likelihood",20}  {"change",11}  weights");
    }

    public void Iteration(Iteration iteration)
    {
        var change = iteration.Change is { } value ? value.ToString("+0.000e+00;-0.000e+00;0", CultureInfo.InvariantCulture) : "-";
        var weights = string.Join(" ", iteration.Weights.Select(weight => weight.ToString("F4", CultureInfo.InvariantCulture)));
        Write($"{iteration.Number,11}  {LogLikelihood(iteration.MeanLogLikelihood),20}  {change,11}  {weights}");
    }

    public void EndRestart(Iteration last, StopReason reason)
    {
        var settings = _settings!;
        var what = reason is StopReason.LogLikelihoodConverged or StopReason.ResponsibilitiesConverged ? "converged" : "stopped";
        Write($"Restart {last.Restart + 1} {what} after {last.Number} iteration{(last.Number == 1 ? "" : "s")}: {CliSpellings.Description(reason, settings.Em.Tolerance, settings.Em.MaxIterations)}");
    }

    public void FailedRestart(int restart, int iterations, string error) =>
        Write($"Restart {restart + 1} failed after {iterations} iteration{(iterations == 1 ? "" : "s")}: {error}");

    /// <summary>Fixed decimals, so that successive values line up digit under digit and the convergence shows.</summary>
    private static string LogLikelihood(double value) =>
        Math.Abs(value) < 1e7 ? value.ToString("F6", CultureInfo.InvariantCulture) : value.ToString("0.000000e+00", CultureInfo.InvariantCulture);

    private void Write(string line)
    {
        output.Write(line + "\n");
        output.Flush();
    }
}

/// <summary>
/// The JSON-lines trace: one compact object per line and nothing else, so <c>jq</c> or any JSON-lines
/// reader can follow it as it grows (each written by <see cref="JsonOutput.Line"/>). Numbers are
/// round-trip exact: the values are the facade's.
/// </summary>
internal sealed class JsonTraceWriter(TextWriter output) : ITraceWriter
{
    public void Start(CsvData data, IReadOnlyList<ColumnFamily> families, FitSettings settings)
    {
        // Every line is an iteration (or a failed restart): a heading line would make readers special-case it.
    }

    public void StartRestart(int restart, int restarts)
    {
    }

    public void Iteration(Iteration iteration) => Write(JsonOutput.Line(new JsonTraceIteration(
        iteration.Restart,
        iteration.Number,
        iteration.MeanLogLikelihood,
        iteration.Change,
        iteration.Weights,
        iteration.StopReason is { } reason ? CliSpellings.Word(reason) : null), CliJsonContext.Default.JsonTraceIteration));

    public void EndRestart(Iteration last, StopReason reason)
    {
        // The last iteration's line already carries its stop reason.
    }

    public void FailedRestart(int restart, int iterations, string error) => Write(JsonOutput.Line(new JsonTraceFailure(restart, iterations, error), CliJsonContext.Default.JsonTraceFailure));

    private void Write(string line)
    {
        output.Write(line);
        output.Flush();
    }
}

/// <summary>One iteration as a JSON line.</summary>
/// <param name="Restart">0-based, as <c>restarts[].index</c> in <c>em fit --format json</c>.</param>
/// <param name="Iteration">1 for the first.</param>
/// <param name="MeanLogLikelihood">Of the parameters entering the iteration.</param>
/// <param name="Change">Null on the first iteration.</param>
/// <param name="Weights">Produced by the iteration.</param>
/// <param name="StopReason">Set on the restart's last iteration: why <c>em fit</c> stops there.</param>
internal sealed record JsonTraceIteration(int Restart, int Iteration, double MeanLogLikelihood, double? Change, IReadOnlyList<double> Weights, string? StopReason);

/// <summary>A restart that failed, as a JSON line.</summary>
internal sealed record JsonTraceFailure(int Restart, int Iterations, string Error);
