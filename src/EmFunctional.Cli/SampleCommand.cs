namespace EmFunctional.Cli;

/// <summary>
/// <c>em sample</c>: draw rows from a saved model and write them as CSV, the model's columns (named as
/// in the file it was fitted on) plus the component each row came from. The rows are drawn before the
/// first byte is written.
/// </summary>
internal static class SampleCommand
{
    public const string ComponentColumn = "component";

    public static void Execute(SampleSettings settings, TextWriter stdout)
    {
        if (settings.Output is { } output) OutputFile.RequireWritableLocation(output, "--output");
        OutputTargets.RequireDistinct([("--output", settings.Output)], [("model file", settings.Model)]);
        var fitted = ModelFileInput.Load(settings.Model);
        var columns = ModelFileInput.ColumnNames(fitted);
        CsvOutput.RequireNewNames(columns, [ComponentColumn], settings.Model);
        var sample = fitted.Model.Sample(settings.Rows, settings.Seed);

        OutputFile.Write(settings.Output, stdout, writer =>
        {
            CsvOutput.WriteRow(writer, [.. columns, ComponentColumn]);
            var fields = new string[columns.Count + 1];
            for (var row = 0; row < sample.Rows.Length; row++)
            {
                for (var j = 0; j < columns.Count; j++) fields[j] = CsvOutput.Number(sample.Rows[row][j]);
                fields[columns.Count] = CsvOutput.Number(sample.Labels[row]);
                CsvOutput.WriteRow(writer, fields);
            }
        });
    }
}
