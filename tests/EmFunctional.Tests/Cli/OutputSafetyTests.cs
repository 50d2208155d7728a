using System.Security.Cryptography;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// No command writes over what it reads or over another of its outputs, however the path is spelled (a
/// relative detour, a symbolic link, a hard link): each such run is refused with exit 2 before any work,
/// naming both, and leaves every file in the folder byte for byte as it was.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempCsvFiles _files = new();
    private readonly string _data;
    private readonly string _model;

    public OutputSafetyTests()
    {
        _data = _files.Write("data.csv", string.Join("\n", ["a,b", .. Enumerable.Range(0, 40).Select(i => $"{i % 7 * 0.5 + i % 2 * 6},{i % 5 * 0.3 - i % 2 * 4}")]) + "\n");
        _model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", _data, "-k", "2", "--output", _model).ExitCode);
        File.CreateSymbolicLink(_files.Missing("link.csv"), _data);
    }

    public void Dispose() => _files.Dispose();

    private string In(string name) => Path.Combine(_files.DirectoryPath, name);

    public static TheoryData<string, string[], string> Cases => new()
    {
        { "fit --output over the data", ["fit", "{data}", "-k", "2", "--output", "{data}"], "--output {data}: is the input file {data}; writing there would destroy it" },
        { "fit --plot over the data", ["fit", "{data}", "-k", "2", "--plot", "{data}"], "--plot {data}: is the input file {data}" },
        { "fit --output through a detour", ["fit", "{data}", "-k", "2", "--output", "{dir}/../{name}/data.csv"], "is the input file {data}" },
        { "fit --output on a symbolic link to the data", ["fit", "{data}", "-k", "2", "--output", "{dir}/link.csv"], "--output {dir}/link.csv: is the input file {data}" },
        { "fit --output and --plot on one file", ["fit", "{data}", "-k", "2", "--output", "{dir}/m.json", "--plot", "{dir}/m.json"], "--output {dir}/m.json and --plot {dir}/m.json are the same file" },
        { "trace --plot over the data", ["trace", "{data}", "-k", "2", "--plot", "{data}"], "--plot {data}: is the input file {data}" },
        { "select --plot over the data", ["select", "{data}", "--components", "1..2", "--plot", "{data}"], "--plot {data}: is the input file {data}" },
        { "sample -o over the model", ["sample", "{model}", "-n", "5", "-o", "{model}"], "--output {model}: is the model file {model}" },
        { "predict -o over the data", ["predict", "{model}", "{data}", "-o", "{data}"], "--output {data}: is the input file {data}" },
        { "predict -o over the model", ["predict", "{model}", "{data}", "-o", "{model}"], "--output {model}: is the model file {model}" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_output_onto_an_input_or_another_output_is_refused_and_nothing_changes(string name, string[] args, string message)
    {
        _ = name;
        string Fill(string text) => text.Replace("{data}", _data).Replace("{model}", _model).Replace("{dir}", _files.DirectoryPath).Replace("{name}", Path.GetFileName(_files.DirectoryPath));
        var before = Snapshot();
        var line = CliRun.Of([.. args.Select(Fill)]).SingleErrorLine();
        Assert.Contains(Fill(message), line);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void A_hard_link_to_the_data_is_the_data()
    {
        if (!OperatingSystem.IsLinux()) return;
        var hard = In("hard.csv");
        var link = System.Diagnostics.Process.Start("ln", [_data, hard]);
        link.WaitForExit();
        Assert.Equal(0, link.ExitCode);
        var before = Snapshot();
        var line = CliRun.Of("fit", _data, "-k", "2", "--output", hard).SingleErrorLine();
        Assert.Contains($"--output {hard}: is the input file {_data}", line);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public void Distinct_outputs_beside_the_inputs_are_written()
    {
        var run = CliRun.Of("fit", _data, "-k", "2", "--output", In("again.json"), "--plot", In("again.svg"));
        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(In("again.json")) && File.Exists(In("again.svg")));
        Assert.Empty(Directory.GetFiles(_files.DirectoryPath, ".*.tmp"));
    }

    /// <summary>Every file of the folder (hidden temporaries included) with the hash of its bytes.</summary>
    private SortedDictionary<string, string> Snapshot() => new(
        Directory.GetFiles(_files.DirectoryPath).ToDictionary(path => Path.GetFileName(path), path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))),
        StringComparer.Ordinal);
}
