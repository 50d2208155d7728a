using System.CommandLine;
using System.Globalization;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>The <c>em bootstrap</c> command line: MODEL FILE [--replicates B] [--seed S] [--type T] [--level L] [--format F] and the CSV input options.</summary>
internal sealed class BootstrapCommandLine
{
    public Argument<string> Model { get; } = ModelCommandOptions.RequiredFile("MODEL", "Model file written by 'em fit --output'.");

    public Argument<string> File { get; } = ModelCommandOptions.RequiredFile("FILE", "CSV file of the rows the model was fitted on; the model's columns are found by name (in any order) or given by --columns.");

    public CsvInputOptions Input { get; } = new();

    public Option<int> Replicates { get; } = IntegerOption("--replicates", "How many bootstrap refits (mclust's MclustBootstrap uses 999).", 999, 2, "-B");

    public Option<long> Seed { get; } = SeedOption("Seed of every draw; the same seed, model and file give the same figures on any number of threads.");

    public ChoiceOption<BootstrapType> Type { get; } = new("--type", "How each replicate perturbs the rows: nonparametric (N rows drawn with replacement), weighted (every row weighted by an Exp(1) draw: the weighted likelihood bootstrap) or parametric (N rows drawn from the model).", CliSpellings.BootstrapTypes, BootstrapType.Nonparametric, helpName: "type");

    public Option<double> Level { get; } = new("--level")
    {
        Description = "Coverage of the percentile intervals, in (0, 1).",
        HelpName = "number",
        DefaultValueFactory = _ => 0.95,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return Reject<double>(result, $"--level: \"{EchoText.Of(text)}\" is not a number");
            return value > 0 && value < 1 ? value : Reject<double>(result, $"--level: {text} is not between 0 and 1; give a coverage such as 0.95");
        },
    };

    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "text: tables of standard errors and intervals; json: one JSON object.", CliSpellings.Formats, OutputFormat.Text);

    public static Command Create(TextWriter stdout, TerminalOutput terminal)
    {
        var line = new BootstrapCommandLine();
        var command = new Command("bootstrap", "Standard errors and percentile intervals of a saved model's weights, means and variances by the bootstrap (mclust's MclustBootstrap): refit the model to resampled rows, each refit started from the model's own responsibilities so that its components keep their order.")
        {
            line.Model,
            line.File,
        };
        line.Input.Columns.Description = "The columns of FILE that feed the model's columns, one each, in the model's order: header names, or numbers from 1 with --no-header. [default: the model's column names, found in the header]";
        line.Input.AddTo(command);
        foreach (var option in (Option[])[line.Replicates, line.Seed, line.Type.Option, line.Level, line.Format.Option]) command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            BootstrapCommand.Execute(line.Read(parseResult), stdout, terminal);
            return ExitCodes.Success;
        });
        return command;
    }

    public BootstrapSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(Model)!,
        parseResult.GetValue(File)!,
        parseResult.GetValue(Replicates),
        parseResult.GetValue(Seed),
        Type.Read(parseResult),
        parseResult.GetValue(Level),
        Format.Read(parseResult),
        Input.Read(parseResult));
}
