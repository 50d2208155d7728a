using System.CommandLine;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options of <c>em fit</c>: their names, defaults, help text, parsing and range
/// checks (with the parsers of <see cref="OptionParsers"/>, shared with <c>em select</c>).
/// </summary>
internal sealed class FitCommandLine
{
    public Argument<string?> File { get; } = FileArgument("CSV file with a header row of column names and one row of numbers per line (lines starting with # are comments); - reads stdin. Omit it to fit the bundled Old Faithful data (272 rows: eruptions, waiting).");

    public CsvInputOptions Input { get; } = new();

    public Option<int> Components { get; } = IntegerOption("--components", "Number of mixture components K (at least 1).", defaultValue: 2, minimum: 1, "-k");

    public ChoiceOption<CovarianceType> Covariance { get; } = new("--covariance", "Covariance of each component: full (its own full matrix), diag (its own diagonal matrix), spherical (its own single variance) or tied (one full matrix shared by all), or one of mclust's other models EII, EEI, VEI, EVI, VEE, EVE, VVE, EEV, VEV, EVV (volume, shape, orientation each Equal, Variable or Identity; VVV, VVI, VII and EEE are accepted for the first four).", CliSpellings.Covariances, CovarianceType.Full, helpName: "full|diag|spherical|tied|EII|...|EVV", aliases: CliSpellings.CovarianceAliases);

    public EmOptions Em { get; } = new(
        restarts: "Number of EM runs from different starts (at least 1); the one with the highest log-likelihood is reported.",
        seed: "Seed of every random choice; the same seed and data give the same output.",
        tolerance: "Stop when the mean log-likelihood per row changes by less than this (0 runs exactly --max-iterations iterations).",
        maxIterations: "Maximum EM iterations per restart (at least 1); reaching it is reported as not converged.");

    public ChoiceOption<FamilyChoice> Family { get; } = new("--family", "Distribution of each column within a component: gaussian (continuous), bernoulli (0/1), categorical (integer codes 0, 1, 2, ...), poisson (counts) or auto (a family per column from its values: only 0 and 1 -> bernoulli; other non-negative integers -> poisson; anything else -> gaussian).", CliSpellings.Families, FamilyChoice.Gaussian, helpName: "family");

    public Option<bool> Labels { get; } = Flag("--labels", "Also report the most probable component of each row: a 'labels' array in JSON (0-based, in file order), a count of rows per component in text.");

    public Option<string?> KnownLabels { get; } = new("--known-labels")
    {
        Description = "The column that holds each row's known class (a name, or nothing where unknown): partially labelled data (semi-supervised EM, as mclust's MclustSSC). It is not a data column. Labelled rows stay in their class's component; the classes, sorted, name components 1, 2, ...; --components defaults to the number of classes and may be larger.",
        HelpName = "column",
    };

    public Option<bool> SkipEmptyRows { get; } = CsvInputOptions.SkipEmptyRows();

    public Option<bool> Noise { get; } = Flag("--noise", "Add a noise component (mclust's): a uniform density over the data's box, with its own estimated weight, for rows that belong to no cluster; such rows get label -1 (JSON 'labels', 'noiseWeight'). EM starts from a guess of the noise rows by nearest-neighbour cleaning. Gaussian columns only.");

    public Option<int> NoiseNeighbours { get; } = IntegerOption("--noise-neighbours", "With --noise: how many nearest neighbours the first guess of the noise rows measures each row by (at least 1).", defaultValue: NoiseOptions.DefaultNeighbours, minimum: 1);

    public Option<bool> Priors { get; } = Flag("--priors", "Maximum a posteriori fit with each family's default conjugate prior (Beta(2,2), Dirichlet(2), Gamma on Poisson rates, mclust's conjugate prior on Gaussian columns, for every covariance but VEE, EVE, VVE and EVV) instead of maximum likelihood.");

    public Option<double?> WeightPrior { get; } = WeightPriorOption();

    public Option<string?> Output { get; } = ModelCommandOptions.Output("Also save the fitted model to this JSON file (written atomically), for 'em predict' and 'em sample'; the report on stdout is unchanged.");

    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "text: tables for reading; json: one JSON object on stdout for programs.", CliSpellings.Formats, OutputFormat.Text);

    public Option<string?> Plot { get; } = PlotOptions.Plot("Also draw the fit: two columns as points coloured by component with each component's mean and 1-sigma and 2-sigma ellipses, or one column as a histogram with the mixture's density and its components.");

    public Option<IReadOnlyList<string>?> Axes { get; } = PlotOptions.Axes();

    /// <summary>The <c>fit</c> command with all of the above; <paramref name="action"/> runs it.</summary>
    public Command CreateCommand(Func<ParseResult, int> action)
    {
        var command = new Command("fit", "Fit a mixture model by EM to the numeric columns of a CSV file (Gaussian by default; Bernoulli, categorical, Poisson or a family per column with --family) and print its parameters, log-likelihood and BIC.")
        {
            File,
        };
        Input.AddTo(command);
        command.Options.Add(SkipEmptyRows);
        foreach (var option in (Option[])[Components, Family.Option, Covariance.Option, .. Em.All, Priors, WeightPrior, Noise, NoiseNeighbours, Labels, KnownLabels, Format.Option, Output, Plot, Axes])
            command.Options.Add(option);
        PlotOptions.RequirePlotForAxes(command, Plot, Axes);
        command.SetAction(action);
        return command;
    }

    /// <summary>The validated settings of a successful parse.</summary>
    public FitSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(File),
        parseResult.GetValue(Components),
        Covariance.Read(parseResult),
        Em.Read(parseResult),
        Format.Read(parseResult),
        Family.Read(parseResult),
        parseResult.GetValue(Labels),
        parseResult.GetValue(Priors),
        parseResult.GetValue(WeightPrior),
        Input.Read(parseResult) with { LabelColumn = parseResult.GetValue(KnownLabels), SkipEmptyRows = parseResult.GetValue(SkipEmptyRows) },
        parseResult.GetValue(Output))
    {
        Plot = parseResult.GetValue(Plot),
        Axes = parseResult.GetValue(Axes),
        ComponentsGiven = parseResult.GetResult(Components) is { Implicit: false },
        Noise = parseResult.GetValue(Noise) ? new NoiseOptions { Neighbours = parseResult.GetValue(NoiseNeighbours) } : null,
        NoiseNeighboursGiven = parseResult.GetResult(NoiseNeighbours) is { Implicit: false },
    };

    /// <summary>α of a symmetric Dirichlet(α) prior on the weights: a finite number ≥ 1, or absent.</summary>
    private static Option<double?> WeightPriorOption() => new("--weight-prior")
    {
        Description = "Symmetric Dirichlet(alpha) prior on the mixture weights, alpha at least 1 (1 changes nothing; larger values pull the weights towards equal and keep small components alive). Off by default.",
        HelpName = "alpha",
        CustomParser = result =>
        {
            if (!TryParseFinite(result, "--weight-prior", out var text, out var value)) return null;
            if (value < 1)
                return Reject<double?>(result, $"--weight-prior: {EchoText.Of(text)} is too small; it must be at least 1");
            return value;
        },
    };
}
