using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary><c>em predict</c> on a model file that names a field twice: exit 2 and one line naming the path of the second one.</summary>
public sealed class PredictDuplicateFieldTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_model_file_with_a_field_named_twice_is_refused_with_its_path()
    {
        var data = _files.Write("data.csv", "height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var fitted = _files.Missing("fitted.json");
        Assert.Equal(ExitCodes.Success, CliRun.Of("fit", data, "--output", fitted).ExitCode);
        var json = File.ReadAllText(fitted);
        var model = _files.Write("model.json", json.Insert(json.IndexOf("\"weights\":", StringComparison.Ordinal), "\"weights\": [1], "));

        var line = CliRun.Of("predict", model, data).SingleErrorLine();

        Assert.Equal($"em: {model}: $.weights: the field \"weights\" appears twice; a model file names each field once", line);
    }
}
