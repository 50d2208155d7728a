namespace EmFunctional.Cli;

/// <summary>
/// Input the user can fix (a bad file, cell or option value). <see cref="CliApp"/> prints its message
/// as the one line on stderr and exits with <see cref="ExitCodes.BadInputOrFailedFit"/>, so the message
/// must already name the file, line and column it is about.
/// </summary>
internal sealed class UserInputException(string message) : Exception(message)
{
    /// <summary>
    /// The message of an <see cref="ArgumentException"/> from the facade without the " (Parameter 'x')"
    /// that ArgumentException appends, which means nothing to a command-line user.
    /// </summary>
    public static string MessageOf(ArgumentException exception)
    {
        var suffix = exception.ParamName is null ? null : $" (Parameter '{exception.ParamName}')";
        return suffix is not null && exception.Message.EndsWith(suffix, StringComparison.Ordinal)
            ? exception.Message[..^suffix.Length]
            : exception.Message;
    }
}
