using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace EmFunctional.Cli;

/// <summary>
/// <c>--version</c>. System.CommandLine's own version action reads the entry assembly, which is the test
/// host when the tool runs in-process, so the version is taken from this assembly instead.
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    /// <summary>The informational version of <c>em</c> (e.g. "0.1.0+commit").</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Success;
    }
}
