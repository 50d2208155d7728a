using System.CommandLine;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// The options of the EM runs themselves, which <c>em fit</c> and <c>em select</c> share: how a run
/// starts, how many runs, the seed, when a run stops and the covariance regularization. The commands
/// word some of them differently (a fit's restarts are a cell's in <c>em select</c>); names, defaults (the
/// facade's <see cref="EmSettings"/>), parsing and range checks are the same.
/// </summary>
internal sealed class EmOptions(string restarts, string seed, string tolerance, string maxIterations, string automatic = "search with one restart, kmeans++ for each of several")
{
    public ChoiceOption<InitializationMethod> Initialization { get; } = new("--init", $"How each restart chooses its starting parameters: auto ({automatic}), search (short EM: 101 starts run a few iterations, the better half kept each round until one is left), kmeans++ (k-means++ seeds), kmeans (Lloyd's k-means from k-means++ seeds), random-from-data (K distinct rows as means), random-responsibilities or hc (mclust's model-based hierarchical clustering).", CliSpellings.Initializations, Defaults.Initialization, helpName: "method");

    private static readonly EmSettings Defaults = new();

    public Option<int> Restarts { get; } = IntegerOption("--restarts", restarts, Defaults.Restarts, minimum: 1);

    public Option<long> Seed { get; } = SeedOption(seed);

    public Option<double> Tolerance { get; } = NonNegativeRealOption("--tolerance", tolerance, Defaults.Tolerance);

    public Option<int> MaxIterations { get; } = IntegerOption("--max-iterations", maxIterations, defaultValue: Defaults.MaxIterations, minimum: 1);

    public Option<double> Regularization { get; } = NonNegativeRealOption("--regularization", "Added to every covariance diagonal to keep it invertible (at least 0).", Defaults.Regularization);

    /// <summary>All of the above, in the order help lists them.</summary>
    public ChoiceOption<DegenerateComponentPolicy> Degenerate { get; } = new("--degenerate", "What to do with a component that degenerates (explains almost no rows, or collapses onto a point or a line): regularize (keep the fit alive: raise that component's regularization, or restart an empty one, and report it), reinitialize (restart it at the worst-explained row) or error (stop with a message, as scikit-learn does).", CliSpellings.DegeneratePolicies, DegenerateComponentPolicy.Regularize, helpName: "policy");

    public Option<double?> MaxSeconds { get; } = new("--max-seconds")
    {
        Description = "Stop after this many seconds (0.001 or more) with the best state reached so far, reported with stop reason 'time budget'. Off by default; a budget makes results depend on the machine's speed.",
        HelpName = "seconds",
        CustomParser = result =>
        {
            if (!TryParseFinite(result, "--max-seconds", out var text, out var value)) return null;
            // The budget is kept in whole clock ticks; below a millisecond it would round to nothing.
            if (!(value >= 0.001) || value * 1000 > int.MaxValue)
                return Reject<double?>(result, $"--max-seconds: {EchoText.Of(text)} is out of range; it must be at least 0.001 and at most {int.MaxValue / 1000}");
            return value;
        },
    };

    public IEnumerable<Option> All => [Initialization.Option, Restarts, Seed, Tolerance, MaxIterations, Regularization, Degenerate.Option, MaxSeconds];

    /// <summary>The validated settings of a successful parse.</summary>
    public EmSettings Read(ParseResult parseResult) => new()
    {
        Initialization = Initialization.Read(parseResult),
        Restarts = parseResult.GetValue(Restarts),
        Seed = parseResult.GetValue(Seed),
        Tolerance = parseResult.GetValue(Tolerance),
        MaxIterations = parseResult.GetValue(MaxIterations),
        Regularization = parseResult.GetValue(Regularization),
        DegenerateComponents = Degenerate.Read(parseResult),
        TimeBudget = parseResult.GetValue(MaxSeconds) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };
}
