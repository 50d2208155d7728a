namespace EmFunctional.Cli;

/// <summary>
/// Everything <c>em fit</c> was asked to do, already parsed and validated (see
/// <see cref="FitCommandLine"/>). The JSON report echoes these values so that any run can be repeated.
/// </summary>
/// <param name="File">The CSV file, or null for the bundled Old Faithful data.</param>
/// <param name="Components">K ≥ 1.</param>
/// <param name="Covariance">Covariance parametrization of the Gaussian columns.</param>
/// <param name="Em">Restarts, seed, stopping rule and the rest of how EM runs.</param>
/// <param name="Format">Text tables or one JSON object.</param>
/// <param name="Family">The family of every column, or <see cref="FamilyChoice.Auto"/> to pick one per column.</param>
/// <param name="Labels">Report the most probable component of each row.</param>
/// <param name="Priors">MAP estimation with each family's default conjugate prior.</param>
/// <param name="WeightPrior">α ≥ 1 of a symmetric Dirichlet prior on the weights, or null for maximum likelihood.</param>
/// <param name="Input">How the CSV input is read (delimiter, header, columns); null for the default.</param>
/// <param name="Output">The file to save the fitted model to (<c>--output</c>), or null.</param>
internal sealed record FitSettings(
    string? File,
    int Components,
    CovarianceType Covariance,
    EmSettings Em,
    OutputFormat Format,
    FamilyChoice Family = FamilyChoice.Gaussian,
    bool Labels = false,
    bool Priors = false,
    double? WeightPrior = null,
    CsvReadSettings? Input = null,
    string? Output = null)
{
    /// <summary>The SVG file <c>--plot</c> asked for, or null for no picture.</summary>
    public string? Plot { get; init; }

    /// <summary>The one or two columns <c>--axes</c> named for the picture, or null for the default.</summary>
    public IReadOnlyList<string>? Axes { get; init; }

    /// <summary>True when a prior of either kind makes the fit maximize the log-posterior.</summary>
    public bool UsesPriors => Priors || WeightPrior is not null;

    /// <summary>True when <c>--components</c> was given; with <c>--known-labels</c> it defaults to the number of classes otherwise.</summary>
    public bool ComponentsGiven { get; init; } = true;

    /// <summary>The noise component <c>--noise</c> asked for (with <c>--noise-neighbours</c>), or null.</summary>
    public NoiseOptions? Noise { get; init; }

    /// <summary>True when <c>--noise-neighbours</c> was on the command line (it means nothing without <c>--noise</c>).</summary>
    public bool NoiseNeighboursGiven { get; init; }

    /// <summary>The <c>--known-labels</c> column, or null.</summary>
    public string? KnownLabelsColumn => Input?.LabelColumn;

    /// <summary>The facade's options for these settings.</summary>
    public FamilyMixtureOptions ToOptions() => new(Em)
    {
        Family = Family,
        Covariance = Covariance,
        UsePriors = Priors,
        WeightConcentration = WeightPrior,
        Noise = Noise,
    };
}
