namespace EmFunctional.Cli;

/// <summary>The process entry point: hands the real console to <see cref="CliApp"/> and nothing else.</summary>
internal static class Program
{
    private static int Main(string[] args) =>
        CliApp.Run(args, Console.Out, Console.Error, TerminalOutput.Detect());
}
