namespace EmFunctional;

/// <summary>
/// A saved model file that cannot be loaded: not JSON, another schema or schema version, or a field that
/// is missing, of the wrong type or shape, or holds a value no fitted model can have (weights that do not
/// sum to 1, a covariance that is not positive definite, a probability outside [0, 1], …). The message
/// starts with the file and the JSON path of the field at fault, e.g.
/// <c>model.json: $.weights: the weights sum to 0.9; they must sum to 1</c>.
/// </summary>
public sealed class ModelFileException : FormatException
{
    /// <summary>Creates the exception; the message is "<paramref name="source"/>: <paramref name="jsonPath"/>: <paramref name="problem"/>".</summary>
    public ModelFileException(string source, string jsonPath, string problem, Exception? innerException = null)
        : base($"{EchoText.Path(source)}: {jsonPath}: {problem}", innerException)
    {
        SourceName = source;
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>The file (as the caller named it) or the name given to <see cref="FittedModel.FromJson"/>.</summary>
    public string SourceName { get; }

    /// <summary>Where in the document the problem is, e.g. <c>$.groups[1].parameters[0].rates[2]</c> (<c>$</c> for the whole document).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, without the file and path.</summary>
    public string Problem { get; }
}
