using System.CommandLine;
using System.Globalization;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options of <c>em select</c>. As for <c>em fit</c>, values are parsed with the
/// invariant culture (<see cref="OptionParsers"/>) and every rejected value gets a one-line message
/// naming the option. The grid options take lists: <c>--components 1..9</c>, <c>--components 2,3,5</c>
/// (or both, <c>1..3,5</c>) and <c>--covariance all</c>, <c>--covariance full,tied</c>.
/// </summary>
internal sealed class SelectCommandLine
{
    /// <summary>
    /// The most components a grid may ask for: a cell fits K components with restarts, so a grid far beyond
    /// this would run for hours (and its list alone would not fit in memory), and no data set the tool can
    /// read supports it.
    /// </summary>
    public const int LargestComponentCount = 1000;

    public Argument<string?> File { get; } = FileArgument("CSV file with a header row of column names and one row of numbers per line (lines starting with # are comments); - reads stdin. Omit it to use the bundled Old Faithful data (272 rows: eruptions, waiting).");

    public CsvInputOptions Input { get; } = new();

    public Option<bool> SkipEmptyRows { get; } = CsvInputOptions.SkipEmptyRows();

    public Option<string?> Components { get; } = ComponentsOption();

    public Option<string> Covariance { get; } = CovarianceOption();

    public ChoiceOption<ModelSelectionCriterion> Criterion { get; } = new("--criterion", "What picks the best cell, all lower-is-better: bic (-2 log L + p ln n), aic (-2 log L + 2p) or icl (BIC plus twice the entropy of the most likely classification; prefers well-separated clusters).", CliSpellings.Criteria, ModelSelectionCriterion.Bic);

    public EmOptions Em { get; } = new(
        restarts: "EM runs per cell from different starts (at least 1); each cell reports its best.",
        seed: "Seed of every random choice (each cell's seed is derived from it); the same seed and data give the same output.",
        tolerance: "Stop a run when the mean log-likelihood per row changes by less than this (0 runs exactly --max-iterations iterations).",
        maxIterations: "Maximum EM iterations per run (at least 1); a cell that reaches it is noted as not converged.",
        automatic: "with one restart per cell, mclust's hierarchical start on data of at most 2000 rows, the search beyond; kmeans++ for each of several");

    public ChoiceOption<CriterionSign> BicSign { get; } = new("--bic-sign", "How the criteria are printed: lower (lower is better, as everywhere in em: BIC = -2 log L + p ln n) or mclust (negated, higher is better, as mclust prints BIC and ICL, for comparing tables). The best cell is the same either way.", CliSpellings.CriterionSigns, CriterionSign.LowerIsBetter);

    public Option<bool> Noise { get; } = Flag("--noise", "Add mclust's noise component to every cell: a uniform density over the data's box with its own weight, for rows that belong to no cluster (JSON: noiseWeight per cell). Every cell starts from one guess of the noise rows by nearest-neighbour cleaning.");

