using System.Text.Json;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em bootstrap MODEL FILE</c>: the JSON contract (standardErrors with weights and means, intervals at
/// --level), the same figures as the facade's Bootstrap, reproducible from --seed, the text tables, and bad
/// options refused in one line.
/// </summary>
public sealed class BootstrapCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (string Model, string Data) Saved()
    {
        var model = _files.Missing("model.json");
        Assert.Equal(0, CliRun.Of("fit", "-k", "2", "--output", model).ExitCode);
        var data = _files.Write("faithful.csv", File.ReadAllText(TestData.DataPath("faithful.csv")));
        return (model, data);
    }

    [Fact]
    public void The_json_has_standard_errors_and_intervals_in_the_models_component_order_as_the_facade_computes_them()
    {
        var (model, data) = Saved();
        var json = CliRun.Of("bootstrap", model, data, "--replicates", "60", "--seed", "5", "--level", "0.9", "--format", "json").Json();
        Assert.Equal("nonparametric", json.GetProperty("type").GetString());
        Assert.Equal(60, json.GetProperty("replicates").GetInt32());
        Assert.Equal(0.9, json.GetProperty("level").GetDouble());
        var errors = json.GetProperty("standardErrors");
        Assert.Equal(2, errors.GetProperty("weights").GetArrayLength());
        Assert.Equal(2, errors.GetProperty("means")[1].GetArrayLength());

        var fitted = FittedModel.Load(model).Model;
        var expected = fitted.Bootstrap(Facade.FacadeData.Faithful, replicates: 60, seed: 5, level: 0.9);
        for (var k = 0; k < 2; k++)
        {
            Assert.Equal(expected.WeightStandardErrors[k], errors.GetProperty("weights")[k].GetDouble());
            for (var j = 0; j < 2; j++)
            {
                Assert.Equal(expected.MeanStandardErrors[k][j], errors.GetProperty("means")[k][j].GetDouble());
                Assert.Equal(expected.MeanIntervals[k][j].Lower, json.GetProperty("intervals").GetProperty("means").GetProperty("lower")[k][j].GetDouble());
                Assert.Equal(expected.MeanIntervals[k][j].Upper, json.GetProperty("intervals").GetProperty("means").GetProperty("upper")[k][j].GetDouble());
            }
            Assert.Equal(expected.WeightIntervals[k].Lower, json.GetProperty("intervals").GetProperty("weights").GetProperty("lower")[k].GetDouble());
        }
        var again = CliRun.Of("bootstrap", model, data, "--replicates", "60", "--seed", "5", "--level", "0.9", "--format", "json").Json();
        Assert.Equal(json.GetProperty("standardErrors").GetRawText(), again.GetProperty("standardErrors").GetRawText());
    }

    [Theory]
    [InlineData("weighted")]
    [InlineData("parametric")]
    public void Every_type_runs_and_is_echoed(string type)
    {
        var (model, data) = Saved();
        var json = CliRun.Of("bootstrap", model, data, "-B", "20", "--type", type, "--format", "json").Json();
        Assert.Equal(type, json.GetProperty("type").GetString());
        Assert.All(json.GetProperty("standardErrors").GetProperty("weights").EnumerateArray(), se => Assert.True(se.GetDouble() > 0));
    }

    [Fact]
    public void The_text_report_has_a_table_per_parameter()
    {
        var (model, data) = Saved();
        var run = CliRun.Of("bootstrap", model, data, "-B", "20");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("20 nonparametric replicates (0 failed)", run.Stdout);
        Assert.Contains("Weights", run.Stdout);
        Assert.Contains("Means (one row per component and column)", run.Stdout);
        Assert.Contains("Variances (one row per component and column)", run.Stdout);
        Assert.All(run.Stdout.Split('\n'), line => Assert.True(line.Length <= 100, line));
    }

    [Theory]
    [InlineData("--replicates", "1", "--replicates: 1 is too small")]
    [InlineData("--level", "1", "--level: 1 is not between 0 and 1")]
    [InlineData("--type", "jackknife", "--type: \"jackknife\" is not one of")]
    public void Bad_options_are_refused_in_one_line(string option, string value, string expected)
    {
        var (model, data) = Saved();
        Assert.Contains(expected, CliRun.Of("bootstrap", model, data, option, value).SingleErrorLine());
    }
}
