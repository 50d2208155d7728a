using System.CommandLine;
using static EmFunctional.Cli.OptionParsers;

namespace EmFunctional.Cli;

/// <summary>
/// The options of the EM runs themselves, which <c>em fit</c> and <c>em select</c> share: how a run
/// starts, how many runs, the seed, when a run stops and the covariance regularization. The commands
/// word some of them differently (a fit's restarts are a cell's in <c>em select</c>) and default to
/// different numbers of restarts; names, parsing and range checks are the same.
/// </summary>
internal sealed class EmOptions(int defaultRestarts, string restarts, string seed, string tolerance, string maxIterations)
{
    public ChoiceOption<InitializationMethod> Initialization { get; } = new("--init", "How each restart chooses its starting parameters: kmeans++ (k-means++ seeds), kmeans (Lloyd's k-means from k-means++ seeds), random-from-data (K distinct rows as means) or random-responsibilities.", CliSpellings.Initializations, InitializationMethod.KMeansPlusPlus, helpName: "method");

    public Option<int> Restarts { get; } = IntegerOption("--restarts", restarts, defaultRestarts, minimum: 1);

    public Option<long> Seed { get; } = SeedOption(seed);

    public Option<double> Tolerance { get; } = NonNegativeRealOption("--tolerance", tolerance, 1e-3);

    public Option<int> MaxIterations { get; } = IntegerOption("--max-iterations", maxIterations, defaultValue: 100, minimum: 1);

    public Option<double> Regularization { get; } = NonNegativeRealOption("--regularization", "Added to every covariance diagonal to keep it invertible (at least 0).", 1e-6);

    /// <summary>All of the above, in the order help lists them.</summary>
    public IEnumerable<Option> All => [Initialization.Option, Restarts, Seed, Tolerance, MaxIterations, Regularization];

    /// <summary>The validated settings of a successful parse.</summary>
    public EmSettings Read(ParseResult parseResult) => new(
        Initialization.Read(parseResult),
        parseResult.GetValue(Restarts),
        parseResult.GetValue(Seed),
        parseResult.GetValue(Tolerance),
        parseResult.GetValue(MaxIterations),
        parseResult.GetValue(Regularization));
}
