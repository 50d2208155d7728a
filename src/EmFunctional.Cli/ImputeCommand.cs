namespace EmFunctional.Cli;

/// <summary>
/// <c>em impute</c>: load a saved model and a CSV file, find the model's columns in it (as
/// <c>em predict</c> does), and write the file back with every missing cell of those columns filled:
/// observed cells and the other columns exactly as read, the header and column order kept. With
/// <c>--draws M</c>, M completed copies, each with a last column <c>draw</c> (1 … M). Everything is
/// computed before the first byte is written.
/// </summary>
internal static class ImputeCommand
{
    /// <summary>The column added by <c>--draws</c>.</summary>
    public const string DrawColumn = "draw";

    public static void Execute(ImputeSettings settings, TextWriter stdout)
    {
        var outputPath = OutputTargets.FileOrStdout(settings.Output);
        if (outputPath is { } output) OutputFile.RequireWritableLocation(output, "--output", "completed.csv");
        OutputTargets.RequireDistinct([("--output", outputPath)], [("model file", settings.Model), ("input file", settings.File)]);
        var fitted = ModelFileInput.Load(settings.Model);
        var model = fitted.Model;
        var input = settings.Input ?? CsvReadSettings.Default;
        ModelColumnSelection.RequireCount(fitted, input, settings.Model);
        var table = CsvDataLoader.LoadText(settings.File, input, header =>
        {
            var selected = ModelColumnSelection.Of(fitted, header, input, settings.Model);
            if (settings.Draws is not null) CsvOutput.RequireNewNames(header.Columns, [DrawColumn], header.SourceName);
            return selected;
        }, CsvTextMode.Fields);
        ModelRows.RequireModelable(model, table);
        var copies = Impute(model, table, settings);

        var columns = table.Header.Columns.Count;
        var modelColumnOf = new int[columns];
        Array.Fill(modelColumnOf, -1);
        for (var j = 0; j < table.Selected.Length; j++) modelColumnOf[table.Selected[j]] = j;
        OutputFile.Write(outputPath, stdout, writer =>
        {
            var text = new Utf8TextWriter();
            var header = settings.Draws is null ? table.Header.Columns : [.. table.Header.Columns, DrawColumn];
            text.Write(writer, CsvTextRows.Of(header)[0]);
            writer.Write('\n');
            var values = table.Numbers.Values;
            for (var copy = 0; copy < copies.Length; copy++)
            {
                var completed = copies[copy];
                for (var row = 0; row < table.Numbers.RowCount; row++)
                {
                    for (var column = 0; column < columns; column++)
                    {
                        if (column > 0) writer.Write(',');
                        var j = modelColumnOf[column];
                        if (j >= 0 && double.IsNaN(values[row, j])) writer.Write(CsvOutput.Number(completed[row][j]));
                        else text.Write(writer, table.Rows[row * columns + column]);
                    }
                    if (settings.Draws is not null)
                    {
                        writer.Write(',');
                        writer.Write(CsvOutput.Number(copy + 1));
                    }
                    writer.Write('\n');
                }
            }
        });
    }

    private static double[][][] Impute(MixtureModel model, CsvTextTable table, ImputeSettings settings)
    {
        var data = table.Numbers;
        var rows = Enumerable.Range(0, data.RowCount).Select(row => data.Row(row).ToArray()).ToArray();
        return ModelRows.Computed(table, () => settings.Draws is { } draws ? model.Impute(rows, draws, settings.Seed) : [model.Impute(rows)]);
    }
}
