namespace EmFunctional.Cli;

/// <summary>What the renderers print: the request, the data it ran on and the fitted model.</summary>
/// <param name="Settings">The validated command line.</param>
/// <param name="Data">The rows that were fitted.</param>
/// <param name="Model">The fitted model, whatever the families of its columns.</param>
/// <param name="Labels">The most probable component of each row (0-based, file order) when <c>--labels</c> was given, else null.</param>
internal sealed record FitOutcome(FitSettings Settings, CsvData Data, FamilyMixtureModel Model, IReadOnlyList<int>? Labels = null);
