using System.Diagnostics;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Runs the built tool as users run it, <c>dotnet em.dll …</c> in a process of its own, so that
/// <c>Program.Main</c>, the real console streams, the exit code and the process environment are covered.
/// em.dll sits next to the test assembly because the test project references the CLI project.
/// </summary>
public static class EmProcess
{
    /// <summary>What the process left: its exit code and everything it wrote to stdout and stderr.</summary>
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>
    /// Runs <c>em</c> with <paramref name="args"/>, writing <paramref name="stdin"/> (when given) to its standard
    /// input and setting <paramref name="environment"/> on top of this process's environment.
    /// </summary>
    public static Result Run(IEnumerable<string> args, string? stdin = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(args, stdin is not null, environment);
        // Drain both outputs while writing the input: a full pipe on either side would block the other.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
            process.StandardInput.Close();
        }
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("em did not finish within 120 s");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts <c>em</c> with <paramref name="args"/>, stdout and stderr redirected (and stdin when
    /// <paramref name="redirectInput"/>), for a test that reads its output while it runs.
    /// </summary>
    public static Process Start(IEnumerable<string> args, bool redirectInput = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        var emDll = Path.Combine(AppContext.BaseDirectory, "em.dll");
        Assert.True(File.Exists(emDll), $"{emDll} is missing; the test project should copy it from its reference to EmFunctional.Cli");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(emDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>The dotnet host running the tests (set by the SDK), else the one on the PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
