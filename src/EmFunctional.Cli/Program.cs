using System.Runtime.InteropServices;

namespace EmFunctional.Cli;

/// <summary>
/// The process entry point: hands the real console to <see cref="CliApp"/>, with SIGINT and SIGTERM meaning what
/// <see cref="Interruption"/> says: the first one stops a running fit at its state; otherwise, and at a second
/// one, the process ends as the signal would (exit code 130 or 143), the temporary files of outputs not yet in
/// place removed first, so every target is as it was or complete.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var interruption = new Interruption();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, 2, interruption));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, 15, interruption));
        return CliApp.Run(args, Console.OpenStandardInput, Console.Out, Console.Error, TerminalOutput.Detect(), interruption);
    }

    private static void OnSignal(PosixSignalContext context, int signal, Interruption interruption)
    {
        if (interruption.TryStop(signal))
        {
            context.Cancel = true;
            return;
        }
        AtomicFile.DeletePending();
    }
}
