using System.Diagnostics;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Outputs that are not plain new or old files (issue 12): a device (<c>/dev/null</c>) or a FIFO is written
/// directly and never replaced, after every regular output is in place; a symbolic link is written through (the
/// link stays a link, the file it ends at gets the content); <c>-</c> is stdout where stdout is free and refused
/// where it carries the report.
/// </summary>
public sealed class SpecialOutputTests : IDisposable
{
    private readonly TempCsvFiles _files = new();
    private readonly string _data;
    private readonly string _model;

    public SpecialOutputTests()
    {
        _data = _files.Write("data.csv", string.Join("\n", ["a,b", .. Enumerable.Range(0, 40).Select(i => $"{i % 7 * 0.5 + i % 2 * 6},{i % 5 * 0.3 - i % 2 * 4}")]) + "\n");
        _model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", _data, "-k", "2", "--output", _model).ExitCode);
    }

    public void Dispose()
    {
        _files.Dispose();
        AssertDevNullIsADevice();
    }

    private string In(string name) => Path.Combine(_files.DirectoryPath, name);

    private static void AssertDevNullIsADevice()
    {
        if (!OperatingSystem.IsLinux()) return;
        using var test = Process.Start("test", ["-c", "/dev/null"]);
        Assert.True(test.WaitForExit(10_000) && test.ExitCode == 0, "/dev/null is no longer a character device");
    }

