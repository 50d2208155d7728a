namespace EmFunctional.Cli;

/// <summary>
/// <c>em fit --output</c>: the fitted model as the facade's model file (<see cref="FittedModel"/>), with
/// the CSV header as its column names, staged and then committed with the command's other outputs.
/// </summary>
internal static class ModelFileOutput
{
    /// <summary>The model file, staged beside <paramref name="path"/> until committed (<see cref="OutputTargets.Commit"/>).</summary>
    public static PendingOutput Stage(MixtureModel model, IReadOnlyList<string> columns, string path)
    {
        RequireDistinct(columns, path);
        var json = FittedModel.ToJson(model, columns);
        return OutputFile.Stage(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(json)), "--output");
    }

    /// <summary>
    /// 'em predict' finds the model's columns by header name, so a model whose header repeats a name could
    /// never be used; refusing to save it says so while the user is still at the data.
    /// </summary>
    private static void RequireDistinct(IReadOnlyList<string> columns, string path)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < columns.Count; j++)
            if (!first.TryAdd(columns[j], j))
            {
                var i = first[columns[j]];
                throw new UserInputException(
                    $"--output {path}: columns {i + 1} and {j + 1} are both named \"{EchoText.Of(columns[j])}\"; a saved model finds its columns by name, so give each its own name in the header");
            }
    }
}
