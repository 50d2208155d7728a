
namespace EmFunctional.Cli;

/// <summary>
/// <c>em predict</c>: load a saved model and a CSV file, match the model's columns by header name, and
/// write every input row with its label, the probability of each component and its log-density. Every
/// value is checked and every number computed before the first byte is written.
/// </summary>
internal static class PredictCommand
{
    /// <summary>The columns <c>em predict</c> adds: label, p_0 … p_{K−1}, log_density.</summary>
    public static IReadOnlyList<string> AddedColumns(int components) =>
        ["label", .. Enumerable.Range(0, components).Select(k => $"p_{k}"), "log_density"];

    public static void Execute(PredictSettings settings, TextWriter stdout)
    {
        if (settings.Output is { } output) OutputFile.RequireWritableLocation(output, "--output");
        OutputTargets.RequireDistinct([("--output", settings.Output)], [("model file", settings.Model), ("input file", settings.File)]);
        var fitted = ModelFileInput.Load(settings.Model);
        var model = fitted.Model;
        var data = CsvDataLoader.Load(settings.File, settings.Input ?? CsvReadSettings.Default);
        var indices = ModelColumnMatching.Match(fitted, data, settings.Model);
        var added = AddedColumns(model.Components);
        CsvOutput.RequireNewNames(data.Columns, added, data.SourceName);
        RequireModelable(model, data, indices);
        var matrix = ModelColumnMatching.Select(data, indices);
        var (labels, probabilities, logDensities) = Evaluate(model, matrix, data);

        OutputFile.Write(settings.Output, stdout, writer =>
        {
            CsvOutput.WriteRow(writer, [.. data.Columns, .. added]);
            var fields = new string[data.ColumnCount + added.Count];
            for (var row = 0; row < data.RowCount; row++)
            {
                var values = data.Row(row);
                for (var j = 0; j < values.Length; j++) fields[j] = CsvOutput.Number(values[j]);
                var at = values.Length;
                fields[at++] = CsvOutput.Number(labels[row]);
                for (var k = 0; k < model.Components; k++) fields[at++] = CsvOutput.Number(probabilities[row, k]);
                fields[at] = CsvOutput.Number(logDensities[row]);
                CsvOutput.WriteRow(writer, fields);
            }
        });
    }

    /// <summary>
    /// The values the model's families can take, checked in file coordinates (file, line, column name):
    /// 0/1 for Bernoulli columns, counts for Poisson, and for categorical columns codes the model saw
    /// when it was fitted (it has no probability for any other).
    /// </summary>
    private static void RequireModelable(MixtureModel model, CsvData data, int[] indices)
    {
        if (model is not FamilyMixtureModel family) return;
        for (var row = 0; row < data.RowCount; row++)
        {
            var values = data.Row(row);
            for (var j = 0; j < indices.Length; j++)
            {
                var value = values[indices[j]];
                if (family.ValueProblem(j, value) is { } problem)
                    throw new UserInputException($"{data.SourceName}, line {data.LineNumbers[row]}, {CsvData.DescribeColumn(data.Columns, indices[j])}: {problem}");
            }
        }
    }

    private static (int[] Labels, double[,] Probabilities, double[] LogDensities) Evaluate(MixtureModel model, double[,] matrix, CsvData data)
    {
        try
        {
            return (model.Predict(matrix), model.PredictProba(matrix), model.ScoreSamples(matrix));
        }
        catch (EmFitException exception)
        {
            // A row with zero density under every component (a code of probability 0, say).
            throw new UserInputException($"{FitDataChecks.Place(exception, data)}: {exception.Message}");
        }
        catch (ArgumentException exception)
        {
            // RequireModelable checks what the facade checks; this is a safety net.
            throw FitDataChecks.Reworded(exception, data);
        }
    }
}
