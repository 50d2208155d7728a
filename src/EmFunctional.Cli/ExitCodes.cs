namespace EmFunctional.Cli;

/// <summary>
/// The exit codes of <c>em</c>. Scripts branch on them, so they are part of the interface and listed
/// in <c>--help</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>The command ran and printed its result.</summary>
    public const int Success = 0;

    /// <summary>
    /// Something unexpected went wrong inside the tool (a bug): <c>em: internal error: …</c> on stderr.
    /// </summary>
    public const int InternalError = 1;

    /// <summary>
    /// The input was rejected (bad command line, unreadable or malformed CSV, data that cannot carry
    /// the requested model) or EM failed numerically; one line on stderr says which and what to do.
    /// </summary>
    public const int BadInputOrFailedFit = 2;
}
