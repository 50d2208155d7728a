using System.Text.Json;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>What one run of <c>em</c> produced: its exit code and everything it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Runs the real tool in-process, exactly as <c>Program.Main</c> does but with redirected output.</summary>
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Stdout parsed as JSON, after checking that the run succeeded and said nothing on stderr.</summary>
    public JsonElement Json()
    {
        Assert.True(ExitCode == ExitCodes.Success, $"exit code {ExitCode}, stderr: {Stderr}");
        Assert.Equal("", Stderr);
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// The contract for rejected input: exit code 2, nothing on stdout, exactly one line on stderr that
    /// starts with "em: " and has no stack trace. Returns that line.
    /// </summary>
    public string SingleErrorLine()
    {
        Assert.True(ExitCode == ExitCodes.BadInputOrFailedFit, $"exit code {ExitCode}, stdout: {Stdout}, stderr: {Stderr}");
        Assert.Equal("", Stdout);
        var lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();
        var line = Assert.Single(lines);
        Assert.StartsWith("em: ", line);
        Assert.DoesNotContain("   at ", line);
        Assert.DoesNotContain("Exception", line);
        return line;
    }
}
