using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// fit --output → predict → sample with the built em.dll in its own processes, on files: the path a user
/// takes, including the real console streams and exit codes.
/// </summary>
public sealed class ModelFileProcessTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Fit_output_then_predict_then_sample_on_files()
    {
        var data = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);
        var model = _files.Missing("model.json");
        var labelled = _files.Missing("labelled.csv");
        var simulated = _files.Missing("simulated.csv");

        var fit = ProcessTests.RunEm("fit", data, "--family", "auto", "--labels", "--format", "json", "--output", model);
        Assert.True(fit.ExitCode == 0, fit.Stderr);
        var predict = ProcessTests.RunEm("predict", model, data, "--output", labelled);
        Assert.True(predict.ExitCode == 0, predict.Stderr);
        var sample = ProcessTests.RunEm("sample", model, "-n", "300", "--seed", "8", "--output", simulated);
        Assert.True(sample.ExitCode == 0, sample.Stderr);

        Assert.Equal("", predict.Stdout + predict.Stderr + sample.Stdout + sample.Stderr);
        using var report = System.Text.Json.JsonDocument.Parse(fit.Stdout);
        var labels = report.RootElement.GetProperty("labels").EnumerateArray().Select(label => (double)label.GetInt32()).ToArray();
        var predicted = CsvDataLoader.LoadFile(labelled);
        Assert.Equal(["eruptions", "smoker", "visits", "label", "p_0", "p_1", "log_density"], predicted.Columns);
        Assert.Equal(labels, Enumerable.Range(0, predicted.RowCount).Select(i => predicted.Values[i, 3]));
        var drawn = CsvDataLoader.LoadFile(simulated);
        Assert.Equal(["eruptions", "smoker", "visits", "component"], drawn.Columns);
        Assert.Equal(300, drawn.RowCount);

        // Components are drawn by weight: the share of component 0 is near its weight (300 draws: ±0.1 is over 3 standard errors).
        var weights = FittedModel.Load(model).Model.Weights;
        var share = Enumerable.Range(0, drawn.RowCount).Count(i => drawn.Values[i, 3] == 0) / 300.0;
        Assert.InRange(share, weights[0] - 0.1, weights[0] + 0.1);
    }

    [Fact]
    public void A_missing_model_column_exits_with_2_and_one_line()
    {
        var model = _files.Missing("model.json");
        Assert.Equal(0, ProcessTests.RunEm("fit", "--output", model).ExitCode);
        var data = _files.Write("partial.csv", "eruptions\n3.6\n");

        var (exitCode, stdout, stderr) = ProcessTests.RunEm("predict", model, data);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Equal($"em: {data}: the header has no column \"waiting\", which the model {model} needs (its columns: eruptions, waiting)", stderr.TrimEnd());
    }
}
