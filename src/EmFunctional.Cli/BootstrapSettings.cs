namespace EmFunctional.Cli;

/// <summary>What <c>em bootstrap</c> was asked: the model, the data, the replicates and how they are made.</summary>
/// <param name="Model">The model file.</param>
/// <param name="File">The CSV file of the rows (those the model was fitted on).</param>
/// <param name="Replicates">How many refits.</param>
/// <param name="Seed">The seed of every draw.</param>
/// <param name="Type">Nonparametric, weighted likelihood or parametric.</param>
/// <param name="Level">The intervals' coverage.</param>
/// <param name="Format">Text tables or one JSON object.</param>
/// <param name="Input">How FILE is read.</param>
internal sealed record BootstrapSettings(string Model, string File, int Replicates, long Seed, BootstrapType Type, double Level, OutputFormat Format, CsvReadSettings? Input = null);
