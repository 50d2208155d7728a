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

    private static (int ExitCode, string Stdout, string Stderr) RunEm(params string[] args)
    {
        var result = EmProcess.Run(args);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
