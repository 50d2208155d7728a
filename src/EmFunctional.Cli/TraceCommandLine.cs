using System.CommandLine;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options of <c>em trace</c>: those of <c>em fit</c> (the same model, the same EM, so
/// the same iterations; <c>--labels</c> aside, which a trace has no use for), its own <c>--format</c> and
/// <c>--plot</c>.
/// </summary>
internal sealed class TraceCommandLine
{
    private readonly FitCommandLine _fit = new();

    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "text: one aligned line per iteration; json: one JSON object per line (JSON lines), one per iteration.", CliSpellings.Formats, OutputFormat.Text);

    public Option<string?> Plot { get; } = PlotOptions.Plot("Also draw the mean log-likelihood against the iteration, one line per restart.");

    /// <summary>The <c>trace</c> command, run by <see cref="TraceCommand"/>.</summary>
    public static Command Create(TextWriter stdout, Interruption interruption)
    {
        var line = new TraceCommandLine();
        var fit = line._fit;
        var command = new Command("trace", "Run EM as 'em fit' would and print one line per iteration as it happens: the iteration, the mean log-likelihood, its change and the component weights, restart by restart.")
        {
            fit.File,
        };
        fit.Input.AddTo(command);
        command.Options.Add(fit.SkipEmptyRows);
        foreach (var option in (Option[])[fit.Components, fit.Family.Option, fit.Covariance.Option, .. fit.Em.All, fit.Priors, fit.WeightPrior, line.Format.Option, line.Plot])
            command.Options.Add(option);
        command.SetAction(parseResult => TraceCommand.Execute(line.Read(parseResult), stdout, interruption));
        return command;
    }

    /// <summary>The validated settings of a successful parse, as <c>em fit</c>'s (without labels) plus the picture.</summary>
    public FitSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(_fit.File),
        parseResult.GetValue(_fit.Components),
        _fit.Covariance.Read(parseResult),
        _fit.Em.Read(parseResult),
        Format.Read(parseResult),
        _fit.Family.Read(parseResult),
        Labels: false,
        parseResult.GetValue(_fit.Priors),
        parseResult.GetValue(_fit.WeightPrior),
        _fit.Input.Read(parseResult) with { SkipEmptyRows = parseResult.GetValue(_fit.SkipEmptyRows) })
    {
        Plot = parseResult.GetValue(Plot),
    };
}
