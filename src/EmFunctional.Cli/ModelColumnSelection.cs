namespace EmFunctional.Cli;

/// <summary>
/// Which column of FILE feeds each column of a saved model in <c>em predict</c>. With <c>--columns</c>,
/// the listed columns (header names, or numbers from 1 with <c>--no-header</c>) feed the model's columns in
/// the model's order, one each; without it, <see cref="ModelColumnMatching"/> finds them by header name (or
/// by position, for a model saved without names). Either way every column of the file is still copied to
/// the output; only these are read as numbers.
/// </summary>
internal static class ModelColumnSelection
{
    /// <summary>
    /// Before FILE is read: <c>--columns</c>, if given, lists exactly one column for each of the model's.
    /// </summary>
    public static void RequireCount(FittedModel fitted, CsvReadSettings settings, string modelPath)
    {
        if (settings.Columns is not { } listed) return;
        var dimensions = fitted.Model.Dimensions;
        if (listed.Count == dimensions) return;
        var modelColumns = fitted.ColumnNames is { } names ? $" ({string.Join(", ", names)})" : "";
        throw new UserInputException(
            $"--columns: {listed.Count} column{Plural(listed.Count)} listed ({string.Join(", ", listed)}) but the model {modelPath} has {dimensions}{modelColumns}; list one column of the file for each column of the model, in the model's order");
    }

    /// <summary>For each model column, in model order, the 0-based column of <paramref name="header"/> that feeds it.</summary>
    public static int[] Of(FittedModel fitted, CsvHeader header, CsvReadSettings settings, string modelPath)
    {
        if (settings.Columns is null)
        {
            RequireNamesWithoutHeader(fitted, header, settings, modelPath);
            return ModelColumnMatching.Match(fitted, header, modelPath);
        }
        var selected = CsvDataLoader.ListedColumns(header, settings);
        if (settings.HasHeader && fitted.ColumnNames is { } names) RequireNoSwap(names, header, selected, modelPath);
        return selected;
    }

    /// <summary>
    /// A header column that feeds model column j but carries the name of another model column m would
    /// swap the two without a word: refused. (Without a header the names are column1, column2, …, which
    /// say nothing, so <c>--columns 2,1</c> means just what it says.)
    /// </summary>
    private static void RequireNoSwap(IReadOnlyList<string> names, CsvHeader header, int[] selected, string modelPath)
    {
        var modelColumns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var m = 0; m < names.Count; m++) modelColumns.TryAdd(names[m], m);
        for (var j = 0; j < selected.Length; j++)
        {
            var name = header.Columns[selected[j]];
            if (modelColumns.TryGetValue(name, out var other) && other != j)
                throw new UserInputException(
                    $"{header.SourceName}: --columns: \"{name}\" is listed for the model's column {j + 1} ({names[j]}), but the model {modelPath} has a column \"{name}\" of its own (column {other + 1}); the two would be swapped, so list the file's columns in the model's order ({string.Join(", ", names)})");
        }
    }

    /// <summary>
    /// With <c>--no-header</c> and no <c>--columns</c>, a model with names of its own (not column1, column2,
    /// …, as a fit with <c>--no-header</c> gives) cannot find them: say how to pick the columns instead.
    /// </summary>
    private static void RequireNamesWithoutHeader(FittedModel fitted, CsvHeader header, CsvReadSettings settings, string modelPath)
    {
        if (settings.HasHeader || fitted.ColumnNames is not { } names) return;
        var fileColumns = header.Columns.ToHashSet(StringComparer.Ordinal);
        if (names.All(fileColumns.Contains)) return;
        throw new UserInputException(
            $"{header.SourceName}: --no-header: the file has no column names, so the columns of the model {modelPath} ({string.Join(", ", names)}) cannot be found by name; give their numbers in the file with --columns, in the model's order");
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
