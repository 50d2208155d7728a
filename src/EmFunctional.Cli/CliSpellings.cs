namespace EmFunctional.Cli;

/// <summary>
/// The words the command line uses for the facade's enums. One table per enum, used both to parse
/// options and to print them back (text report, JSON), so a value printed by <c>em</c> can be pasted
/// into the next command line unchanged.
/// </summary>
internal static class CliSpellings
{
    public static readonly IReadOnlyList<(string Word, CovarianceType Value)> Covariances =
    [
        ("full", CovarianceType.Full),
        ("diag", CovarianceType.Diagonal),
        ("spherical", CovarianceType.Spherical),
        ("tied", CovarianceType.Tied),
        .. CovarianceTypes.All.Where(type => !CovarianceTypes.IsHistorical(type))
            .Select(type => (CovarianceTypes.MclustName(type), type)),
    ];

    /// <summary>
    /// mclust's names of the four kinds, accepted on input beside full, diag, spherical and tied (printed as those
    /// words by <c>em fit</c>, as mclust's names by <c>em select</c>), and mclust's one-dimensional E and V, which
    /// are EII and VII on one column.
    /// </summary>
    public static readonly IReadOnlyList<(string Word, CovarianceType Value)> CovarianceAliases =
    [
        ("VVV", CovarianceType.Full),
        ("VVI", CovarianceType.Diagonal),
        ("VII", CovarianceType.Spherical),
        ("EEE", CovarianceType.Tied),
        ("E", CovarianceType.EII),
        ("V", CovarianceType.Spherical),
    ];

    /// <summary>The words of <c>em select --bic-sign</c>.</summary>
    public static readonly IReadOnlyList<(string Word, CriterionSign Value)> CriterionSigns =
    [
        ("lower", CriterionSign.LowerIsBetter),
        ("mclust", CriterionSign.Mclust),
    ];

    public static readonly IReadOnlyList<(string Word, InitializationMethod Value)> Initializations =
    [
        ("auto", InitializationMethod.Automatic),
        ("search", InitializationMethod.Search),
        ("kmeans++", InitializationMethod.KMeansPlusPlus),
        ("kmeans", InitializationMethod.KMeans),
        ("random-from-data", InitializationMethod.RandomFromData),
        ("random-responsibilities", InitializationMethod.RandomResponsibilities),
        ("hc", InitializationMethod.Hierarchical),
    ];

    /// <summary>The words of <c>--family</c>: each column family's own word (the default, gaussian, first), then auto.</summary>
    public static readonly IReadOnlyList<(string Word, FamilyChoice Value)> Families =
    [
        .. ColumnFamilyCatalog.All.Select(family => (ColumnFamilyCatalog.Word(family), ColumnFamilyCatalog.Choice(family))),
        ("auto", FamilyChoice.Auto),
    ];

    /// <summary>The words of <c>em select --criterion</c>.</summary>
    public static readonly IReadOnlyList<(string Word, ModelSelectionCriterion Value)> Criteria =
    [
        ("bic", ModelSelectionCriterion.Bic),
        ("aic", ModelSelectionCriterion.Aic),
        ("icl", ModelSelectionCriterion.Icl),
    ];

    /// <summary>The words of <c>em bootstrap --type</c>.</summary>
    public static readonly IReadOnlyList<(string Word, BootstrapType Value)> BootstrapTypes =
    [
        ("nonparametric", BootstrapType.Nonparametric),
        ("weighted", BootstrapType.WeightedLikelihood),
        ("parametric", BootstrapType.Parametric),
    ];

    public static readonly IReadOnlyList<(string Word, OutputFormat Value)> Formats =
    [
        ("text", OutputFormat.Text),
        ("json", OutputFormat.Json),
    ];

    public static readonly IReadOnlyList<(string Word, DegenerateComponentPolicy Value)> DegeneratePolicies =
    [
        ("regularize", DegenerateComponentPolicy.Regularize),
        ("reinitialize", DegenerateComponentPolicy.Reinitialize),
        ("error", DegenerateComponentPolicy.Error),
    ];

    /// <summary>The words of <c>--missing</c>.</summary>
    public static readonly IReadOnlyList<(string Word, MissingCellPolicy Value)> MissingCellPolicies =
    [
        ("model", MissingCellPolicy.Model),
        ("error", MissingCellPolicy.Refuse),
    ];

    public static string Word(DegenerateComponentPolicy value) => DegeneratePolicies.Single(entry => entry.Value == value).Word;

    public static string Word(BootstrapType value) => BootstrapTypes.Single(entry => entry.Value == value).Word;

    public static string Word(CovarianceType value) => Covariances.Single(entry => entry.Value == value).Word;

    public static string Word(InitializationMethod value) => Initializations.Single(entry => entry.Value == value).Word;

    public static string Word(FamilyChoice value) => Families.Single(entry => entry.Value == value).Word;

    public static string Word(ModelSelectionCriterion value) => Criteria.Single(entry => entry.Value == value).Word;

    /// <summary>A column's family in the words of <c>--family</c>: "gaussian", "bernoulli", "categorical", "poisson".</summary>
    public static string Word(ColumnFamily value) => ColumnFamilyCatalog.Word(value);

    /// <summary>A column's family as a name in prose: "Gaussian", "Bernoulli", "categorical", "Poisson".</summary>
    public static string Name(ColumnFamily value) => ColumnFamilyCatalog.Name(value);

    /// <summary>camelCase, like every other JSON name: "logLikelihoodConverged", "maximumIterations".</summary>
    public static string Word(StopReason value) => value switch
    {
        StopReason.LogLikelihoodConverged => "logLikelihoodConverged",
        StopReason.ResponsibilitiesConverged => "responsibilitiesConverged",
        StopReason.MaximumIterations => "maximumIterations",
        StopReason.Cancelled => "cancelled",
        StopReason.TimeBudgetExhausted => "timeBudgetExhausted",
        _ => value.ToString(),
    };

    /// <summary>A phrase for the text report.</summary>
    public static string Description(StopReason value, double tolerance, int maximumIterations) => value switch
    {
        StopReason.LogLikelihoodConverged => $"mean log-likelihood changed by less than --tolerance {NumberFormatting.Format(tolerance)}",
        StopReason.ResponsibilitiesConverged => "responsibilities stopped changing",
        StopReason.MaximumIterations => $"reached --max-iterations {maximumIterations}",
        StopReason.Cancelled => "cancelled",
        StopReason.TimeBudgetExhausted => "the time budget (--max-seconds) ran out; the state reached is reported",
        _ => value.ToString(),
    };

    /// <summary>A few words for the restarts table.</summary>
    public static string ShortDescription(StopReason value) => value switch
    {
        StopReason.LogLikelihoodConverged or StopReason.ResponsibilitiesConverged => "converged",
        StopReason.MaximumIterations => "reached --max-iterations",
        StopReason.Cancelled => "cancelled",
        StopReason.TimeBudgetExhausted => "time budget ran out",
        _ => value.ToString(),
    };

    public static string Joined<T>(IReadOnlyList<(string Word, T Value)> table) => string.Join("|", table.Select(entry => entry.Word));
}
