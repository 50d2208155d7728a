namespace EmFunctional.Cli;

/// <summary>What <c>em predict</c> was asked to do (see <see cref="PredictCommandLine"/>).</summary>
/// <param name="Model">The model file written by <c>em fit --output</c>.</param>
/// <param name="File">The CSV file of rows to label.</param>
/// <param name="Output">Where the CSV goes; null for stdout.</param>
/// <param name="Input">How FILE is read (delimiter, header, columns); null for the default.</param>
internal sealed record PredictSettings(string Model, string File, string? Output, CsvReadSettings? Input = null);
