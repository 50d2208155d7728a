using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Reliability;

/// <summary><c>--degenerate</c> and <c>--max-seconds</c> through the real tool: the events and the stop reason reach the reports.</summary>
public sealed class DegenerateAndBudgetCliTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Two stacks of identical rows and a cloud: with λ = 0 a component on a stack is ill-defined.</summary>
    private string Stacks() => _files.Write("stacks.csv", "a,b\n" + string.Join("\n",
        Enumerable.Repeat("0,0", 10).Concat(Enumerable.Repeat("5,5", 10))
            .Concat(Enumerable.Range(0, 20).Select(i => $"{10 + i % 5 * 0.3},{12 - i % 7 * 0.2}"))) + "\n");

    [Fact]
    public void The_default_policy_reports_its_events_in_json_and_text()
    {
        var path = Stacks();
        var json = CliRun.Of("fit", path, "-k", "3", "--regularization", "0", "--format", "json").Json();
        Assert.Equal("regularize", json.GetProperty("degenerate").GetString());
        var events = json.GetProperty("events");
        Assert.True(events.GetArrayLength() > 0);
        Assert.Equal("illDefinedCovariance", events[0].GetProperty("cause").GetString());
        Assert.Equal("regularize", events[0].GetProperty("action").GetString());

        var text = CliRun.Of("fit", path, "-k", "3", "--regularization", "0");
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Degenerate components", text.Stdout);
        Assert.Contains("regularization raised to", text.Stdout);
    }

    [Fact]
    public void The_error_policy_is_one_line_and_reinitialize_is_accepted()
    {
        var path = Stacks();
        Assert.Contains("the fit failed", CliRun.Of("fit", path, "-k", "3", "--regularization", "0", "--degenerate", "error").SingleErrorLine());
        Assert.Equal("reinitialize", CliRun.Of("fit", path, "-k", "3", "--degenerate", "reinitialize", "--format", "json").Json().GetProperty("degenerate").GetString());
        Assert.Contains("--degenerate", CliRun.Of("fit", path, "--degenerate", "ignore").SingleErrorLine());
    }

    [Fact]
    public void A_spent_time_budget_is_the_stop_reason_and_bad_budgets_are_refused()
    {
        var json = CliRun.Of("fit", "--tolerance", "0", "--max-iterations", "100000000", "--max-seconds", "0.3", "--format", "json").Json();
        Assert.Equal("timeBudgetExhausted", json.GetProperty("stopReason").GetString());
        Assert.False(json.GetProperty("converged").GetBoolean());
        Assert.Equal(0.3, json.GetProperty("maxSeconds").GetDouble());
        Assert.True(double.IsFinite(json.GetProperty("logLikelihood").GetDouble()));

        Assert.Contains("--max-seconds", CliRun.Of("fit", "--max-seconds", "0").SingleErrorLine());
        Assert.Contains("--max-seconds", CliRun.Of("fit", "--max-seconds", "soon").SingleErrorLine());
    }
}
