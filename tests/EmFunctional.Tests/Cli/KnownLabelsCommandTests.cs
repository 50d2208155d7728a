using System.Globalization;
using EmFunctional.Tests.Missing;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em fit --known-labels COLUMN</c>: the label column is read as text and is not a data column, the fit
/// is the facade's partially labelled fit, the JSON report names each component (<c>componentLabels</c>,
/// null for an unnamed one) beside <c>labels</c>, the text report and <c>em predict</c> carry the class
/// names, and bad label columns are refused with one clear line.
/// </summary>
public sealed class KnownLabelsCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Iris with a species column that labels every 5th row and is empty elsewhere.</summary>
    private string IrisCsv(Func<int, string?>? label = null)
    {
        label ??= i => SemiSupervisedTests.EveryFifthSpecies()[i];
        var rows = SemiSupervisedTests.IrisRows();
        var lines = new List<string> { "sl,sw,pl,pw,species" };
        for (var i = 0; i < rows.Length; i++)
            lines.Add(string.Join(",", rows[i].Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "," + label(i));
        return _files.Write($"iris-{Guid.NewGuid():N}.csv", string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void The_json_report_names_the_components_and_labels_every_row_and_equals_the_facade_fit()
    {
        var json = CliRun.Of("fit", IrisCsv(), "--known-labels", "species", "--labels", "--format", "json").Json();
        Assert.Equal(["sl", "sw", "pl", "pw"], json.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, json.GetProperty("components").GetInt32());
        Assert.Equal(["setosa", "versicolor", "virginica"], json.GetProperty("componentLabels").EnumerateArray().Select(c => c.GetString()));
        var labels = json.GetProperty("labels").EnumerateArray().Select(l => l.GetInt32()).ToArray();
        Assert.Equal(150, labels.Length);
        var species = SemiSupervisedTests.EveryFifthSpecies();
        string[] names = ["setosa", "versicolor", "virginica"];
        for (var i = 0; i < species.Length; i++)
            if (species[i] is { } name) Assert.Equal(Array.IndexOf(names, name), labels[i]);

        var facade = FamilyMixture.Fit(SemiSupervisedTests.IrisRows(), species);
        Assert.Equal(facade.LogLikelihood, json.GetProperty("logLikelihood").GetDouble(), 9);
    }

    [Fact]
    public void More_components_than_classes_leave_the_extra_ones_unnamed_and_the_names_reach_predict()
    {
        var file = IrisCsv();
        var model = _files.Missing("ssc.json");
        var json = CliRun.Of("fit", file, "--known-labels", "species", "-k", "4", "--format", "json", "--output", model).Json();
        var componentLabels = json.GetProperty("componentLabels").EnumerateArray().ToArray();
        Assert.Equal(4, componentLabels.Length);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, componentLabels[3].ValueKind);
        Assert.False(json.TryGetProperty("labels", out _));

        var predict = CliRun.Of("predict", model, file);
        Assert.Equal(0, predict.ExitCode);
        var lines = predict.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sl,sw,pl,pw,species,label,class,p_0,p_1,p_2,p_3,log_density", lines[0]);
        Assert.All(lines.Skip(1), line =>
        {
            var fields = line.Split(',');
            var label = int.Parse(fields[5], CultureInfo.InvariantCulture);
            Assert.Equal(label < 3 ? new[] { "setosa", "versicolor", "virginica" }[label] : "", fields[6]);
        });
        Assert.EndsWith(",setosa,0,setosa", string.Join(",", lines[1].Split(',')[..7]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_report_says_how_many_rows_were_labelled_and_names_the_components()
    {
        var run = CliRun.Of("fit", IrisCsv(), "--known-labels", "species", "--labels");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Classes:  30 of 150 rows labelled by --known-labels species;", run.Stdout);
        Assert.Contains("1 (setosa)", run.Stdout);
        Assert.Contains("3 (virginica)", run.Stdout);
        Assert.DoesNotContain("species", run.Stdout.Split('\n')[1]);
    }

    [Fact]
    public void Without_known_labels_every_component_is_unnamed_and_predict_adds_no_class_column()
    {
        var json = CliRun.Of("fit", "-k", "2", "--labels", "--format", "json").Json();
        Assert.All(json.GetProperty("componentLabels").EnumerateArray(), name => Assert.Equal(System.Text.Json.JsonValueKind.Null, name.ValueKind));
        Assert.False(CliRun.Of("fit", "-k", "2", "--format", "json").Json().TryGetProperty("componentLabels", out _));
    }

    [Fact]
    public void Labels_and_missing_cells_together_fit_the_observed_cells_of_every_row()
    {
        var species = SemiSupervisedTests.EveryFifthSpecies();
        var rows = SemiSupervisedTests.IrisRows();
        var lines = new List<string> { "sl,sw,pl,pw,species" };
        for (var i = 0; i < rows.Length; i++)
        {
            if (i % 7 == 3) rows[i][i % 4] = double.NaN;
            lines.Add(string.Join(",", rows[i].Select(x => double.IsNaN(x) ? "NA" : x.ToString("R", CultureInfo.InvariantCulture))) + "," + species[i]);
        }
        var file = _files.Write("holes.csv", string.Join("\n", lines) + "\n");
        var json = CliRun.Of("fit", file, "--known-labels", "species", "--format", "json").Json();
        Assert.Equal(rows.Count(r => r.Any(double.IsNaN)), json.GetProperty("missingCells").GetInt32());
        Assert.Equal(FamilyMixture.Fit(rows, species).LogLikelihood, json.GetProperty("logLikelihood").GetDouble(), 9);
    }

    [Fact]
    public void An_unknown_label_column_is_refused_naming_the_columns()
    {
        var line = CliRun.Of("fit", IrisCsv(), "--known-labels", "Species").SingleErrorLine();
        Assert.Contains("--known-labels: no column is named \"Species\"", line);
        Assert.Contains("sl, sw, pl, pw, species", line);
    }

    [Fact]
    public void More_classes_than_components_are_refused_naming_both()
    {
        var line = CliRun.Of("fit", IrisCsv(), "--known-labels", "species", "-k", "2").SingleErrorLine();
        Assert.Contains("names 3 classes but --components is 2", line);
    }

    [Fact]
    public void A_label_column_with_no_label_is_refused()
    {
        var line = CliRun.Of("fit", IrisCsv(_ => ""), "--known-labels", "species").SingleErrorLine();
        Assert.Contains("no row has a label", line);
    }

    [Fact]
    public void The_label_column_cannot_also_be_a_data_column()
    {
        var run = CliRun.Of("fit", IrisCsv(), "--known-labels", "species", "--columns", "sl,species");
        Assert.Contains("--columns lists column 5 (species), which --known-labels names as the labels; a column is data or labels, not both", run.SingleErrorLine());
    }
}
