using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// FILE <c>-</c> in the built tool, reading the real standard input of its process through a pipe, as
/// in <c>grep -v bad data.csv | em fit -</c>: the in-process tests hand <see cref="EmFunctional.Cli.CliApp"/>
/// a stream of their own, so only this covers <c>Program.Main</c>'s console stream.
/// </summary>
public sealed class StandardInputProcessTests
{
    [Fact]
    public void Em_dll_fits_what_it_reads_from_a_pipe()
    {
        var csv = File.ReadAllText(TestData.DataPath("faithful.csv"));
        var (exitCode, stdout, stderr) = RunEm("# Old Faithful, from a pipe\n" + csv, "fit", "-", "--format", "json");

        Assert.True(exitCode == 0, $"exit code {exitCode}, stderr: {stderr}");
        Assert.Equal("", stderr);
        using var document = JsonDocument.Parse(stdout);
        Assert.Equal(272, document.RootElement.GetProperty("rows").GetInt32());
        // The bundled copy of the same data gives the same fit.
        Assert.Equal(-1130.26, document.RootElement.GetProperty("logLikelihood").GetDouble(), 0.01);
    }

    [Fact]
    public void Em_dll_names_stdin_and_the_line_of_a_bad_row()
    {
        var (exitCode, stdout, stderr) = RunEm("a|b\n1|2\n3|x\n", "select", "-", "--delimiter", "|");

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal("em: stdin, line 3, column 2 (b): \"x\" is not a number", stderr.TrimEnd());
    }

    private static (int ExitCode, string Stdout, string Stderr) RunEm(string stdin, params string[] args)
    {
        var result = EmProcess.Run(args, stdin);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
