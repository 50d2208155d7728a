namespace EmFunctional.Cli;

/// <summary>
/// <c>em sample</c>: draw rows from a saved model and write them as CSV, the model's columns (named as
/// in the file it was fitted on) plus the component each row came from. The rows are drawn before the
/// first byte is written.
/// </summary>
internal static class SampleCommand
{
    public const string ComponentColumn = "component";

    /// <summary>
    /// The sample is drawn whole before it is written (so a failure writes nothing): refuse, naming <c>-n</c>, a
    /// number of rows whose values would not fit in half the memory this process may use.
    /// </summary>
    private static void RequireRoom(int rows, int columns)
    {
        var bytes = (long)rows * (columns + 1) * sizeof(double);
        var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2;
        if (bytes > available)
            throw new UserInputException(
                $"-n: {rows} rows of {columns} column{(columns == 1 ? "" : "s")} need {bytes / (1 << 20)} MiB, more than the {available / (1 << 20)} MiB a sample may use here; draw at most {available / ((columns + 1) * sizeof(double))} rows at a time (with a different --seed each time)");
    }

    public static void Execute(SampleSettings settings, TextWriter stdout)
    {
        // -o - is stdout, as no -o is.
        var outputPath = OutputTargets.FileOrStdout(settings.Output);
        if (outputPath is { } output) OutputFile.RequireWritableLocation(output, "--output");
        OutputTargets.RequireDistinct([("--output", outputPath)], [("model file", settings.Model)]);
        var fitted = ModelFileInput.Load(settings.Model);
        var columns = ModelFileInput.ColumnNames(fitted);
        CsvOutput.RequireNewNames(columns, [ComponentColumn], settings.Model);
        RequireRoom(settings.Rows, columns.Count);
        var sample = fitted.Model.Sample(settings.Rows, settings.Seed);

        OutputFile.Write(outputPath, stdout, writer =>
        {
            CsvOutput.WriteRow(writer, [.. columns, ComponentColumn]);
            var fields = new string[columns.Count + 1];
            for (var row = 0; row < sample.Rows.Length; row++)
            {
                for (var j = 0; j < columns.Count; j++) fields[j] = CsvOutput.Number(sample.Rows[row][j]);
                fields[columns.Count] = sample.Labels[row] == MixtureModel.NoiseLabel ? PredictCommand.NoiseLabel : CsvOutput.Number(sample.Labels[row]);
                CsvOutput.WriteRow(writer, fields);
            }
        });
    }
}
