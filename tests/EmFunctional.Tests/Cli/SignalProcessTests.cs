using System.Diagnostics;
using System.Globalization;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// A SIGINT or SIGTERM while <c>em predict -o</c> writes its output: the process ends as the signal says
/// (exit code 130 or 143), the previous output file is intact, and no hidden temporary file is left beside it.
/// </summary>
public sealed class SignalProcessTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void A_signal_while_the_output_is_written_leaves_the_old_file_and_no_temporary(string signal, int exitCode)
    {
        if (!OperatingSystem.IsLinux()) return;
        var model = _files.Missing("m.json");
        Assert.Equal(0, CliRun.Of("fit", "--output", model).ExitCode);
        var random = new Random(7);
        var data = _files.Write("big.csv", "eruptions,waiting\n" + string.Concat(Enumerable.Range(0, 400_000).Select(_ =>
            $"{(1.5 + 3.5 * random.NextDouble()).ToString("R", CultureInfo.InvariantCulture)},{(45 + 50 * random.NextDouble()).ToString("R", CultureInfo.InvariantCulture)}\n")));
        var output = _files.Write("out.csv", "old\n");

        using var process = EmProcess.Start(["predict", model, data, "-o", output], redirectInput: false, environment: null);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();
        while (Temporaries().Length == 0 && !process.HasExited && watch.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(2);
        Assert.False(process.HasExited, "em finished before its output was staged; the signal would test nothing");
        using (var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "em did not end after the signal");

        Assert.Equal(exitCode, process.ExitCode);
        Assert.Equal("old\n", File.ReadAllText(output));
        Assert.Empty(Temporaries());
    }

    private string[] Temporaries() => Directory.GetFiles(_files.DirectoryPath, ".out.csv.*.tmp");
}
