using System.Text;

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
        RequireModelable(model, table);
        var copies = Impute(model, table, settings);

        var columns = table.Header.Columns.Count;
        var modelColumnOf = new int[columns];
        Array.Fill(modelColumnOf, -1);
        for (var j = 0; j < table.Selected.Length; j++) modelColumnOf[table.Selected[j]] = j;
        OutputFile.Write(outputPath, stdout, writer =>
        {
            var text = new Utf8Text();
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

    /// <summary>The family checks of <c>em predict</c>: 0/1, counts and known codes where the cell is observed.</summary>
    private static void RequireModelable(MixtureModel model, CsvTextTable table)
    {
        if (model is not FamilyMixtureModel family) return;
        var data = table.Numbers;
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var j = 0; j < values.Length; j++)
            {
                if (double.IsNaN(values[j])) continue;
                if (family.ValueProblem(j, values[j]) is { } problem)
                    throw new UserInputException($"{table.Location(row, j)}: {problem}");
            }
        }
    }

    private static double[][][] Impute(MixtureModel model, CsvTextTable table, ImputeSettings settings)
    {
        var data = table.Numbers;
        var rows = Enumerable.Range(0, data.RowCount).Select(row => data.Row(row).ToArray()).ToArray();
        try
        {
            return settings.Draws is { } draws ? model.Impute(rows, draws, settings.Seed) : [model.Impute(rows)];
        }
        catch (EmFitException exception)
        {
            throw new UserInputException($"{FitDataChecks.Place(exception, data)}: {exception.Message}");
        }
        catch (DataValueException exception) when (exception.Row < data.RowCount && exception.Column < data.ColumnCount)
        {
            throw new UserInputException($"{table.Location(exception.Row, exception.Column)}: {exception.Problem}");
        }
        catch (ArgumentException exception)
        {
            throw FitDataChecks.Reworded(exception, data);
        }
    }

    /// <summary>Writes UTF-8 text to a <see cref="TextWriter"/> through one reused buffer of chars.</summary>
    private sealed class Utf8Text
    {
        private char[] _chars = new char[1024];

        public void Write(TextWriter writer, ReadOnlySpan<byte> utf8)
        {
            var most = Encoding.UTF8.GetMaxCharCount(utf8.Length);
            if (most > _chars.Length) _chars = new char[Math.Max(most, 2 * _chars.Length)];
            writer.Write(_chars, 0, Encoding.UTF8.GetChars(utf8, _chars));
        }
    }
}
