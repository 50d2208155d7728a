using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace EmFunctional.Cli;

/// <summary>
/// The <c>em</c> tool as a function of its arguments and two writers, so tests run exactly what users
/// run, in-process. It owns the error policy: every failure becomes one line on stderr starting with
/// "em: ", nothing on stdout, no stack trace, and an exit code from <see cref="ExitCodes"/>.
/// </summary>
public static class CliApp
{
    /// <summary>Runs <c>em</c> writing as if stdout were redirected (plain ASCII tables, no escape sequences).</summary>
    /// <param name="args">The command line after the program name, e.g. <c>["fit", "data.csv", "--format", "json"]</c>.</param>
    /// <param name="stdout">Receives the result (report, help, version) and nothing else.</param>
    /// <param name="stderr">Receives at most one line when the command fails.</param>
    /// <returns>An exit code from <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, TerminalOutput.Redirected);

    /// <inheritdoc cref="Run(string[], TextWriter, TextWriter)"/>
    /// <param name="args">The command line after the program name.</param>
    /// <param name="stdout">Receives the result and nothing else.</param>
    /// <param name="stderr">Receives at most one line when the command fails.</param>
    /// <param name="terminal">What stdout is: decides escape sequences, box characters and width of the text report.</param>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TerminalOutput terminal) =>
        Run(args, Console.OpenStandardInput, stdout, stderr, terminal, Interruption.None);

    /// <inheritdoc cref="Run(string[], TextWriter, TextWriter)"/>
    /// <param name="args">The command line after the program name.</param>
    /// <param name="stdin">What FILE <c>-</c> reads (the process's standard input in the other overloads); read once, not closed.</param>
    /// <param name="stdout">Receives the result and nothing else.</param>
    /// <param name="stderr">Receives at most one line when the command fails.</param>
    /// <param name="terminal">What stdout is: decides escape sequences, box characters and width of the text report.</param>
    public static int Run(string[] args, Stream stdin, TextWriter stdout, TextWriter stderr, TerminalOutput terminal)
    {
        ArgumentNullException.ThrowIfNull(stdin);
        return Run(args, () => stdin, stdout, stderr, terminal, Interruption.None);
    }

    /// <summary>The process's run (<see cref="Program"/>): signals reach the fit through <paramref name="interruption"/>.</summary>
    internal static int Run(string[] args, Func<Stream> openStdin, TextWriter stdout, TextWriter stderr, TerminalOutput terminal, Interruption interruption)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(terminal);
        try
        {
            var root = BuildCommandLine(stdout, terminal, interruption);
            var parseResult = root.Parse(args);
            if (HasParseErrors(parseResult))
            {
                // System.CommandLine would print every error plus the full help and exit with 1; a script
                // needs a short message and the documented code for bad input.
                var messages = parseResult.Errors.Select(error => error.Message.TrimEnd('.')).Distinct();
                return Fail(stderr, $"{string.Join("; ", messages)} (see 'em {HelpCommandFor(parseResult)}--help')", ExitCodes.BadInputOrFailedFit);
            }
            var exitCode = parseResult.Invoke(new EmInvocationConfiguration
            {
                OpenStandardInput = openStdin,
                Output = stdout,
                Error = stderr,
                // Exceptions come back here, where they get one line instead of a stack trace.
                EnableDefaultExceptionHandler = false,
            });
            // A fit stopped by a signal is reported and saved, and still says it was interrupted, as a shell expects.
            return exitCode == ExitCodes.Success && interruption.Signal is { } signal ? 128 + signal : exitCode;
        }
        catch (UserInputException exception)
        {
            return Fail(stderr, exception.Message, ExitCodes.BadInputOrFailedFit);
        }
        catch (Exception exception)
        {
            return Fail(stderr, $"internal error: {exception.Message}", ExitCodes.InternalError);
        }
    }

    private static Command BuildCommandLine(TextWriter stdout, TerminalOutput terminal, Interruption interruption)
    {
        // A plain Command named "em" rather than RootCommand, whose name is the host executable's
        // ("testhost" when run in-process); help and version are added by hand for the same reason.
        var root = new Command("em", "Fit mixture models (Gaussian, Bernoulli, categorical, Poisson or mixed columns) by EM (expectation-maximization) to CSV data, and choose among them.");
        var help = new HelpOption();
        var generatedHelp = (HelpAction)help.Action!;
        // System.CommandLine sizes help to the console window, which is "unlimited" when redirected.
        generatedHelp.MaxWidth = terminal.Width;
        help.Action = new HelpWithExamplesAction(generatedHelp);
        root.Options.Add(help);
        root.Options.Add(new VersionOption { Action = new VersionAction() });

        var fit = new FitCommandLine();
        root.Subcommands.Add(fit.CreateCommand(parseResult =>
        {
            FitCommand.Execute(fit.Read(parseResult), stdout, terminal, interruption);
            return ExitCodes.Success;
        }));
        root.Subcommands.Add(SelectCommandLine.Create(stdout, terminal, interruption));
        root.Subcommands.Add(TraceCommandLine.Create(stdout, interruption));
        root.Subcommands.Add(PredictCommandLine.Create(stdout));
        root.Subcommands.Add(ImputeCommandLine.Create(stdout));
        root.Subcommands.Add(BootstrapCommandLine.Create(stdout, terminal));
        root.Subcommands.Add(SampleCommandLine.Create(stdout));
        return root;
    }

    private static bool HasParseErrors(ParseResult parseResult) =>
        parseResult.Action is ParseErrorAction
        || (parseResult.Errors.Count > 0 && parseResult.Action is not { ClearsParseErrors: true });

    /// <summary>"fit ": the command whose help to point at, for every command; "" for <c>em</c> itself.</summary>
    private static string HelpCommandFor(ParseResult parseResult) =>
        parseResult.CommandResult.Command == parseResult.RootCommandResult.Command ? "" : $"{parseResult.CommandResult.Command.Name} ";

    /// <summary>The longest error line, in characters after "em: ": longer ones are cut and end in "…".</summary>
    internal const int MaxMessageLength = 360;

    private static int Fail(TextWriter stderr, string message, int exitCode)
    {
        // One line, whatever the message contains: scripts and log scrapers read the first line only.
        var oneLine = string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // The safety net under EchoText at each echo: whatever a message took from the user unescaped (a token
        // in a System.CommandLine error, a path, an exception's text), no control character reaches the
        // terminal and no echo makes the line unbounded. Text already escaped is left as it is.
        stderr.WriteLine($"em: {EchoText.Of(oneLine, MaxMessageLength)}");
        stderr.Flush();
        return exitCode;
    }
}
