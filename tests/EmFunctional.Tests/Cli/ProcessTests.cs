using System.Diagnostics;
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

    internal static (int ExitCode, string Stdout, string Stderr) RunEm(params string[] args)
    {
        var emDll = Path.Combine(AppContext.BaseDirectory, "em.dll");
        Assert.True(File.Exists(emDll), $"{emDll} is missing; the test project should copy it from its reference to EmFunctional.Cli");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(emDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        // Read both streams concurrently: a full stderr pipe would otherwise block the child.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("em did not finish within 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The dotnet host running the tests (set by the SDK), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
