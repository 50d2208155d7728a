using System.Globalization;

namespace EmFunctional.Cli;

/// <summary>
/// <c>em predict</c>: load a saved model and a CSV file, find the model's columns in it (by header name,
/// or as <c>--columns</c> lists them), and write every row of the file as it was read, every column in
/// file order, followed by its label (<c>noise</c> for a row the noise component explains best, when the model
/// has one), and, when known labels named components, the label's class name), the probability of each
/// component (and of the noise component) and its log-density. Only the
/// model's columns are read as numbers; the others may hold anything. Every value is checked and every
/// number computed before the first byte is written.
/// </summary>
internal static class PredictCommand
{
    /// <summary>
    /// The columns <c>em predict</c> adds: label, class (only when a component has a class name, see
    /// <see cref="MixtureModel.ComponentLabels"/>), p_0 … p_{K−1}, p_noise (only with a noise component), log_density.
    /// </summary>
    public static IReadOnlyList<string> AddedColumns(int components, bool named, bool noise = false) =>
        ["label", .. named ? ["class"] : Array.Empty<string>(), .. Enumerable.Range(0, components).Select(k => $"p_{k}"), .. noise ? [NoiseWord] : Array.Empty<string>(), "log_density"];

    /// <summary>The label of a row the noise component explains best, and the name of its probability's column.</summary>
    public const string NoiseLabel = "noise";

    private const string NoiseWord = "p_noise";

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
        var classes = model.ComponentLabels.Any(name => name is not null)
            ? model.ComponentLabels.Select(name => CsvOutput.Field(name ?? "")).ToArray()
            : null;
        var added = AddedColumns(model.Components, classes is not null, model.Noise is not null);
        var table = CsvDataLoader.LoadText(settings.File, input, header =>
        {
            var selected = ModelColumnSelection.Of(fitted, header, input, settings.Model);
            CsvOutput.RequireNewNames(header.Columns, added, header.SourceName);
            return selected;
        }, CsvTextMode.RowsWithMissingBlank);
        ModelRows.RequireModelable(model, table);
        var (labels, probabilities, logDensities) = Evaluate(model, table);

        OutputFile.Write(outputPath, stdout, writer =>
        {
            var text = new Utf8TextWriter();
            text.Write(writer, CsvTextRows.Of([.. table.Header.Columns, .. added])[0]);
            writer.Write('\n');
            Span<char> number = stackalloc char[32];
            for (var row = 0; row < table.Rows.Count; row++)
            {
                text.Write(writer, table.Rows[row]);
                writer.Write(',');
                var noise = labels[row] == MixtureModel.NoiseLabel;
                if (noise)
                {
                    writer.Write(NoiseLabel);
                }
                else
                {
                    labels[row].TryFormat(number, out var length, provider: CultureInfo.InvariantCulture);
                    writer.Write(number[..length]);
                }
                if (classes is not null)
                {
                    writer.Write(',');
                    if (!noise) writer.Write(classes[labels[row]]);
                }
                for (var k = 0; k < probabilities.GetLength(1); k++) WriteNumber(writer, probabilities[row, k], number);
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

    private static (int[] Labels, double[,] Probabilities, double[] LogDensities) Evaluate(MixtureModel model, CsvTextTable table)
    {
        var matrix = table.Numbers.Values;
        return ModelRows.Computed(table, () => (model.Predict(matrix), model.PredictProba(matrix), model.ScoreSamples(matrix)));
    }
}
