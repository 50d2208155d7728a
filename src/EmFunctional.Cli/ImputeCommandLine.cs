using System.CommandLine;
using System.Globalization;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>The <c>em impute</c> command line: MODEL FILE [--output PATH] [--draws M --seed S] and the CSV input options.</summary>
internal sealed class ImputeCommandLine
{
    public Argument<string> Model { get; } = ModelCommandOptions.RequiredFile("MODEL", "Model file written by 'em fit --output'.");

    public Argument<string> File { get; } = ModelCommandOptions.RequiredFile("FILE", "CSV file with a header row and missing cells (see --missing-values); the model's columns are found by name (in any order) or given by --columns; the other columns are copied as they are.");

    public CsvInputOptions Input { get; } = new();

    public Option<string?> Output { get; } = ModelCommandOptions.Output("Write the completed CSV to this file (atomically: a failed run leaves an existing file as it was) instead of stdout.");

    public Option<int?> Draws { get; } = new("--draws")
    {
        Description = "Multiple imputation: write this many completed copies of the file, one after another, each missing cell drawn from its distribution given the row's observed cells, with a last column draw (1, 2, ...). [default: one copy, each missing cell at its conditional mean]",
        HelpName = "M",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Reject<int?>(result, $"--draws: \"{EchoText.Of(text)}\" is not a whole number");
            if (value < 1) return Reject<int?>(result, $"--draws: {value} is too small; it must be at least 1");
            return value;
        },
    };

    public Option<long> Seed { get; } = SeedOption("Seed of the --draws; the same seed, model and file give the same copies.");

    public static Command Create(TextWriter stdout)
    {
        var line = new ImputeCommandLine();
        var command = new Command("impute", "Fill the missing cells of a CSV file with a saved model: each missing cell of the model's columns becomes its conditional mean given the row's observed cells (for a categorical column, the most probable code); every other cell is written as it was read, in the same column order. With --draws M, M completed copies drawn from the conditional distribution (multiple imputation), with a draw column.")
        {
            line.Model,
            line.File,
        };
        line.Input.Columns.Description = "The columns of FILE that feed the model's columns, one each, in the model's order: header names (a comma-separated list such as dur,wait), or numbers from 1 with --no-header. The other columns are copied unchanged. [default: the model's column names, found in the header]";
        line.Input.AddTo(command);
        foreach (var option in (Option[])[line.Output, line.Draws, line.Seed]) command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetResult(line.Seed) is { Implicit: false } && result.GetResult(line.Draws) is null)
                result.AddError("--seed: only --draws draws anything; give --draws M, or leave --seed out");
        });
        command.SetAction(parseResult =>
        {
            ImputeCommand.Execute(line.Read(parseResult), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    public ImputeSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Model)!,
        parseResult.GetValue(File)!,
        parseResult.GetValue(Output),
        parseResult.GetValue(Draws),
        parseResult.GetValue(Seed),
        Input.Read(parseResult));
}
