namespace EmFunctional.Cli;

/// <summary>
/// Everything <c>em select</c> was asked to do, already parsed and validated (see <see cref="SelectCommandLine"/>).
/// </summary>
/// <param name="File">The CSV file, or null for the bundled Old Faithful data.</param>
/// <param name="Components">The component counts K, ascending; null for the default 1..9 capped at the number of distinct rows.</param>
/// <param name="Covariances">The covariance types, in the order given (mclust's fourteen by default).</param>
/// <param name="Criterion">What picks the best cell.</param>
/// <param name="Em">How every cell is fitted: restarts per cell, the seed every cell's seed is derived from, and so on.</param>
/// <param name="Format">Text table or one JSON object.</param>
/// <param name="Input">How the CSV input is read (delimiter, header, columns); null for the default.</param>
internal sealed record SelectSettings(
    string? File,
    IReadOnlyList<int>? Components,
    IReadOnlyList<CovarianceType> Covariances,
    ModelSelectionCriterion Criterion,
    EmSettings Em,
    OutputFormat Format,
    CsvReadSettings? Input = null)
{
    /// <summary>How the criteria are printed: lower-is-better (the default) or negated, as mclust prints them.</summary>
    public CriterionSign Sign { get; init; } = CriterionSign.LowerIsBetter;

    /// <summary><paramref name="value"/> of a criterion as <see cref="Sign"/> prints it.</summary>
    public double Shown(double value) => Sign == CriterionSign.Mclust ? -value : value;

    /// <summary>The noise component <c>--noise</c> asked for in every cell (with <c>--noise-neighbours</c>), or null.</summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>True when <c>--noise-neighbours</c> was on the command line (it means nothing without <c>--noise</c>).</summary>
    public bool NoiseNeighboursGiven { get; init; }

    /// <summary>The SVG file <c>--plot</c> asked for, or null for no picture.</summary>
    public string? Plot { get; init; }

    /// <summary>The facade's options for these settings.</summary>
    public ModelSelectionOptions ToOptions() => new(Em)
    {
        Components = Components,
        Covariances = Covariances,
        Criterion = Criterion,
        Noise = Noise,
    };
}
