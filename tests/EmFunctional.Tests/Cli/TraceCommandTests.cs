using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using EmFunctional.Cli;
using EmFunctional.Tests.Facade;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em trace</c>, run in-process: one line per iteration, exactly the facade's iterations
/// (<c>FamilyMixture.Iterate</c>) up to where <c>em fit</c> stops, restart by restart, as text and as JSON
/// lines, and the trace picture.
/// </summary>
public sealed class TraceCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static readonly double[,] Bundled = CsvDataLoader.LoadBundled().Values;

    [Fact]
    public void Json_lines_are_the_facade_iterations_of_every_restart_up_to_the_stop()
    {
        var run = CliRun.Of("trace", "--restarts", "3", "--init", "random-from-data", "--seed", "5", "-k", "3", "--format", "json");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var objects = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();

        var options = new FamilyMixtureOptions { Family = FamilyChoice.Gaussian, Restarts = 3, Initialization = InitializationMethod.RandomFromData, Seed = 5 };
        var expected = Enumerable.Range(0, 3)
            .SelectMany(restart => FamilyIterateTests.UpToStop(FamilyMixture.Iterate(Bundled, 3, options, restart)))
            .ToArray();
        Assert.Equal(expected.Length, objects.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var json = objects[i];
            Assert.Equal(expected[i].Restart, json.GetProperty("restart").GetInt32());
            Assert.Equal(expected[i].Number, json.GetProperty("iteration").GetInt32());
            // Round-trip numbers: the very values of the facade.
            Assert.Equal(expected[i].MeanLogLikelihood, json.GetProperty("meanLogLikelihood").GetDouble());
            if (expected[i].Change is { } change) Assert.Equal(change, json.GetProperty("change").GetDouble());
            else Assert.Equal(JsonValueKind.Null, json.GetProperty("change").ValueKind);
            Assert.Equal(expected[i].Weights, json.GetProperty("weights").EnumerateArray().Select(weight => weight.GetDouble()));
            var stop = json.GetProperty("stopReason");
            Assert.Equal(expected[i].StopReason is null, stop.ValueKind == JsonValueKind.Null);
        }

        // And the numbers of iterations are those em fit reports for its restarts.
        var fit = CliRun.Of("fit", "--restarts", "3", "--init", "random-from-data", "--seed", "5", "-k", "3", "--format", "json").Json();
        var fitIterations = fit.GetProperty("restarts").EnumerateArray().Select(restart => restart.GetProperty("iterations").GetInt32()).ToArray();
        Assert.Equal(fitIterations, Enumerable.Range(0, 3).Select(restart => objects.Count(json => json.GetProperty("restart").GetInt32() == restart)));
    }

    [Fact]
    public void Text_has_one_line_per_iteration_with_the_facade_values()
    {
        var run = CliRun.Of("trace", "--restarts", "2", "--seed", "3");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);
        Assert.Contains("EM trace on faithful.csv", run.Stdout);

        var options = new FamilyMixtureOptions { Family = FamilyChoice.Gaussian, Restarts = 2, Seed = 3 };
        var lines = run.Stdout.Split('\n');
        for (var restart = 0; restart < 2; restart++)
        {
            var expected = FamilyIterateTests.UpToStop(FamilyMixture.Iterate(Bundled, 2, options, restart)).ToArray();
            var header = Array.IndexOf(lines, $"Restart {restart + 1} of 2");
            Assert.True(header >= 0, run.Stdout);
            var rows = lines.Skip(header + 2).TakeWhile(line => line.StartsWith(' ')).ToArray();
            Assert.Equal(expected.Length, rows.Length);
            for (var i = 0; i < rows.Length; i++)
            {
                var fields = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(expected[i].Number, int.Parse(fields[0], CultureInfo.InvariantCulture));
                Assert.Equal(expected[i].MeanLogLikelihood.ToString("F6", CultureInfo.InvariantCulture), fields[1]);
                Assert.Equal(i == 0 ? "-" : expected[i].Change!.Value.ToString("+0.000e+00;-0.000e+00;0", CultureInfo.InvariantCulture), fields[2]);
                Assert.Equal(expected[i].Weights.Select(weight => weight.ToString("F4", CultureInfo.InvariantCulture)), fields[3..]);
            }
            Assert.StartsWith($"Restart {restart + 1} converged after {expected.Length} iteration", lines[header + 2 + rows.Length]);
        }
    }

    [Fact]
    public void Each_line_is_written_and_flushed_as_it_happens()
    {
        var writer = new FlushCountingWriter();
        var exitCode = CliApp.Run(["trace", "--format", "json", "--tolerance", "0", "--max-iterations", "7"], writer, new StringWriter());
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(7, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        // One flush per line at least: a pipe reader sees each iteration when it is computed.
        Assert.True(writer.Flushes >= 7, $"{writer.Flushes} flushes");
        Assert.Equal(7, writer.LinesAtFlush.Distinct().Count(lines => lines > 0));
    }

    [Fact]
    public void The_plot_has_one_line_per_restart_with_one_point_per_iteration()
    {
        var path = Path.Combine(_files.DirectoryPath, "trace.svg");
        var run = CliRun.Of("trace", "--restarts", "3", "--init", "random-from-data", "--format", "json", "--plot", path);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var iterations = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("NaN", text);
        var svg = XDocument.Parse(text);
        Assert.Equal(3, SvgElements.WithClass(svg, "polyline", "restart").Count());
        Assert.Equal(iterations, SvgElements.WithClass(svg, "circle", "iteration").Count());
        Assert.Contains("restart 3", svg.Descendants().Where(element => element.Name.LocalName == "text").Select(element => element.Value));
        Assert.Empty(Directory.GetFiles(_files.DirectoryPath, "*.tmp"));
    }

    [Fact]
    public void A_failed_restart_is_reported_in_the_stream_and_the_next_one_runs()
    {
        // Two spread clusters and a dozen copies of one far point: without regularization, a restart
        // that puts a component on the copies collapses it; the others fit.
        var rows = Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{Math.Cos(i) * (1 + i % 4 * 0.3)},{Math.Sin(i * 1.3) * (1 + i % 3 * 0.4)}"))
            .Concat(Enumerable.Range(0, 30).Select(i => FormattableString.Invariant($"{6 + Math.Sin(i) * (1 + i % 5 * 0.2)},{6 + Math.Cos(i * 0.7) * (1 + i % 4 * 0.3)}")))
            .Concat(Enumerable.Repeat("30,30", 12));
        var file = _files.Write("copies.csv", "x,y\n" + string.Join("\n", rows) + "\n");
        string[] options = ["-k", "3", "--regularization", "0", "--degenerate", "error", "--restarts", "6", "--init", "random-from-data", "--seed", "0"];

        var fit = CliRun.Of(["fit", file, .. options, "--format", "json"]).Json();
        var fitRestarts = fit.GetProperty("restarts").EnumerateArray().ToArray();
        var failed = fitRestarts.Where(restart => restart.GetProperty("error").ValueKind == JsonValueKind.String).Select(restart => restart.GetProperty("index").GetInt32()).ToArray();
        Assert.NotEmpty(failed);
        Assert.True(failed.Length < fitRestarts.Length, "some restart should succeed");

        var run = CliRun.Of(["trace", file, .. options, "--format", "json"]);
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToArray();
        var errors = lines.Where(line => line.TryGetProperty("error", out _)).ToArray();
        Assert.Equal(failed, errors.Select(error => error.GetProperty("restart").GetInt32()));
        foreach (var restart in fitRestarts)
        {
            var index = restart.GetProperty("index").GetInt32();
            var iterations = lines.Count(line => line.TryGetProperty("iteration", out _) && line.GetProperty("restart").GetInt32() == index);
            Assert.Equal(restart.GetProperty("iterations").GetInt32(), iterations);
        }

        var text = CliRun.Of(["trace", file, .. options]);
        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Contains($"Restart {failed[0] + 1} failed after ", text.Stdout);
        Assert.Contains("ill-defined covariance", text.Stdout);
    }

    [Fact]
    public void When_every_restart_fails_the_stream_ends_with_one_error_line_and_exit_code_2()
    {
        var file = _files.Write("collapse.csv", "x,y\n" + string.Join("\n", Enumerable.Repeat("0,0", 20).Concat(Enumerable.Repeat("5,5", 20)).Append("1,2").Append("9,1")) + "\n");
        var run = CliRun.Of("trace", file, "-k", "3", "--regularization", "0", "--degenerate", "error", "--restarts", "2", "--init", "random-from-data");
        Assert.Equal(ExitCodes.BadInputOrFailedFit, run.ExitCode);
        Assert.Equal(2, run.Stdout.Split('\n').Count(line => line.Contains(" failed after ", StringComparison.Ordinal)));
        var error = Assert.Single(run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("em: ", error);
        Assert.Contains("collapse.csv", error);
    }

    [Fact]
    public void Bad_options_give_one_line_and_exit_code_2()
    {
        Assert.Contains("--components", CliRun.Of("trace", "-k", "0").SingleErrorLine());
        Assert.Contains("--format", CliRun.Of("trace", "--format", "xml").SingleErrorLine());
        Assert.Contains("--labels", CliRun.Of("trace", "--labels").SingleErrorLine());
        var missing = _files.Missing("none.csv");
        Assert.Contains("none.csv", CliRun.Of("trace", missing).SingleErrorLine());
    }

    /// <summary>Counts flushes and the number of complete lines written by each.</summary>
    private sealed class FlushCountingWriter : StringWriter
    {
        public int Flushes { get; private set; }

        public List<int> LinesAtFlush { get; } = [];

        public override void Flush()
        {
            Flushes++;
            LinesAtFlush.Add(ToString().Count(character => character == '\n'));
            base.Flush();
        }
    }
}

/// <summary>Finding the elements of a picture by tag and class.</summary>
internal static class SvgElements
{
    public static IEnumerable<XElement> WithClass(XDocument svg, string tag, string cssClass) =>
        svg.Descendants().Where(element => element.Name.LocalName == tag && (string?)element.Attribute("class") == cssClass);

    public static IEnumerable<XElement> Tagged(XDocument svg, string tag) =>
        svg.Descendants().Where(element => element.Name.LocalName == tag);
}
