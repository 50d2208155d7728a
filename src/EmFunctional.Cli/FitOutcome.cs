namespace EmFunctional.Cli;

/// <summary>What the renderers print: the request, the data it ran on and the fitted model.</summary>
internal sealed record FitOutcome(FitSettings Settings, CsvData Data, GaussianMixtureModel Model);
