using System.Globalization;
using System.Text;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em predict</c>: load a saved model and a CSV file, find the model's columns in it (by header name,
/// or as <c>--columns</c> lists them), and write every row of the file as it was read, every column in
/// file order, followed by its label, the probability of each component and its log-density. Only the
/// model's columns are read as numbers; the others may hold anything. Every value is checked and every
/// number computed before the first byte is written.
/// </summary>
internal static class PredictCommand
{
    /// <summary>The columns <c>em predict</c> adds: label, p_0 … p_{K−1}, log_density.</summary>
    public static IReadOnlyList<string> AddedColumns(int components) =>
        ["label", .. Enumerable.Range(0, components).Select(k => $"p_{k}"), "log_density"];

    public static void Execute(PredictSettings settings, TextWriter stdout)
    {
        // -o - is stdout, as no -o is.
        var outputPath = OutputTargets.FileOrStdout(settings.Output);
        if (outputPath is { } output) OutputFile.RequireWritableLocation(output, "--output");
        OutputTargets.RequireDistinct([("--output", outputPath)], [("model file", settings.Model), ("input file", settings.File)]);
        var fitted = ModelFileInput.Load(settings.Model);
        var model = fitted.Model;
        var input = settings.Input ?? CsvReadSettings.Default;
        ModelColumnSelection.RequireCount(fitted, input, settings.Model);
        var added = AddedColumns(model.Components);
        var table = CsvDataLoader.LoadText(settings.File, input, header =>
        {
            var selected = ModelColumnSelection.Of(fitted, header, input, settings.Model);
            CsvOutput.RequireNewNames(header.Columns, added, header.SourceName);
            return selected;
        }, CsvTextMode.RowsWithMissingBlank);
        RequireModelable(model, table);
        var (labels, probabilities, logDensities) = Evaluate(model, table);

        OutputFile.Write(outputPath, stdout, writer =>
        {
            var text = new Utf8Text();
            text.Write(writer, CsvTextRows.Of([.. table.Header.Columns, .. added])[0]);
            writer.Write('\n');
            Span<char> number = stackalloc char[32];
            for (var row = 0; row < table.Rows.Count; row++)
            {
                text.Write(writer, table.Rows[row]);
                writer.Write(',');
                labels[row].TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
                writer.Write(number[..length]);
                for (var k = 0; k < model.Components; k++) WriteNumber(writer, probabilities[row, k], number);
                WriteNumber(writer, logDensities[row], number);
                writer.Write('\n');
            }
        });
    }

    /// <summary>",value" with the value as <see cref="CsvOutput.Number(double)"/> writes it, without a string.</summary>
    private static void WriteNumber(TextWriter writer, double value, Span<char> buffer)
    {
        writer.Write(',');
        if (!value.TryFormat(buffer, out var length, "R", CultureInfo.InvariantCulture))
        {
            writer.Write(CsvOutput.Number(value));
            return;
        }
        writer.Write(buffer[..length]);
    }

    /// <summary>
    /// The values the model's families can take, checked in file coordinates (file, line, column name):
    /// 0/1 for Bernoulli columns, counts for Poisson, and for categorical columns codes the model saw
    /// when it was fitted (it has no probability for any other).
    /// </summary>
    private static void RequireModelable(MixtureModel model, CsvTextTable table)
    {
        if (model is not FamilyMixtureModel family) return;
        var data = table.Numbers;
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var j = 0; j < values.Length; j++)
            {
                if (double.IsNaN(values[j])) continue;   // a missing cell: scored on the others
                if (family.ValueProblem(j, values[j]) is { } problem)
                    throw new UserInputException($"{table.Location(row, j)}: {problem}");
            }
        }
    }

    private static (int[] Labels, double[,] Probabilities, double[] LogDensities) Evaluate(MixtureModel model, CsvTextTable table)
    {
        var data = table.Numbers;
        var matrix = data.Values;
        try
        {
            return (model.Predict(matrix), model.PredictProba(matrix), model.ScoreSamples(matrix));
        }
        catch (EmFitException exception)
        {
            // A row with zero density under every component (a code of probability 0, say).
            throw new UserInputException($"{FitDataChecks.Place(exception, data)}: {exception.Message}");
        }
        catch (DataValueException exception) when (exception.Row < data.RowCount && exception.Column < data.ColumnCount)
        {
            // RequireModelable checks what the facade checks; this is a safety net.
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
