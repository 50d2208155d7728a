using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options that <c>em fit</c> and <c>em select</c> build the same way. Values are parsed
/// here, with the invariant culture, rather than by System.CommandLine's default converters so that
/// "1e-3" means the same in every locale and every rejected value gets a one-line message naming the
/// option and the allowed range.
/// </summary>
internal static class OptionParsers
{
    /// <summary>
    /// The optional CSV file. System.CommandLine passes a misspelt option such as "--component" on as
    /// FILE, and "no such file" would be a confusing answer, so a value starting with '-' is reported as
    /// an unknown option. A file whose name starts with '-' is still accepted if it exists.
    /// </summary>
    public static Argument<string?> FileArgument(string description)
    {
        var argument = new Argument<string?>("FILE")
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrOne,
        };
        argument.Validators.Add(result =>
        {
            var value = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (value is { Length: > 1 } && value[0] == '-' && !System.IO.File.Exists(value))
                result.AddError($"unknown option {EchoText.Of(value)}");
        });
        return argument;
    }

    /// <summary>A whole number of at least <paramref name="minimum"/>.</summary>
    public static Option<int> IntegerOption(string name, string description, int defaultValue, int minimum, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "integer",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Reject<int>(result, $"{name}: \"{EchoText.Of(text)}\" is not a whole number");
            if (value < minimum)
                return Reject<int>(result, $"{name}: {value} is too small; it must be at least {minimum}");
            return value;
        },
    };

    /// <summary><c>--seed</c>: any 64-bit whole number, 0 by default.</summary>
    public static Option<long> SeedOption(string description) => new("--seed")
    {
        Description = description,
        HelpName = "integer",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : Reject<long>(result, $"--seed: \"{EchoText.Of(text)}\" is not a whole number");
        },
    };

    /// <summary>A finite number of at least 0.</summary>
    public static Option<double> NonNegativeRealOption(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "number",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (!TryParseFinite(result, name, out var text, out var value)) return default;
            if (value < 0)
                return Reject<double>(result, $"{name}: {EchoText.Of(text)} is negative; it must be at least 0");
            return value;
        },
    };

    /// <summary>An option that takes no value: present means true.</summary>
    public static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        // Arity zero: "--labels data.csv" must not try to read data.csv as true or false.
        Arity = ArgumentArity.Zero,
    };

    /// <summary>
    /// The option's value as a finite number; false, with the error "NAME: "text" is not a finite number"
    /// added to <paramref name="result"/>, when it is not one.
    /// </summary>
    public static bool TryParseFinite(ArgumentResult result, string name, out string text, out double value)
    {
        text = SingleToken(result);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value)) return true;
        result.AddError($"{name}: \"{EchoText.Of(text)}\" is not a finite number");
        return false;
    }

    /// <summary>The option's value as written ("" when there is none).</summary>
    public static string SingleToken(ArgumentResult result) => result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;

    /// <summary>Adds <paramref name="message"/> as the parse error of <paramref name="result"/>.</summary>
    public static T Reject<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
