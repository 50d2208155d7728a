namespace EmFunctional;

/// <summary>What kind of numerical failure ended a fit.</summary>
public enum FitFailure
{
    /// <summary>A covariance was not positive definite even after regularization.</summary>
    IllDefinedCovariance,

    /// <summary>A component lost all its points.</summary>
    EmptyComponent,

    /// <summary>A row had zero density under every component.</summary>
    NonFiniteLikelihood,
}

/// <summary>
/// EM could not produce a valid model from valid input (every restart failed, or a step of
/// <c>GaussianMixture.Iterate</c> failed). The message says what to do.
/// </summary>
public sealed class EmFitException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public EmFitException(FitFailure failure, string message) : base(message) => Failure = failure;

    /// <summary>Creates the exception for a failure at one row of the data.</summary>
    public EmFitException(FitFailure failure, string message, int? row) : this(failure, message) => Row = row;

    /// <summary>The row (0-based) the failure concerns, when it concerns one: the row of zero density, say.</summary>
    public int? Row { get; }

    /// <summary>The kind of failure.</summary>
    public FitFailure Failure { get; }
}
