using LanguageExt.Common;

namespace EmFunctional.Core;

/// <summary>
/// The error codes carried by <see cref="Error.Code"/> so that callers (the facade, the CLI) can tell
/// bad input from a numerical failure without parsing messages.
/// </summary>
public static class ErrorCodes
{
    /// <summary>The data, weights or options are invalid; the message names the row, column or parameter.</summary>
    public const int InvalidInput = 1001;

    /// <summary>A component's covariance is not positive definite even after regularization.</summary>
    public const int IllDefinedCovariance = 1002;

    /// <summary>A component received (numerically) zero total responsibility.</summary>
    public const int EmptyComponent = 1003;

    /// <summary>A row has zero density under every component (log-likelihood −∞ or not finite).</summary>
    public const int NonFiniteLikelihood = 1004;

    /// <summary>
    /// A sub-code of <see cref="InvalidInput"/> (sub-codes are 1101 and up; <see cref="KindOf"/> gives the code they
    /// refine): the sample weights are invalid (their number, a value, or all zero), not the data values.
    /// </summary>
    public const int InvalidWeights = 1101;

    /// <summary>The kind of an error code: the code itself, or for a sub-code the code it refines.</summary>
    public static int KindOf(int code) => code switch
    {
        InvalidWeights => InvalidInput,
        _ => code,
    };
}

/// <summary>Builders for the errors the core returns, with messages that say what to do.</summary>
public static class Errors
{
    /// <summary>Invalid input: <paramref name="message"/> names what is wrong and where.</summary>
    public static Error InvalidInput(string message) => Error.New(ErrorCodes.InvalidInput, message);

    /// <summary>Invalid sample weights (<see cref="ErrorCodes.InvalidWeights"/>): <paramref name="message"/> names the row or count.</summary>
    public static Error InvalidWeights(string message) => Error.New(ErrorCodes.InvalidWeights, message);

    /// <summary>A covariance that is not positive definite after adding <paramref name="regularization"/>.</summary>
    public static Error IllDefinedCovariance(int component, double regularization) => Error.New(
        ErrorCodes.IllDefinedCovariance,
        $"component {component} has an ill-defined covariance (collapsed or duplicate points; not positive definite after adding regularization {regularization:g3}); raise the regularization, use fewer components or scale the data");

    /// <summary>The shared covariance of tied components, not positive definite after regularization.</summary>
    public static Error IllDefinedSharedCovariance(double regularization) => Error.New(
        ErrorCodes.IllDefinedCovariance,
        $"the shared (tied) covariance is ill-defined (the data lies on a subspace; not positive definite after adding regularization {regularization:g3}); raise the regularization, drop collinear columns or scale the data");

    /// <summary>Data too wide for the hierarchical start, whose cost grows with the cube of the columns.</summary>
    public static Error TooWideForHierarchical(int columns, int maximum) => Error.New(
        ErrorCodes.InvalidInput,
        $"the hierarchical start works on at most {maximum} columns and the data has {columns}; use the k-means++ start (--init kmeans++) or reduce the columns first");

    /// <summary>More components than distinct rows: some component would have nothing to describe.</summary>
    public static Error TooFewDistinctRows(int distinct, int components) => Error.New(
        ErrorCodes.InvalidInput,
        $"the data has only {distinct} distinct row{(distinct == 1 ? "" : "s")} (with positive weight) but {components} components were asked for; use at most {distinct} component{(distinct == 1 ? "" : "s")}");

    /// <summary>A component that no row belongs to.</summary>
    public static Error EmptyComponent(int component, double effectiveCount) => Error.New(
        ErrorCodes.EmptyComponent,
        $"component {component} has collapsed: its effective number of points is {effectiveCount:g3}; use fewer components, another initialization or seed, or more restarts");

    /// <summary>A component on a point or a subspace, under <see cref="Degeneracy.DegeneracyAction.Fail"/>.</summary>
    public static Error CollapsedComponent(int component, double effectiveCount, double regularization) => Error.New(
        ErrorCodes.IllDefinedCovariance,
        $"component {component} has collapsed onto a point or subspace ({effectiveCount:g3} effective rows; only the regularization {regularization:g3} keeps its covariance positive definite); use fewer components, remove duplicate rows or collinear columns, or let EM regularize or reinitialize degenerate components");

    /// <summary>A full-covariance component on fewer effective rows than its parameters need.</summary>
    public static Error UnderDeterminedComponent(int component, double effectiveRows, double needed) => Error.New(
        ErrorCodes.IllDefinedCovariance,
        $"component {component} rests on {effectiveRows:g3} effective rows, fewer than the {needed:g3} its full covariance needs, so the regularization rather than the data shapes it; use fewer components or a diagonal, spherical or tied covariance, or let EM regularize or reinitialize degenerate components");

    /// <summary>A row that no component can explain.</summary>
    public static Error NonFiniteLikelihood(int row) => new RowError(
        $"row {row} has zero density under every component (log-likelihood is not finite); scale the data or check it for extreme values",
        ErrorCodes.NonFiniteLikelihood, row, null, "zero density under every component (log-likelihood is not finite)");

    /// <summary>A value of the data that cannot be used, at (<paramref name="row"/>, <paramref name="column"/>), 0-based.</summary>
    public static Error InvalidValue(int row, int column, string problem) =>
        new RowError($"row {row}, column {column}: {problem}", ErrorCodes.InvalidInput, row, column, problem);

    /// <summary>Data with missing cells given to a family that cannot evaluate them.</summary>
    public static Error MissingCellsNotModelled(string family) => Error.New(ErrorCodes.InvalidInput,
        $"the data has missing cells, but the {family} does not model them; fill or remove the missing cells first");

    /// <summary>Known components that the mixture does not have.</summary>
    public static Error KnownComponentOutOfRange(int largest, int components) => Error.New(ErrorCodes.InvalidInput,
        $"a row is known to belong to component {largest}, but the mixture has {components} component{(components == 1 ? "" : "s")} (0 to {components - 1}); fit at least {largest + 1} components");

    /// <summary>A row whose every cell is missing: it carries no information about any parameter.</summary>
    public static Error EmptyRow(int row) => new RowError(
        $"row {row}: every cell is missing; a row needs at least one observed value (remove the row)",
        ErrorCodes.InvalidInput, row, null, "every cell is missing");
}

/// <summary>An error about one row of the data (and, when known, one of its columns), with its place as values.</summary>
/// <param name="Message">What is wrong and what to do, naming the row (0-based) as the other errors do.</param>
/// <param name="Code">An <see cref="ErrorCodes"/> code.</param>
/// <param name="Row">The row, 0-based.</param>
/// <param name="Column">The column, 0-based, or null when the whole row is concerned.</param>
/// <param name="Problem">What is wrong there: <paramref name="Message"/> without the place.</param>
public sealed record RowError(string Message, int Code, int Row, int? Column, string Problem) : Expected(Message, Code);
