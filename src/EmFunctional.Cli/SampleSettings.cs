namespace EmFunctional.Cli;

/// <summary>What <c>em sample</c> was asked to do (see <see cref="SampleCommandLine"/>).</summary>
/// <param name="Model">The model file written by <c>em fit --output</c>.</param>
/// <param name="Rows">How many rows to draw (≥ 1).</param>
/// <param name="Seed">Seed of the draws; the same seed and model give the same rows.</param>
/// <param name="Output">Where the CSV goes; null for stdout.</param>
internal sealed record SampleSettings(string Model, int Rows, long Seed, string? Output);
