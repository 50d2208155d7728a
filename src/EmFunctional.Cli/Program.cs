using System.Runtime.InteropServices;

namespace EmFunctional.Cli;

/// <summary>
/// The process entry point: hands the real console to <see cref="CliApp"/>. A SIGINT or SIGTERM removes the
/// temporary files of outputs not yet in place (every target stays as it was) and then ends the process as
/// the signal would (exit code 130 or 143).
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => AtomicFile.DeletePending());
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => AtomicFile.DeletePending());
        return CliApp.Run(args, Console.Out, Console.Error, TerminalOutput.Detect());
    }
}
