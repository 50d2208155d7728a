using System.CommandLine;

namespace EmFunctional.Cli;

/// <summary>The arguments and options of <c>em predict</c>.</summary>
internal sealed class PredictCommandLine
{
    public Argument<string> Model { get; } = ModelCommandOptions.RequiredFile("MODEL", "Model file written by 'em fit --output'.");

    public Argument<string> File { get; } = ModelCommandOptions.RequiredFile("FILE", "CSV file with a header row; the model's columns are found by name (in any order) or given by --columns; every column is copied to the output, and the others may hold anything.");

    public CsvInputOptions Input { get; } = new();

    public Option<string?> Output { get; } = ModelCommandOptions.Output("Write the CSV to this file (atomically: a failed run leaves an existing file as it was) instead of stdout.");

    /// <summary>The <c>predict</c> command, run by <see cref="PredictCommand"/>.</summary>
    public static Command Create(TextWriter stdout)
    {
        var line = new PredictCommandLine();
        var command = new Command("predict", "Label the rows of a CSV file with a saved model: the input columns plus label (the most probable component, 0-based), p_0, p_1, ... (the probability of each component) and log_density (log of the mixture density), as CSV.")
        {
            line.Model,
            line.File,
        };
        // Here the columns listed are not the data but the model's inputs; the rest is copied, not dropped.
        line.Input.Columns.Description = "The columns of FILE that feed the model's columns, one each, in the model's order: header names (a comma-separated list such as dur,wait), or numbers from 1 with --no-header. The other columns are still copied to the output. [default: the model's column names, found in the header]";
        line.Input.AddTo(command);
        command.Options.Add(line.Output);
        command.SetAction(parseResult =>
        {
            PredictCommand.Execute(line.Read(parseResult), stdout);
            return ExitCodes.Success;
        });
        return command;
    }

    public PredictSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Model)!,
        parseResult.GetValue(File)!,
        parseResult.GetValue(Output),
        Input.Read(parseResult));
}
