namespace EmFunctional.Tests.Cli;

/// <summary>
/// Requests the tool cannot honour are refused up front, naming the option and the bound: an empty file
/// name, a time budget below the clock's resolution, a grid of more components than any data supports, a
/// sample larger than memory. Each ends in exit 2 with one line, never an internal error or a long silent run.
/// </summary>
public sealed class BoundsAndNamesTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("fit")]
    [InlineData("predict")]
    [InlineData("sample")]
    public void An_empty_output_name_is_named(string command)
    {
        var model = _files.Missing("m.json");
        Assert.Equal(0, CliRun.Of("fit", "--output", model).ExitCode);
        string[] args = command switch
        {
            "fit" => ["fit", "--output", ""],
            "predict" => ["predict", model, TestData.DataPath("faithful.csv"), "-o", " "],
            _ => ["sample", model, "-n", "3", "-o", ""],
        };
        Assert.Equal("em: --output: the file name is empty", CliRun.Of(args).SingleErrorLine());
    }

    [Theory]
    [InlineData("1e-9")]
    [InlineData("0.0009")]
    public void A_time_budget_below_a_millisecond_names_the_option(string seconds) =>
        Assert.StartsWith($"em: --max-seconds: {seconds} is out of range; it must be at least 0.001", CliRun.Of("fit", "--max-seconds", seconds).SingleErrorLine());

    [Fact]
    public void A_millisecond_budget_is_a_budget()
    {
        var json = CliRun.Of("fit", "--max-seconds", "0.001", "--tolerance", "0", "--max-iterations", "100000000", "--format", "json").Json();
        Assert.Equal("timeBudgetExhausted", json.GetProperty("stopReason").GetString());
    }

    [Theory]
    [InlineData("1..100000000", "\"1..100000000\" includes 100000000; a grid goes up to 1000 components")]
    [InlineData("2,5000", "\"5000\" includes 5000; a grid goes up to 1000 components")]
    public void A_grid_beyond_the_largest_component_count_is_refused_at_once(string components, string problem)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.StartsWith($"em: --components: {problem}", CliRun.Of("select", "--components", components).SingleErrorLine());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_sample_larger_than_memory_names_n_and_the_rows_that_fit()
    {
        var model = _files.Missing("m.json");
        Assert.Equal(0, CliRun.Of("fit", "--output", model).ExitCode);
        var line = CliRun.Of("sample", model, "-n", "2147483647", "-o", _files.Missing("s.csv")).SingleErrorLine();
        Assert.Matches(@"^em: -n: 2147483647 rows of 2 columns need 49151 MiB, more than the \d+ MiB a sample may use here; draw at most \d+ rows at a time", line);
        Assert.False(File.Exists(_files.Missing("s.csv")));
    }
}
