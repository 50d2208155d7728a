using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// The arguments and options of <c>em fit</c>: their names, defaults, help text, parsing and range
/// checks. Values are parsed here, with the invariant culture, rather than by System.CommandLine's
/// default converters so that "1e-3" means the same in every locale and every rejected value gets a
/// one-line message naming the option and the allowed range.
/// </summary>
internal sealed class FitCommandLine
{
    public Argument<string?> File { get; } = FileArgument();

    public Option<int> Components { get; } = IntegerOption("--components", "Number of mixture components K (at least 1).", defaultValue: 2, minimum: 1, "-k");

    public ChoiceOption<CovarianceType> Covariance { get; } = new("--covariance", "Covariance of each component: full (its own full matrix), diag (its own diagonal matrix), spherical (its own single variance) or tied (one full matrix shared by all).", CliSpellings.Covariances, CovarianceType.Full);

    public ChoiceOption<InitializationMethod> Initialization { get; } = new("--init", "How each restart chooses its starting parameters: kmeans++ (k-means++ seeds), kmeans (Lloyd's k-means from k-means++ seeds), random-from-data (K distinct rows as means) or random-responsibilities.", CliSpellings.Initializations, InitializationMethod.KMeansPlusPlus, helpName: "method");

    public Option<int> Restarts { get; } = IntegerOption("--restarts", "Number of EM runs from different starts (at least 1); the one with the highest log-likelihood is reported.", defaultValue: 1, minimum: 1);

    public Option<long> Seed { get; } = SeedOption();

    public Option<double> Tolerance { get; } = NonNegativeRealOption("--tolerance", "Stop when the mean log-likelihood per row changes by less than this (0 runs exactly --max-iterations iterations).", 1e-3);

    public Option<int> MaxIterations { get; } = IntegerOption("--max-iterations", "Maximum EM iterations per restart (at least 1); reaching it is reported as not converged.", defaultValue: 100, minimum: 1);

    public Option<double> Regularization { get; } = NonNegativeRealOption("--regularization", "Added to every covariance diagonal to keep it invertible (at least 0).", 1e-6);

    public ChoiceOption<FamilyChoice> Family { get; } = new("--family", "Distribution of each column within a component: gaussian (continuous), bernoulli (0/1), categorical (integer codes 0, 1, 2, ...), poisson (counts) or auto (a family per column from its values: only 0 and 1 -> bernoulli; other non-negative integers -> poisson; anything else -> gaussian).", CliSpellings.Families, FamilyChoice.Gaussian, helpName: "family");

    public Option<bool> Labels { get; } = Flag("--labels", "Also report the most probable component of each row: a 'labels' array in JSON (0-based, in file order), a count of rows per component in text.");

    public Option<bool> Priors { get; } = Flag("--priors", "Maximum a posteriori fit with each family's default conjugate prior (Beta(2,2), Dirichlet(2), Gamma on Poisson rates, mclust's Normal-inverse-Wishart on Gaussian columns) instead of maximum likelihood.");

    public Option<double?> WeightPrior { get; } = WeightPriorOption();

    public ChoiceOption<OutputFormat> Format { get; } = new("--format", "text: tables for reading; json: one JSON object on stdout for programs.", CliSpellings.Formats, OutputFormat.Text);

    /// <summary>The <c>fit</c> command with all of the above; <paramref name="action"/> runs it.</summary>
    public Command CreateCommand(Func<ParseResult, int> action)
    {
        var command = new Command("fit", "Fit a mixture model by EM to the numeric columns of a CSV file (Gaussian by default; Bernoulli, categorical, Poisson or a family per column with --family) and print its parameters, log-likelihood and BIC.")
        {
            File, Components, Family.Option, Covariance.Option, Initialization.Option, Restarts, Seed, Tolerance, MaxIterations, Regularization,
            Priors, WeightPrior, Labels, Format.Option,
        };
        command.SetAction(action);
        return command;
    }

    /// <summary>The validated settings of a successful parse.</summary>
    public FitSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(File),
        parseResult.GetValue(Components),
        Covariance.Read(parseResult),
        Initialization.Read(parseResult),
        parseResult.GetValue(Restarts),
        parseResult.GetValue(Seed),
        parseResult.GetValue(Tolerance),
        parseResult.GetValue(MaxIterations),
        parseResult.GetValue(Regularization),
        Format.Read(parseResult),
        Family.Read(parseResult),
        parseResult.GetValue(Labels),
        parseResult.GetValue(Priors),
        parseResult.GetValue(WeightPrior));

    private static Argument<string?> FileArgument()
    {
        var argument = new Argument<string?>("FILE")
        {
            Description = "CSV file with a header row of column names and one row of numbers per line. Omit it to fit the bundled Old Faithful data (272 rows: eruptions, waiting).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        argument.Validators.Add(result =>
        {
            // System.CommandLine passes a misspelt option such as "--component" on as FILE; "no such file"
            // would be a confusing answer. A file whose name starts with '-' is still accepted if it exists.
            var value = result.Tokens.Count == 0 ? null : result.Tokens[0].Value;
            if (value is { Length: > 1 } && value[0] == '-' && !System.IO.File.Exists(value))
                result.AddError($"unknown option {value}");
        });
        return argument;
    }

    private static Option<int> IntegerOption(string name, string description, int defaultValue, int minimum, params string[] aliases) => new(name, aliases)
    {
        Description = description,
        HelpName = "integer",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
                return Reject<int>(result, $"{name}: \"{text}\" is not a whole number");
            if (value < minimum)
                return Reject<int>(result, $"{name}: {value} is too small; it must be at least {minimum}");
            return value;
        },
    };

    private static Option<long> SeedOption() => new("--seed")
    {
        Description = "Seed of every random choice; the same seed and data give the same output.",
        HelpName = "integer",
        DefaultValueFactory = _ => 0,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : Reject<long>(result, $"--seed: \"{text}\" is not a whole number");
        },
    };

    private static Option<double> NonNegativeRealOption(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "number",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return Reject<double>(result, $"{name}: \"{text}\" is not a finite number");
            if (value < 0)
                return Reject<double>(result, $"{name}: {text} is negative; it must be at least 0");
            return value;
        },
    };

    /// <summary>An option that takes no value: present means true.</summary>
    private static Option<bool> Flag(string name, string description) => new(name)
    {
        Description = description,
        // Arity zero: "--labels data.csv" must not try to read data.csv as true or false.
        Arity = ArgumentArity.Zero,
    };

    /// <summary>α of a symmetric Dirichlet(α) prior on the weights: a finite number ≥ 1, or absent.</summary>
    private static Option<double?> WeightPriorOption() => new("--weight-prior")
    {
        Description = "Symmetric Dirichlet(alpha) prior on the mixture weights, alpha at least 1 (1 changes nothing; larger values pull the weights towards equal and keep small components alive). Off by default.",
        HelpName = "alpha",
        CustomParser = result =>
        {
            var text = SingleToken(result);
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                return Reject<double?>(result, $"--weight-prior: \"{text}\" is not a finite number");
            if (value < 1)
                return Reject<double?>(result, $"--weight-prior: {text} is too small; it must be at least 1");
            return value;
        },
    };

    private static string SingleToken(ArgumentResult result) => result.Tokens.Count == 0 ? "" : result.Tokens[0].Value;

    private static T Reject<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
