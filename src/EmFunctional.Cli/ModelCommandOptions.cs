using System.CommandLine;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options that <c>em predict</c> and <c>em sample</c> build the same way: required
/// file arguments and <c>--output</c>.
/// </summary>
internal static class ModelCommandOptions
{
    /// <summary>
    /// A required file argument. As for <c>em fit</c>'s FILE, a value starting with '-' that is not an
    /// existing file is reported as an unknown option: "--outptu" is a typo, not a file name.
    /// </summary>
    public static Argument<string> RequiredFile(string name, string description)
    {
        var argument = new Argument<string>(name)
        {
            Description = description,
            Arity = ArgumentArity.ExactlyOne,
        };
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (value is { Length: > 1 } && value[0] == '-' && !File.Exists(value))
                result.AddError($"unknown option {EchoText.Of(value)}");
        });
        return argument;
    }

    /// <summary><c>--output FILE</c> (<c>-o</c>): where the CSV goes instead of stdout.</summary>
    public static Option<string?> Output(string description) => new("--output", "-o")
    {
        Description = description,
        HelpName = "file",
    };
}
