namespace EmFunctional;

/// <summary>
/// A value of the data that the model cannot take (a 2 in a Bernoulli column, NaN, a Gaussian value too large
/// to square), at a row and column given as numbers, so that a caller can name the place in its own terms
/// (a file's line and column name, say) without reading the message.
/// </summary>
public sealed class DataValueException : ArgumentException
{
    /// <summary>Creates the exception; the message is "row <paramref name="row"/>, column <paramref name="column"/>: <paramref name="problem"/>".</summary>
    public DataValueException(int row, int column, string problem, string? parameter)
        : base($"row {row}, column {column}: {problem}", parameter)
    {
        Row = row;
        Column = column;
        Problem = problem;
    }

    /// <summary>The row, 0-based.</summary>
    public int Row { get; }

    /// <summary>The column, 0-based.</summary>
    public int Column { get; }

    /// <summary>What is wrong with the value: the message without its place ("2 is not 0 or 1; a Bernoulli column holds only 0 and 1").</summary>
    public string Problem { get; }
}
