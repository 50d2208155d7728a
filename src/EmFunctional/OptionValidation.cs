using EmFunctional.Core.Families.Gaussian;

namespace EmFunctional;

/// <summary>The checks every fitting entry point makes of its EM settings, with messages naming the option.</summary>
internal static class OptionValidation
{
    public static void CheckComponents(int components)
    {
        if (components < 1) throw new ArgumentOutOfRangeException(nameof(components), components, $"components is {components}; it must be at least 1");
    }

    /// <summary>Every setting of <see cref="EmSettings"/>, each named as the option it is.</summary>
    public static void CheckEmSettings(EmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings, "options");
        CheckEmSettings(settings.Restarts, settings.MaxIterations, settings.Tolerance, settings.ResponsibilityTolerance, settings.Regularization);
        CheckParallelism(settings.MaxDegreeOfParallelism);
        CheckTimeBudget(settings.TimeBudget);
        if (!Enum.IsDefined(settings.Initialization))
            throw new ArgumentOutOfRangeException("options", settings.Initialization, $"options.Initialization is {settings.Initialization}; it is not an initialization method");
        if (!Enum.IsDefined(settings.DegenerateComponents))
            throw new ArgumentOutOfRangeException("options", settings.DegenerateComponents, $"options.DegenerateComponents is {settings.DegenerateComponents}; it is not a degenerate-component policy");
    }

    private static void CheckEmSettings(int restarts, int maxIterations, double tolerance, double? responsibilityTolerance, double regularization)
    {
        const string options = "options";
        if (restarts < 1) throw new ArgumentOutOfRangeException(options, restarts, $"options.Restarts is {restarts}; it must be at least 1");
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(options, maxIterations, $"options.MaxIterations is {maxIterations}; it must be at least 1");
        if (!(tolerance >= 0) || double.IsInfinity(tolerance)) throw new ArgumentOutOfRangeException(options, tolerance, $"options.Tolerance is {tolerance}; it must be a finite number ≥ 0");
        if (responsibilityTolerance is { } delta && (!(delta >= 0) || double.IsInfinity(delta)))
            throw new ArgumentOutOfRangeException(options, delta, $"options.ResponsibilityTolerance is {delta}; it must be a finite number ≥ 0");
        if (!(regularization >= 0) || double.IsInfinity(regularization))
            throw new ArgumentOutOfRangeException(options, regularization, $"options.Regularization is {regularization}; it must be a finite number ≥ 0");
    }

    /// <summary>A time budget is positive and at most <see cref="int.MaxValue"/> milliseconds (about 24 days).</summary>
    private static void CheckTimeBudget(TimeSpan? budget)
    {
        if (budget is { } value && (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue))
            throw new ArgumentOutOfRangeException("options", value, $"options.TimeBudget is {value}; it must be positive and at most {TimeSpan.FromMilliseconds(int.MaxValue)}");
    }

    private static void CheckParallelism(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism is 0 or < -1)
            throw new ArgumentOutOfRangeException("options", maxDegreeOfParallelism, $"options.MaxDegreeOfParallelism is {maxDegreeOfParallelism}; it must be -1 (all cores) or at least 1");
    }

    /// <summary>Every column of a fit has an observed cell: one that is missing everywhere has parameters no data can estimate.</summary>
    public static void CheckObservedColumns(Core.Dataset data)
    {
        if (data.Missing is not { } missing) return;
        for (var j = 0; j < data.Columns; j++)
            if (missing.ByColumn[j] == data.Rows)
                throw new ArgumentException($"column {j}: every cell is missing; a column needs at least one observed value (remove the column)", "data");
    }

    /// <summary>At least K distinct rows (with positive weight), or the components cannot all start apart.</summary>
    public static void CheckDistinctRows(Core.Dataset data, int components)
    {
        var distinct = data.CountDistinctRows(components);
        if (distinct < components)
            throw new ArgumentException(Core.Errors.TooFewDistinctRows(distinct, components).Message, nameof(components));
    }

    /// <summary>
    /// A full or tied model holds, per component, a D × D covariance matrix of its <paramref name="columns"/>
    /// Gaussian columns (diagonal and spherical ones hold D variances): refuse, before any work, a width
    /// whose K matrices would not fit in half the memory this process may use (or in one .NET array),
    /// rather than fail with an overflow or out of memory at the end of the fit.
    /// </summary>
    public static void CheckWidth(int columns, int components, CovarianceType covariance)
    {
        if (Conversions.ToKind(covariance) is not (CovarianceKind.Full or CovarianceKind.Tied)) return;
        var numbers = (double)columns * columns;
        var bytes = numbers * components * sizeof(double);
        var available = (double)GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        if (numbers > Array.MaxLength || bytes > available)
            throw new ArgumentException(
                $"the data has {columns} Gaussian columns, and {components} {(covariance == CovarianceType.Tied ? "tied" : covariance == CovarianceType.Full ? "full" : covariance.ToString())} component{(components == 1 ? "" : "s")} of {columns} × {columns} covariance numbers need {bytes / (1 << 30):F1} GiB, more than the {available / (1 << 30):F1} GiB a model may use here; use fewer columns or a diagonal covariance (diag or spherical hold {columns} numbers per component)",
                "data");
    }

    /// <summary>
    /// The conjugate priors exist for ten covariance types (<see cref="CovarianceTypes.HasConjugatePrior"/>); VEE, EVE,
    /// VVE and EVV are fitted by maximum likelihood only, as in mclust.
    /// </summary>
    public static void CheckPriorsAvailable(bool usePriors, CovarianceType covariance, bool hasGaussianColumns)
    {
        if (!usePriors || !hasGaussianColumns || CovarianceTypes.HasConjugatePrior(covariance)) return;
        var covered = string.Join(", ", CovarianceTypes.All.Where(CovarianceTypes.HasConjugatePrior));
        throw new ArgumentException(
            $"UsePriors: the priors cover the covariances {covered} (mclust's models but VEE, EVE, VVE and EVV), not {covariance}; fit {covariance} without priors, or pick one of those",
            "options");
    }
}
