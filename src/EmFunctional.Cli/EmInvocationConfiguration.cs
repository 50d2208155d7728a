using System.CommandLine;

namespace EmFunctional.Cli;

/// <summary>
/// System.CommandLine's invocation settings, which carry the output and error writers to every command,
/// plus the standard input that FILE <c>-</c> reads: tests hand over a stream of their own the way they
/// hand over a <see cref="StringWriter"/> for stdout, and no command has to be given it separately.
/// </summary>
internal sealed class EmInvocationConfiguration : InvocationConfiguration
{
    /// <summary>Opens the standard input; called only when a command reads FILE <c>-</c>.</summary>
    public required Func<Stream> OpenStandardInput { get; init; }
}
