using System.Globalization;
using System.Text.Json;
using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Noise;

/// <summary>
/// <c>em fit --noise</c> to the contract of the mclust-models issue — JSON <c>noiseWeight</c>, <c>labels</c> with −1
/// for the noise component's rows — on mclust's noise example (Old Faithful plus 450 uniform points;
/// tests/data/reference/noise), found at least as well as mclust finds them; <c>em predict</c>'s <c>noise</c>
/// label, the model file, <c>em sample</c>, and the refusals.
/// </summary>
public sealed class NoiseCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static string Example => TestData.ReferencePath("noise/faithful-noise.csv");

    private static bool[] Truth() =>
        [.. File.ReadLines(Example).Skip(1).Select(line => line.Split(',')[2] == "1")];

    /// <summary>mclust 6.0.0's fit of the example from ?Mclust's random first guess (mclust-noise.csv).</summary>
    private static (double Recall, double Precision, double NoiseWeight) Mclust(string fit)
    {
        var fields = File.ReadLines(TestData.ReferencePath("noise/mclust-noise.csv")).Skip(1).Select(line => line.Split(','))
            .Single(fields => fields[0] == "random" && fields[1] == fit);
        return (Number(fields[7]), Number(fields[8]), Number(fields[4]));
    }

    [Theory]
    [InlineData("2", null, "VVV 2")]
    [InlineData("3", "VVV", "VVV 3")]
    [InlineData("2", "EVI", "EVI 2")]
    [InlineData("3", "EEI", "EEI 3")]
    public void The_noise_rows_are_found_at_least_as_well_as_mclust_finds_them(string components, string? covariance, string mclustFit)
    {
        string[] args = ["fit", Example, "--columns", "eruptions,waiting", "--noise", "--components", components, "--labels", "--format", "json"];
        var json = CliRun.Of(covariance is null ? args : [.. args, "--covariance", covariance]).Json();

        var labels = json.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();
        var truth = Truth();
        Assert.Equal(truth.Length, labels.Length);
        Assert.All(labels, label => Assert.InRange(label, -1, int.Parse(components, CultureInfo.InvariantCulture) - 1));
        var found = labels.Select(label => label == -1).ToArray();
        var hits = found.Where((flag, i) => flag && truth[i]).Count();
        var (recall, precision) = ((double)hits / truth.Count(t => t), (double)hits / found.Count(f => f));
        var mclust = Mclust(mclustFit);
        Assert.True(recall >= mclust.Recall - 0.05, $"recall {recall:F3}, mclust {mclust.Recall:F3}");
        Assert.True(precision >= mclust.Precision - 0.05, $"precision {precision:F3}, mclust {mclust.Precision:F3}");
        var noiseWeight = json.GetProperty("noiseWeight").GetDouble();
        Assert.Equal(mclust.NoiseWeight, noiseWeight, 0.05);
        // The weights are the K components'; with the noise weight they make 1.
        Assert.Equal(1, json.GetProperty("weights").EnumerateArray().Sum(weight => weight.GetDouble()) + noiseWeight, 1e-12);
        Assert.True(json.GetProperty("noiseHypervolume").GetDouble() > 0);
        Assert.Equal("hc", json.GetProperty("init").GetString());
    }

    [Fact]
    public void A_fit_without_noise_has_no_noise_fields_and_the_text_report_names_the_noise_component()
    {
        var plain = CliRun.Of("fit", "--format", "json").Json();
        var text = CliRun.Of("fit", Example, "--columns", "eruptions,waiting", "--noise", "--labels").Stdout;

        Assert.False(plain.TryGetProperty("noiseWeight", out _));
        Assert.False(plain.TryGetProperty("noiseHypervolume", out _));
        Assert.Contains("Noise:    weight 0.68", text);
        Assert.Matches(@"\|\s+noise \|\s+4\d\d \|", text);
    }

    [Fact]
    public void Predict_writes_noise_in_the_label_column_and_the_model_file_keeps_the_noise_component()
    {
        var model = _files.Missing("noise-model.json");
        var fit = CliRun.Of("fit", Example, "--columns", "eruptions,waiting", "--noise", "--labels", "--format", "json", "--output", model).Json();
        var labels = fit.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();

        var predicted = CliRun.Of("predict", model, Example).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("eruptions,waiting,noise,label,p_0,p_1,p_noise,log_density", predicted[0]);
        var rows = predicted.Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.Equal(labels.Length, rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            Assert.Equal(labels[i] == -1 ? "noise" : labels[i].ToString(CultureInfo.InvariantCulture), rows[i][3]);
            var probabilities = rows[i][4..7].Select(Number).ToArray();
            Assert.Equal(1, probabilities.Sum(), 1e-12);
            Assert.Equal(rows[i][3] == "noise", probabilities[2] >= probabilities.Take(2).Max());
        }
        var sample = CliRun.Of("sample", model, "-n", "400", "--seed", "1").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var drawn = sample.Skip(1).Select(line => line.Split(',')[^1]).ToArray();
        Assert.Contains("noise", drawn);
        Assert.InRange(drawn.Count(label => label == "noise") / 400.0, fit.GetProperty("noiseWeight").GetDouble() - 0.1, fit.GetProperty("noiseWeight").GetDouble() + 0.1);
    }

    [Fact]
    public void Select_with_noise_puts_the_noise_component_in_every_cell_and_picks_mclusts_model()
    {
        var json = CliRun.Of("select", Example, "--columns", "eruptions,waiting", "--noise", "-k", "1..3", "--covariance", "VVV,EVI,EEI", "--format", "json").Json();

        var cells = json.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(9, cells.Length);
        Assert.All(cells, cell => Assert.InRange(cell.GetProperty("noiseWeight").GetDouble(), 0.5, 0.9));
        // mclust 6.0.0, Mclust(data, initialization = list(noise = ...)) over its whole grid: EVI with G = 2,
        // BIC -7445.70 in its sign (mclust-noise.csv); its parameter count has the noise terms, as ours.
        var best = json.GetProperty("best");
        Assert.Equal(("EVI", 2), (best.GetProperty("covariance").GetString(), best.GetProperty("components").GetInt32()));
        var mclustBic = -Number(File.ReadLines(TestData.ReferencePath("noise/mclust-noise.csv")).Skip(1).Select(line => line.Split(','))
            .Single(fields => fields[0] == "random" && fields[1] == "best")[6]);
        Assert.True(best.GetProperty("bic").GetDouble() <= mclustBic * (1 + 1e-6), $"ours {best.GetProperty("bic").GetDouble()}, mclust {mclustBic}");
        Assert.StartsWith("em: --noise-neighbours: it tunes the first guess of --noise", CliRun.Of("select", "--noise-neighbours", "4").SingleErrorLine());
    }

    [Fact]
    public void Noise_where_it_cannot_go_is_refused_with_the_option_named()
    {
        var counts = _files.Write("counts.csv", "a,b\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"{i % 7},{i % 5}\n")));
        var holes = _files.Write("holes.csv", "a,b\n1,2\n3,\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"{i * 0.37 % 5},{i * 0.73 % 3}\n")));
        var model = _files.Missing("noise-model.json");
        CliRun.Of("fit", Example, "--columns", "eruptions,waiting", "--noise", "--output", model);

        Assert.StartsWith("em: --noise: the noise component is a uniform density over the data's box, for Gaussian columns only; column 1 (a) is Poisson",
            CliRun.Of("fit", counts, "--noise", "--family", "poisson").SingleErrorLine());
        Assert.StartsWith($"em: {holes}, line 3, column 2 (b): missing, and --noise does not take missing cells yet",
            CliRun.Of("fit", holes, "--noise").SingleErrorLine());
        Assert.StartsWith("em: --noise-neighbours: it tunes the first guess of --noise",
            CliRun.Of("fit", "--noise-neighbours", "5").SingleErrorLine());
        Assert.StartsWith("em: --noise-neighbours: 0 is too small",
            CliRun.Of("fit", "--noise", "--noise-neighbours", "0").SingleErrorLine());
        Assert.Contains("the model has a noise component, which the bootstrap does not resample yet",
            CliRun.Of("bootstrap", model, Example, "--columns", "eruptions,waiting", "-B", "5").SingleErrorLine());
        Assert.Contains("--noise: a fit with a noise component does not take --known-labels yet",
            CliRun.Of("fit", TestData.DataPath("iris.csv"), "--noise", "--known-labels", "Petal.Width").SingleErrorLine());
    }

    private static double Number(string field) => double.Parse(field, CultureInfo.InvariantCulture);
}
