using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// The built tool as users run it: <c>dotnet em.dll …</c> in its own process, so that <c>Program.Main</c>,
/// the real console streams and the exit code are covered too. em.dll sits next to the test assembly
/// because the test project references the CLI project.
/// </summary>
public sealed class ProcessTests
{
    [Fact]
    public void Em_dll_prints_one_json_object_on_stdout()
    {
        var (exitCode, stdout, stderr) = RunEm("fit", "--format", "json");

        Assert.True(exitCode == 0, $"exit code {exitCode}, stderr: {stderr}");
        Assert.Equal("", stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(-1130.26, document.RootElement.GetProperty("logLikelihood").GetDouble(), 0.01);
        Assert.Equal(2, document.RootElement.GetProperty("components").GetInt32());
    }

    [Fact]
    public void Em_dll_exits_with_2_and_one_line_on_bad_input()
    {
        var (exitCode, stdout, stderr) = RunEm("fit", "--components", "0");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal("em: --components: 0 is too small; it must be at least 1 (see 'em fit --help')", stderr.TrimEnd());
    }

    [Fact]
    public async Task Em_trace_streams_each_iteration_before_the_run_ends()
    {
        // An unbounded run (tolerance 0, a cap it will not reach before it is stopped): the first lines
        // must arrive while em is still working, not when it exits.
        using var process = EmProcess.Start(["trace", "--format", "json", "--tolerance", "0", "--max-iterations", "100000000"]);
        try
        {
            for (var line = 0; line < 3; line++)
            {
                var text = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
                Assert.NotNull(text);
                using var document = JsonDocument.Parse(text);
                Assert.Equal(line + 1, document.RootElement.GetProperty("iteration").GetInt32());
            }
            Assert.False(process.HasExited);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    [Fact]
    public void A_long_fit_with_redirected_output_prints_no_progress()
    {
        // Longer than ProgressDisplay.Delay, but stdout and stderr are pipes: stderr stays empty.
        var (exitCode, stdout, stderr) = RunEm("fit", "--tolerance", "0", "--max-iterations", "40000");
        Assert.True(exitCode == 0, $"exit code {exitCode}, stderr: {stderr}");
        Assert.Equal("", stderr);
        Assert.False(stdout.Contains('\u001b', StringComparison.Ordinal), "escape sequences on a redirected stdout");
    }

    internal static (int ExitCode, string Stdout, string Stderr) RunEm(params string[] args)
    {
        var result = EmProcess.Run(args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