    public Option<int> NoiseNeighbours { get; } = IntegerOption("--noise-neighbours", "With --noise: how many nearest neighbours the first guess of the noise rows measures each row by (at least 1).", defaultValue: NoiseOptions.DefaultNeighbours, minimum: 1);

    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "text: the criterion's table with the best cell marked; json: one JSON object with every cell and the best.", CliSpellings.Formats, OutputFormat.Text);

    public Option<string?> Plot { get; } = PlotOptions.Plot("Also draw the criterion against the number of components K, one line per covariance type, failed cells left out and the best cell ringed.");

    /// <summary>The <c>select</c> command with all of the above, run by <see cref="SelectCommand"/>.</summary>
    public static Command Create(TextWriter stdout, TerminalOutput terminal, Interruption interruption)
    {
        var line = new SelectCommandLine();
        var command = new Command("select", "Choose the number of components and the covariance type: fit every cell of a grid (component counts × covariance types) with restarts, and print BIC, AIC or ICL per cell and the best cell.")
        {
            line.File,
        };
        line.Input.AddTo(command);
        command.Options.Add(line.SkipEmptyRows);
        foreach (var option in (Option[])[line.Components, line.Covariance, line.Criterion.Option, line.BicSign.Option, .. line.Em.All, line.Noise, line.NoiseNeighbours, line.Format.Option, line.Plot])
            command.Options.Add(option);
        command.SetAction(parseResult => SelectCommand.Execute(line.Read(parseResult), stdout, terminal, interruption));
        return command;
    }

    /// <summary>The validated settings of a successful parse.</summary>
    public SelectSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(File),
        parseResult.GetValue(Components) is { } components ? ParseComponents(components, out _) : null,
        ParseCovariances(parseResult.GetValue(Covariance) ?? "all", out _)!,
        Criterion.Read(parseResult),
        Em.Read(parseResult),
        Format.Read(parseResult),
        Input.Read(parseResult) with { SkipEmptyRows = parseResult.GetValue(SkipEmptyRows) })
    {
        Plot = parseResult.GetValue(Plot),
        Sign = BicSign.Read(parseResult),
        Noise = parseResult.GetValue(Noise) ? new NoiseOptions { Neighbours = parseResult.GetValue(NoiseNeighbours) } : null,
        NoiseNeighboursGiven = parseResult.GetResult(NoiseNeighbours) is { Implicit: false },
    };

    /// <summary>
    /// "1..9", "2,3,5", "1..3,5": the component counts, ascending; null with <paramref name="problem"/> set
    /// when the text is not such a list of whole numbers ≥ 1 without repeats.
    /// </summary>
    public static IReadOnlyList<int>? ParseComponents(string text, out string? problem)
    {
        problem = null;
        var values = new List<int>();
        var listed = new HashSet<int>();
        foreach (var rawItem in text.Split(','))
        {
            var item = rawItem.Trim();
            var range = item.Split("..");
            if (range.Length > 2 || item.Length == 0)
            {
                problem = $"\"{EchoText.Of(text)}\" is not a list of component counts such as 1..9 or 2,3,5";
                return null;
            }
            var bounds = new int[range.Length];
            for (var b = 0; b < range.Length; b++)
            {
                if (!int.TryParse(range[b].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out bounds[b]))
                {
                    problem = $"\"{EchoText.Of(item)}\" is not a whole number or a range such as 1..9";
                    return null;
                }
                if (bounds[b] < 1)
                {
                    problem = $"\"{EchoText.Of(item)}\" includes {bounds[b]}; component counts start at 1";
                    return null;
                }
            }
            var (first, last) = (bounds[0], bounds[^1]);
            if (last < first)
            {
                problem = $"\"{EchoText.Of(item)}\" is an empty range; write it as {last}..{first}";
                return null;
            }
            if (last > LargestComponentCount)
            {
                problem = $"\"{EchoText.Of(item)}\" includes {last}; a grid goes up to {LargestComponentCount} components";
                return null;
            }
            for (var k = first; k <= last; k++)
            {
                if (!listed.Add(k))
                {
                    problem = $"{k} is listed twice in \"{EchoText.Of(text)}\"";
                    return null;
                }
                values.Add(k);
            }
        }
        values.Sort();
        return values;
    }

    /// <summary>
    /// "all" (mclust's fourteen models, in mclust's order), "VEV,VVE", "full,tied": the covariance types in the order
    /// given; null with <paramref name="problem"/> set otherwise.
    /// </summary>
    public static IReadOnlyList<CovarianceType>? ParseCovariances(string text, out string? problem)
    {
        problem = null;
        var values = new List<CovarianceType>();
        foreach (var rawItem in text.Split(','))
        {
            var item = rawItem.Trim();
            IEnumerable<CovarianceType> expanded;
            if (string.Equals(item, "all", StringComparison.OrdinalIgnoreCase))
            {
                expanded = CovarianceTypes.All;
            }
            else
            {
                var match = CliSpellings.Covariances.Concat(CliSpellings.CovarianceAliases).Where(entry => string.Equals(entry.Word, item, StringComparison.OrdinalIgnoreCase)).ToArray();
                if (match.Length == 0)
                {
                    problem = $"\"{EchoText.Of(item)}\" is not one of all|{string.Join("|", CovarianceTypes.All.Select(type => CovarianceTypes.MclustName(type)))} (or full|diag|spherical|tied)";
                    return null;
                }
                expanded = [match[0].Value];
            }
            foreach (var type in expanded)
            {
                if (values.Contains(type))
                {
                    problem = $"{CovarianceTypes.MclustName(type)} is listed twice in \"{EchoText.Of(text)}\"";
                    return null;
                }
                values.Add(type);
            }
        }
        return values;
    }

    private static Option<string?> ComponentsOption() => new("--components", "-k")
    {
        Description = "Component counts K to try: a range (1..9), a list (2,3,5) or both (1..3,5). [default: 1..9, at most the number of distinct rows]",
        HelpName = "list",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            ParseComponents(text, out var problem);
            return problem is null ? text : Reject<string?>(result, $"--components: {problem}");
        },
    };

    private static Option<string> CovarianceOption() => new("--covariance")
    {
        Description = "Covariance models to try: all (mclust's fourteen: EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV; on one column they are two, E and V), or a comma-separated list of them (full, diag, spherical and tied name VVV, VVI, VII and EEE). The report names every model as mclust does.",
        HelpName = "all|VEV,VVE,...",
        DefaultValueFactory = _ => "all",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            ParseCovariances(text, out var problem);
            return problem is null ? text : Reject<string>(result, $"--covariance: {problem}");
        },
    };
}
