using System.Text.RegularExpressions;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Every command that <c>em --help</c> lists, now and when commands are added: its <c>--help</c> shows
/// at least one example of that command and the exit codes, and a wrong option, a wrong option value or
/// a stray argument gives exit code 2, nothing on stdout and one line on stderr that points at the
/// command's help. The commands are taken from the help itself so that a new one cannot be forgotten.
/// </summary>
public sealed partial class CommandHelpTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in ListedCommands()) data.Add(command);
        return data;
    }

    [Fact]
    public void Help_lists_the_commands_that_read_CSV_files()
    {
        Assert.Contains("fit", ListedCommands());
        Assert.Contains("select", ListedCommands());
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_of_every_command_shows_an_example_of_it_and_the_exit_codes(string command)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var run = CliRun.Of(command, help);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal("", run.Stderr);
            Assert.Matches($@"Usage:\s+em {command}\b", run.Stdout);
            var examples = run.Stdout[run.Stdout.IndexOf("Examples:", StringComparison.Ordinal)..];
            Assert.Matches($@"\n  (.*\| )?em {command}\b", examples);
            Assert.Contains("Exit codes:", run.Stdout);
            Assert.Contains("2   bad input", run.Stdout);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_unknown_option_is_one_line_and_exit_code_2(string command)
    {
        var line = CliRun.Of(command, "--no-such-option").SingleErrorLine();

        Assert.Contains("--no-such-option", line);
        Assert.EndsWith($"(see 'em {command} --help')", line);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Too_many_arguments_are_one_line_and_exit_code_2(string command)
    {
        var line = CliRun.Of(command, "a.csv", "b.csv", "c.csv", "d.csv").SingleErrorLine();

        Assert.Contains("d.csv", line);
        Assert.EndsWith($"(see 'em {command} --help')", line);
    }

    [Theory]
    [InlineData("fit", "--components", "two")]
    [InlineData("fit", "--delimiter", "::")]
    [InlineData("fit", "--format", "yaml")]
    [InlineData("select", "--components", "0..3")]
    [InlineData("select", "--delimiter", "::")]
    [InlineData("select", "--columns", ",")]
    public void A_wrong_option_value_is_one_line_naming_the_option_and_exit_code_2(string command, string option, string value)
    {
        var line = CliRun.Of(command, option, value).SingleErrorLine();

        Assert.StartsWith($"em: {option}: ", line);
        Assert.EndsWith($"(see 'em {command} --help')", line);
    }

    [Fact]
    public void An_unknown_command_is_one_line_and_exit_code_2()
    {
        var line = CliRun.Of("fitt", "data.csv").SingleErrorLine();

        Assert.Contains("'fitt'", line);
        Assert.EndsWith("(see 'em --help')", line);
    }

    /// <summary>The command names in the "Commands:" section of <c>em --help</c>.</summary>
    private static string[] ListedCommands()
    {
        var help = CliRun.Of("--help").Stdout;
        var section = help[help.IndexOf("Commands:", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n\n", StringComparison.Ordinal)];
        return [.. CommandLine().Matches(section).Select(match => match.Groups[1].Value)];
    }

    [GeneratedRegex(@"^  ([a-z][a-z-]*)\b", RegexOptions.Multiline)]
    private static partial Regex CommandLine();
}
