using System.CommandLine;
using System.Globalization;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>The arguments and options of <c>em sample</c>.</summary>
internal sealed class SampleCommandLine
{
    public Argument<string> Model { get; } = ModelCommandOptions.RequiredFile("MODEL", "Model file written by 'em fit --output'.");

    public Option<int> Rows { get; } = RowsOption();

    public Option<long> Seed { get; } = SeedOption("Seed of the draws; the same seed and model give the same rows.");

    public Option<string?> Output { get; } = ModelCommandOptions.Output("Write the CSV to this file (atomically: a failed run leaves an existing file as it was) instead of stdout.");

    /// <summary>The <c>sample</c> command, run by <see cref="SampleCommand"/>.</summary>
    public static Command Create(TextWriter stdout)
    {
        var line = new SampleCommandLine();
        var command = new Command("sample", "Draw rows from a saved model: each row picks a component by its weight and draws the columns from it. Writes CSV: the model's columns plus component (0-based).")
        {
            line.Model,
        };
        foreach (var option in (Option[])[line.Rows, line.Seed, line.Output])
            command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            SampleCommand.Execute(line.Read(parseResult), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    public SampleSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Model)!,
        parseResult.GetValue(Rows),
        parseResult.GetValue(Seed),
        parseResult.GetValue(Output));

    /// <summary><c>-n</c>: required, a whole number of at least 1.</summary>
    private static Option<int> RowsOption() => new("-n", "--rows")
    {
        Description = "Number of rows to draw (at least 1).",
        HelpName = "integer",
        Required = true,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Reject<int>(result, $"-n: \"{EchoText.Of(text)}\" is not a whole number");
            if (value < 1)
                return Reject<int>(result, $"-n: {value} is too small; it must be at least 1");
            return value;
        },
    };
}
