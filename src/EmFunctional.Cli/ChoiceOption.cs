using System.CommandLine;

namespace EmFunctional.Cli;

/// <summary>
/// An option whose value is one of a fixed set of words standing for an enum value
/// (<c>--covariance diag</c> → <see cref="CovarianceType.Diagonal"/>). It is a string option underneath so
/// that help shows the words, not the enum names: "--covariance &lt;full|diag|spherical|tied&gt;" with
/// "[default: full]". Words are matched ignoring case.
/// </summary>
internal sealed class ChoiceOption<T>
    where T : struct, Enum
{
    private readonly IReadOnlyList<(string Word, T Value)> _choices;

    /// <param name="name">The option, e.g. "--covariance".</param>
    /// <param name="description">Help text.</param>
    /// <param name="choices">The accepted words and the values they stand for.</param>
    /// <param name="defaultValue">The value when the option is not given.</param>
    /// <param name="helpName">The placeholder in help; the words themselves when null (too long for some lists).</param>
    /// <param name="aliases">More words accepted on input (not shown in help, never printed).</param>
    public ChoiceOption(string name, string description, IReadOnlyList<(string Word, T Value)> choices, T defaultValue, string? helpName = null, IReadOnlyList<(string Word, T Value)>? aliases = null)
    {
        _choices = [.. choices, .. aliases ?? []];
        var words = CliSpellings.Joined(choices);
        var defaultWord = choices.Single(choice => EqualityComparer<T>.Default.Equals(choice.Value, defaultValue)).Word;
        Option = new Option<string>(name)
        {
            Description = description,
            HelpName = helpName ?? words,
            DefaultValueFactory = _ => defaultWord,
            CustomParser = result =>
            {
                var text = OptionParsers.SingleToken(result);
                if (Find(text) is not null) return text;
                result.AddError($"{name}: \"{EchoText.Of(text)}\" is not one of {words}");
                return null;
            },
        };
    }

    /// <summary>The System.CommandLine option to add to a command.</summary>
    public Option<string> Option { get; }

    /// <summary>The enum value chosen on a successfully parsed command line.</summary>
    public T Read(ParseResult parseResult)
    {
        var word = parseResult.GetValue(Option) ?? "";
        return Find(word) ?? throw new InvalidOperationException($"{Option.Name} has the unchecked value \"{word}\"");
    }

    private T? Find(string word)
    {
        foreach (var (candidate, value) in _choices)
            if (string.Equals(candidate, word, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }
}
