namespace EmFunctional.Cli;

/// <summary>
/// The MODEL argument of <c>em predict</c> and <c>em sample</c>: a file that <c>em fit --output</c> (or
/// <see cref="FittedModel.Save"/>) wrote, loaded through the facade with its errors turned into one-line
/// messages that name the file and, for a damaged file, the JSON path of the field at fault.
/// </summary>
internal static class ModelFileInput
{
    public static FittedModel Load(string path)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a directory; expected a model file written by 'em fit --output'");
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        try
        {
            return FittedModel.Load(path);
        }
        catch (ModelFileException exception)
        {
            // Already "file: $.path: problem".
            throw new UserInputException(exception.Message);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read: {exception.Message}");
        }
    }

    /// <summary>The model's column names; a model saved without them gets x0, x1, … (by position).</summary>
    public static IReadOnlyList<string> ColumnNames(FittedModel fitted) =>
        fitted.ColumnNames is { } names ? names : [.. Enumerable.Range(0, fitted.Model.Dimensions).Select(j => $"x{j}")];
}