    [Fact]
    public void Dev_null_is_written_and_stays_a_device()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.True(AtomicFile.Locate("/dev/null").Direct);
        var fit = CliRun.Of("fit", _data, "-k", "2", "--output", "/dev/null", "--plot", "/dev/null");
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        Assert.Equal(0, CliRun.Of("predict", _model, _data, "-o", "/dev/null").ExitCode);
        Assert.Equal(0, CliRun.Of("sample", _model, "-n", "5", "-o", "/dev/null").ExitCode);
        Assert.Equal(0, CliRun.Of("select", _data, "--components", "1..2", "--restarts", "1", "--plot", "/dev/null").ExitCode);
        Assert.Equal(0, CliRun.Of("trace", _data, "-k", "2", "--plot", "/dev/null").ExitCode);
        FittedModel.Save(FittedModel.Load(_model).Model, "/dev/null");
        AssertDevNullIsADevice();
        Assert.Empty(Directory.GetFiles("/dev", ".null.*.tmp"));
    }

    [Fact]
    public async Task A_fifo_is_written_directly_after_every_regular_output_is_in_place()
    {
        if (!OperatingSystem.IsLinux()) return;
        var fifo = In("model.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo])) Assert.True(mkfifo.WaitForExit(10_000) && mkfifo.ExitCode == 0);
        var plot = In("fit.svg");
        var plotSeenFirst = false;
        var reader = Task.Run(() =>
        {
            using var stream = new FileStream(fifo, FileMode.Open, FileAccess.Read);
            var first = stream.ReadByte();
            // The picture, a regular file, is complete before the FIFO is opened for writing.
            plotSeenFirst = File.Exists(plot) && File.ReadAllText(plot).TrimEnd().EndsWith("</svg>", StringComparison.Ordinal);
            using var rest = new StreamReader(stream);
            return (char)first + rest.ReadToEnd();
        });
        var run = Task.Run(() => CliRun.Of("fit", _data, "-k", "2", "--output", fifo, "--plot", plot));
        try
        {
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "em fit did not finish writing the FIFO");
            var result = await run;
            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.True(await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(30))) == reader, "the FIFO's reader did not finish");
            Assert.Contains("\"schema\": \"em-functional/model\"", await reader);
            Assert.True(plotSeenFirst, "the FIFO was written before the picture was in place");
            Assert.Empty(Directory.GetFiles(_files.DirectoryPath, ".*.tmp"));
            using var test = Process.Start("test", ["-p", fifo]);
            Assert.True(test.WaitForExit(10_000) && test.ExitCode == 0, "the FIFO was replaced");
        }
        finally
        {
            // Never leave a reader blocked: open the FIFO for writing once, which ends its wait.
            if (!reader.IsCompleted)
                await Task.WhenAny(Task.Run(() => { using var unblock = new FileStream(fifo, FileMode.Open, FileAccess.Write); }), Task.Delay(5_000));
        }
    }

    [Fact]
    public void A_link_to_a_file_stays_a_link_and_its_target_gets_the_content()
    {
        var target = _files.Write("real.json", "{}");
        var link = In("link.json");
        File.CreateSymbolicLink(link, "real.json");
        Assert.Equal(0, CliRun.Of("fit", _data, "-k", "2", "--output", link).ExitCode);
        Assert.Equal("real.json", new FileInfo(link).LinkTarget);
        Assert.Contains("em-functional/model", File.ReadAllText(target));
        Assert.Empty(Directory.GetFiles(_files.DirectoryPath, ".*.tmp"));
    }

    [Fact]
    public void A_chain_of_links_is_followed_to_its_end()
    {
        var target = _files.Write("real.csv", "old");
        File.CreateSymbolicLink(In("one.csv"), "real.csv");
        File.CreateSymbolicLink(In("two.csv"), In("one.csv"));
        Assert.Equal(0, CliRun.Of("predict", _model, _data, "-o", In("two.csv")).ExitCode);
        Assert.Equal(In("one.csv"), new FileInfo(In("two.csv")).LinkTarget);
        Assert.Equal("real.csv", new FileInfo(In("one.csv")).LinkTarget);
        Assert.StartsWith("a,b,label,p_0,p_1,log_density\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_dangling_link_creates_its_target_or_is_refused_when_the_targets_directory_is_missing()
    {
        var link = In("dangling.svg");
        File.CreateSymbolicLink(link, "new.svg");
        Assert.Equal(0, CliRun.Of("fit", _data, "-k", "2", "--plot", link).ExitCode);
        Assert.Equal("new.svg", new FileInfo(link).LinkTarget);
        Assert.StartsWith("<svg", File.ReadAllText(In("new.svg")).TrimStart().Split('\n').First(l => l.StartsWith("<svg", StringComparison.Ordinal)));

        var nowhere = In("nowhere.json");
        File.CreateSymbolicLink(nowhere, In("none/x.json"));
        var line = CliRun.Of("fit", _data, "-k", "2", "--output", nowhere).SingleErrorLine();
        Assert.Equal($"em: --output {nowhere}: is a symbolic link to {In("none/x.json")}, whose directory {In("none")} does not exist", line);
        Assert.False(Directory.Exists(In("none")));
    }

    [Fact]
    public void A_link_or_a_chain_of_links_to_an_input_is_refused_and_the_input_is_unchanged()
    {
        var before = File.ReadAllBytes(_data);
        File.CreateSymbolicLink(In("one.csv"), "data.csv");
        File.CreateSymbolicLink(In("two.csv"), "one.csv");
        foreach (var link in new[] { In("one.csv"), In("two.csv") })
            Assert.Contains($"--output {link}: is the input file {_data}", CliRun.Of("fit", _data, "-k", "2", "--output", link).SingleErrorLine());
        Assert.Contains("is the model file", CliRun.Of("sample", _model, "-n", "3", "-o", MakeLink("m.json", _model)).SingleErrorLine());
        Assert.Equal(before, File.ReadAllBytes(_data));
        Assert.Equal("data.csv", new FileInfo(In("one.csv")).LinkTarget);
    }

    [Fact]
    public void A_dangling_link_and_the_file_it_names_are_the_same_output()
    {
        File.CreateSymbolicLink(In("a.json"), "b.json");
        var line = CliRun.Of("fit", _data, "-k", "2", "--output", In("a.json"), "--plot", In("b.json")).SingleErrorLine();
        Assert.Contains("are the same file", line);
        Assert.False(File.Exists(In("b.json")));
    }

    private string MakeLink(string name, string target)
    {
        File.CreateSymbolicLink(In(name), target);
        return In(name);
    }

    [Fact]
    public void A_dash_is_stdout_where_stdout_is_free()
    {
        var predict = CliRun.Of("predict", _model, _data, "-o", "-");
        Assert.Equal(0, predict.ExitCode);
        Assert.Equal(CliRun.Of("predict", _model, _data).Stdout, predict.Stdout);
        var sample = CliRun.Of("sample", _model, "-n", "4", "--seed", "3", "-o", "-");
        Assert.Equal(0, sample.ExitCode);
        Assert.Equal(CliRun.Of("sample", _model, "-n", "4", "--seed", "3").Stdout, sample.Stdout);
        Assert.False(File.Exists("-"));
    }

    [Theory]
    [InlineData("fit", "--output", "em: --output -: stdout carries the report; give a file name for the model such as model.json (./- is a file named -), or leave out --output")]
    [InlineData("fit", "--plot", "em: --plot -: stdout carries the report; give a file name for the picture such as fit.svg (./- is a file named -), or leave out --plot")]
    [InlineData("select", "--plot", "em: --plot -: stdout carries the report; give a file name for the picture such as select.svg (./- is a file named -), or leave out --plot")]
    [InlineData("trace", "--plot", "em: --plot -: stdout carries the trace; give a file name for the picture such as trace.svg (./- is a file named -), or leave out --plot")]
    public void A_dash_is_refused_where_stdout_carries_the_report(string command, string option, string message)
    {
        Assert.Equal(message, CliRun.Of(command, _data, option, "-").SingleErrorLine());
        Assert.False(File.Exists("-"));
    }

    [Fact]
    public void A_directory_as_output_is_refused_naming_the_option()
    {
        Directory.CreateDirectory(In("sub"));
        File.CreateSymbolicLink(In("dirlink"), "sub");
        Assert.Equal($"em: --output {In("sub")}: is a directory; give a file name such as {In("sub/model.json")}", CliRun.Of("fit", _data, "-k", "2", "--output", In("sub")).SingleErrorLine());
        Assert.StartsWith($"em: --plot {In("dirlink")} (a symbolic link to {In("sub")}): is a directory", CliRun.Of("fit", _data, "-k", "2", "--plot", In("dirlink")).SingleErrorLine());
        Assert.StartsWith($"em: --output {In("sub")}: is a directory", CliRun.Of("predict", _model, _data, "-o", In("sub")).SingleErrorLine());
        Assert.Empty(Directory.GetFileSystemEntries(In("sub")));
    }
}
