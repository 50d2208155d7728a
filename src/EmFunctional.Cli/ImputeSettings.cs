namespace EmFunctional.Cli;

/// <summary>What <c>em impute</c> was asked: the model, the data, where to write, and multiple imputation's copies and seed.</summary>
/// <param name="Model">The model file.</param>
/// <param name="File">The CSV file with missing cells.</param>
/// <param name="Output">The output file, or null (or <c>-</c>) for stdout.</param>
/// <param name="Draws">With <c>--draws M</c>: M completed copies drawn from the conditional distribution; null for the conditional means.</param>
/// <param name="Seed">The seed of the draws.</param>
/// <param name="Input">How FILE is read.</param>
internal sealed record ImputeSettings(string Model, string File, string? Output, int? Draws, long Seed, CsvReadSettings? Input = null);
