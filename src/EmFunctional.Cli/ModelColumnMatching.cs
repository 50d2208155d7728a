namespace EmFunctional.Cli;

/// <summary>
/// Which column of a CSV file feeds each column of a saved model. Columns are matched by exact header
/// name (case and spaces count), so the file may order them differently and may hold other columns,
/// which are ignored. A model column missing from the header, or named twice in it, is an error: the
/// first cannot be predicted, the second cannot be decided. A model saved without column names takes
/// the file's columns by position, and then the counts must agree.
/// </summary>
internal static class ModelColumnMatching
{
    /// <summary>For each model column, in model order, the index of the file column that holds it.</summary>
    public static int[] Match(FittedModel fitted, CsvHeader data, string modelPath)
    {
        var dimensions = fitted.Model.Dimensions;
        if (fitted.ColumnNames is not { } names)
        {
            if (data.ColumnCount != dimensions)
                throw new UserInputException(
                    $"{data.SourceName}: has {data.ColumnCount} column{(data.ColumnCount == 1 ? "" : "s")} but the model {modelPath} has {dimensions}; it was saved without column names, so columns are taken by position and the counts must agree");
            return [.. Enumerable.Range(0, dimensions)];
        }
        var indices = new int[dimensions];
        var positions = new ColumnPositions(data.Columns);
        for (var j = 0; j < dimensions; j++)
        {
            var matches = positions.Of(names[j]);
            if (matches.Count == 0)
                throw new UserInputException(
                    $"{data.SourceName}: the header has no column \"{EchoText.Of(names[j])}\", which the model {modelPath} needs (its columns: {EchoText.List(names)})");
            if (matches.Count > 1)
                throw new UserInputException(
                    $"{data.SourceName}: the header names \"{EchoText.Of(names[j])}\" {matches.Count} times ({string.Join(" and ", matches.Select(i => $"column {i + 1}"))}); the model {modelPath} uses that column, so which one to use is ambiguous");
            indices[j] = matches[0];
        }
        return indices;
    }
}
