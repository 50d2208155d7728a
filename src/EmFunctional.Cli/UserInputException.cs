namespace EmFunctional.Cli;

/// <summary>
/// Input the user can fix (a bad file, cell or option value). <see cref="CliApp"/> prints its message
/// as the one line on stderr and exits with <see cref="ExitCodes.BadInputOrFailedFit"/>, so the message
/// must already name the file, line and column it is about.
/// </summary>
internal sealed class UserInputException(string message) : Exception(message);
