using System.Globalization;
using System.Xml.Linq;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>--plot</c> on <c>em fit</c> and <c>em select</c> and <c>--axes</c>, run in-process: the pictures are
/// well-formed SVG with the right elements in the right numbers and no NaN, the report is unchanged, and
/// every way the picture cannot be made is one line on stderr, exit code 2 and no file.
/// </summary>
public sealed class PlotTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("full", 3)]
    [InlineData("diag", 2)]
    [InlineData("spherical", 4)]
    [InlineData("tied", 3)]
    public void A_two_column_fit_draws_every_row_and_two_ellipses_and_a_mean_per_component(string covariance, int components)
    {
        var path = Output("fit.svg");
        var k = components.ToString(CultureInfo.InvariantCulture);
        var run = CliRun.Of("fit", "-k", k, "--covariance", covariance, "--labels", "--format", "json", "--plot", path);
        var json = run.Json();
        var svg = Parse(path);

        Assert.Equal(272, SvgElements.WithClass(svg, "circle", "point").Count());
        Assert.Equal(components, SvgElements.WithClass(svg, "ellipse", "ellipse-1sigma").Count());
        Assert.Equal(components, SvgElements.WithClass(svg, "ellipse", "ellipse-2sigma").Count());
        Assert.Equal(components, SvgElements.WithClass(svg, "path", "mean").Count());

        // Points are coloured by the labels the report gives.
        var labels = json.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();
        var colours = SvgElements.WithClass(svg, "circle", "point").Select(point => (string)point.Attribute("fill")!).ToArray();
        var colourOfLabel = labels.Zip(colours).Distinct().ToArray();
        Assert.Equal(labels.Distinct().Count(), colourOfLabel.Length);

        // The 2σ ellipse is the 1σ one scaled by two about the same centre.
        var one = SvgElements.WithClass(svg, "ellipse", "ellipse-1sigma").ToArray();
        var two = SvgElements.WithClass(svg, "ellipse", "ellipse-2sigma").ToArray();
        for (var c = 0; c < components; c++)
        {
            Assert.Equal(2 * Number(one[c], "rx"), Number(two[c], "rx"), 0.02);
            Assert.Equal(2 * Number(one[c], "ry"), Number(two[c], "ry"), 0.02);
            Assert.Equal(Number(one[c], "cx"), Number(two[c], "cx"));
        }
        Assert.Contains("eruptions", AllText(svg));
        Assert.Contains("waiting", AllText(svg));
    }

    [Fact]
    public void Ellipses_follow_the_covariance_in_pixel_space()
    {
        // Two round clusters far apart on x only: with spherical covariance each ellipse is a circle in data
        // units, so in pixels its semi-axes are in the ratio of the axes' pixels per unit.
        var csv = "x,y\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i =>
        {
            var angle = i * 0.7;
            var centre = i % 2 == 0 ? 0.0 : 20.0;
            return FormattableString.Invariant($"{centre + Math.Cos(angle) * (1 + i % 5 * 0.2)},{Math.Sin(angle) * (1 + i % 5 * 0.2)}");
        }));
        var file = _files.Write("round.csv", csv);
        var path = Output("round.svg");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", file, "--covariance", "spherical", "--plot", path).ExitCode);
        var svg = Parse(path);
        var ticks = SvgElements.WithClass(svg, "text", "tick-label").ToArray();
        var ellipse = SvgElements.WithClass(svg, "ellipse", "ellipse-1sigma").First();
        var (rx, ry) = (Number(ellipse, "rx"), Number(ellipse, "ry"));
        var xUnit = PixelsPerUnit(ticks, "x");
        var yUnit = PixelsPerUnit(ticks, "y");
        Assert.Equal(Math.Max(xUnit, yUnit) / Math.Min(xUnit, yUnit), Math.Max(rx, ry) / Math.Min(rx, ry), 0.02);
    }

    [Fact]
    public void One_column_draws_a_histogram_with_the_mixture_density_and_each_component()
    {
        var csv = "depth\n" + string.Join("\n", Enumerable.Range(0, 150).Select(i => (i % 3 == 0 ? 10 + i % 7 * 0.3 : 2 + i % 11 * 0.1).ToString(CultureInfo.InvariantCulture)));
        var file = _files.Write("depth.csv", csv);
        var path = Output("histogram.svg");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", file, "-k", "2", "--plot", path).ExitCode);
        var svg = Parse(path);
        var bars = SvgElements.WithClass(svg, "rect", "bar").ToArray();
        Assert.InRange(bars.Length, 5, 60);
        Assert.Single(SvgElements.WithClass(svg, "polyline", "mixture-density"));
        Assert.Equal(2, SvgElements.WithClass(svg, "polyline", "component-density").Count());
        Assert.Empty(SvgElements.WithClass(svg, "ellipse", "ellipse-1sigma"));
        Assert.Contains("depth", AllText(svg));

        // --axes with one name gives the histogram of that column of a two-column fit.
        var waiting = Output("waiting.svg");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", "-k", "3", "--plot", waiting, "--axes", "waiting").ExitCode);
        var marginal = Parse(waiting);
        Assert.Equal(3, SvgElements.WithClass(marginal, "polyline", "component-density").Count());
        Assert.Contains("waiting", SvgElements.WithClass(marginal, "text", "axis-title").Select(title => title.Value));
    }

    [Fact]
    public void Axes_choose_and_order_the_columns()
    {
        var path = Output("swapped.svg");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", "--plot", path, "--axes", "waiting,eruptions").ExitCode);
        var titles = SvgElements.WithClass(Parse(path), "text", "axis-title").Select(title => title.Value).ToArray();
        Assert.Equal(["waiting", "eruptions"], titles);
    }

    [Fact]
    public void The_report_is_the_same_with_and_without_a_plot()
    {
        var plain = CliRun.Of("fit", "-k", "3", "--format", "json");
        var plotted = CliRun.Of("fit", "-k", "3", "--format", "json", "--plot", Output("same.svg"));
        Assert.Equal(plain.Stdout, plotted.Stdout);
        Assert.Equal("", plotted.Stderr);
    }

    [Fact]
    public void A_bad_axes_column_is_one_line_exit_2_and_no_file()
    {
        var path = Output("bad-axes.svg");
        var line = CliRun.Of("fit", "--plot", path, "--axes", "eruptions,wating").SingleErrorLine();
        Assert.Contains("--axes", line);
        Assert.Contains("\"wating\"", line);
        Assert.Contains("waiting", line); // the columns it does have
        Assert.False(File.Exists(path));

        Assert.Contains("--axes", CliRun.Of("fit", "--plot", path, "--axes", "a,b,c").SingleErrorLine());
        Assert.Contains("twice", CliRun.Of("fit", "--plot", path, "--axes", "waiting,waiting").SingleErrorLine());
        Assert.Contains("--plot", CliRun.Of("fit", "--axes", "waiting").SingleErrorLine());
        Assert.Empty(Directory.GetFiles(_files.DirectoryPath));
    }

    [Fact]
    public void An_unwritable_plot_path_is_one_line_exit_2_and_leaves_no_file()
    {
        var inMissingDirectory = Path.Combine(_files.DirectoryPath, "no-such-directory", "fit.svg");
        var line = CliRun.Of("fit", "--plot", inMissingDirectory).SingleErrorLine();
        Assert.Contains("--plot", line);
        Assert.Contains("does not exist", line);

        Assert.Contains("is a directory", CliRun.Of("select", "-k", "1..2", "--plot", _files.DirectoryPath).SingleErrorLine());
        Assert.Contains("--plot", CliRun.Of("trace", "--plot", inMissingDirectory).SingleErrorLine());
        Assert.Contains("--plot", CliRun.Of("fit", "--plot", " ").SingleErrorLine());
        Assert.False(Directory.Exists(Path.GetDirectoryName(inMissingDirectory)));
        Assert.Empty(Directory.GetFileSystemEntries(_files.DirectoryPath));
    }

    [Fact]
    public void Columns_that_are_not_Gaussian_cannot_be_plotted()
    {
        var file = _files.Write("answers.csv", "a,b\n" + string.Join("\n", Enumerable.Range(0, 40).Select(i => $"{i % 2},{i / 3 % 2}")));
        var path = Output("answers.svg");
        var line = CliRun.Of("fit", file, "--family", "bernoulli", "--plot", path).SingleErrorLine();
        Assert.Contains("Gaussian", line);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_plot_replaces_an_existing_file_whole()
    {
        var path = Output("replace.svg");
        File.WriteAllText(path, "old");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", "--plot", path).ExitCode);
        Assert.StartsWith("<?xml", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_files.DirectoryPath));
    }

    [Fact]
    public void Select_draws_one_line_per_covariance_type_and_rings_the_best_cell()
    {
        var path = Output("bic.svg");
        var run = CliRun.Of("select", "-k", "1..5", "--covariance", "full,spherical,tied", "--format", "json", "--plot", path);
        var json = run.Json();
        var svg = Parse(path);
        Assert.Equal(3, SvgElements.WithClass(svg, "polyline", "covariance-line").Count());
        var succeeded = json.GetProperty("cells").EnumerateArray().Count(cell => cell.GetProperty("status").GetString() != "failed");
        Assert.Equal(succeeded, SvgElements.WithClass(svg, "circle", "cell").Count());
        Assert.Single(SvgElements.WithClass(svg, "circle", "best"));
        Assert.Contains("BIC", AllText(svg));
        Assert.Contains("number of components K", AllText(svg));
    }

    [Fact]
    public void Failed_cells_are_left_out_of_the_criterion_plot()
    {
        // Three distinct rows: K = 4 fails in every covariance type, K = 1 and 2 succeed.
        var file = _files.Write("tiny.csv", "x,y\n0,0\n1,0\n0,1\n0,0\n1,0\n0,1\n");
        var path = Output("tiny.svg");
        var run = CliRun.Of("select", file, "-k", "1,2,4", "--covariance", "spherical,diag", "--format", "json", "--plot", path);
        var json = run.Json();
        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        var succeeded = cells.Count(cell => cell.GetProperty("status").GetString() != "failed");
        Assert.True(succeeded < cells.Length, "some cell should have failed");
        var svg = Parse(path);
        Assert.Equal(succeeded, SvgElements.WithClass(svg, "circle", "cell").Count());
    }

    [Fact]
    public void Progress_is_silent_when_output_is_redirected()
    {
        // CliRun runs as a redirected process does: only the report on stdout, nothing on stderr.
        var run = CliRun.Of("select", "-k", "1..3", "--restarts", "2");
        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);

        // A terminal on stdout but not on stderr, or JSON output: no progress hook at all.
        var progress = new StringWriter();
        var interactive = new TerminalOutput(true, 100) { Progress = progress };
        IProgress<FitProgress>? given = new Progress<FitProgress>();
        ProgressDisplay.Run<FitProgress, int>(interactive, OutputFormat.Json, hook => { given = hook; return 0; }, ProgressDisplay.Describe);
        Assert.Null(given);
        given = new Progress<FitProgress>();
        ProgressDisplay.Run<FitProgress, int>(new TerminalOutput(true, 100), OutputFormat.Text, hook => { given = hook; return 0; }, ProgressDisplay.Describe);
        Assert.Null(given);

        // A quick run on a terminal: a hook, but nothing drawn.
        var result = ProgressDisplay.Run<FitProgress, int>(interactive, OutputFormat.Text, hook => { hook!.Report(new FitProgress(0, 1, 1, -4.2)); return 42; }, ProgressDisplay.Describe);
        Assert.Equal(42, result);
        Assert.Equal("", progress.ToString());
    }

    [Fact]
    public void Progress_is_drawn_on_a_terminal_once_the_work_takes_longer_than_a_second()
    {
        var progress = new StringWriter();
        var interactive = new TerminalOutput(true, 100) { Progress = progress };
        var result = ProgressDisplay.Run<FitProgress, string>(interactive, OutputFormat.Text, hook =>
        {
            for (var iteration = 1; iteration <= 20; iteration++)
            {
                hook!.Report(new FitProgress(1, 3, iteration, -4.25));
                Thread.Sleep(ProgressDisplay.Delay / 8);
            }
            return "done";
        }, ProgressDisplay.Describe);
        Assert.Equal("done", result);
        Assert.Contains("restart 2 of 3", progress.ToString());

        // An exception of the work comes out as itself.
        Assert.Throws<InvalidDataException>(() => ProgressDisplay.Run<FitProgress, int>(interactive, OutputFormat.Text, _ => throw new InvalidDataException("x"), ProgressDisplay.Describe));
    }

    private string Output(string name) => Path.Combine(_files.DirectoryPath, name);

    private static XDocument Parse(string path)
    {
        var text = File.ReadAllText(path);
        Assert.DoesNotContain("NaN", text);
        Assert.DoesNotContain("Infinity", text);
        var svg = XDocument.Parse(text);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        return svg;
    }

    private static string AllText(XDocument svg) => string.Join("\n", SvgElements.Tagged(svg, "text").Select(text => text.Value));

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>Pixels per data unit along an axis, from two of its tick labels and their positions.</summary>
    private static double PixelsPerUnit(XElement[] ticks, string axis)
    {
        // x tick labels are centred under their tick (anchor middle); y tick labels end at the axis (anchor end).
        var anchor = axis == "x" ? "middle" : "end";
        var position = axis == "x" ? "x" : "y";
        var labels = ticks.Where(tick => (string?)tick.Attribute("text-anchor") == anchor).Take(2).ToArray();
        var values = labels.Select(label => double.Parse(label.Value, CultureInfo.InvariantCulture)).ToArray();
        var pixels = labels.Select(label => Number(label, position)).ToArray();
        return Math.Abs((pixels[1] - pixels[0]) / (values[1] - values[0]));
    }
}
