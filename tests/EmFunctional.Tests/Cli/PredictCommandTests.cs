using System.Globalization;
using EmFunctional.Cli;
using EmFunctional.Tests.Persistence;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em predict MODEL FILE</c>: the input columns plus label, p_0 … p_(K−1) and log_density, columns
/// matched by header name, numbers in round-trip form (so they are the facade's doubles exactly), the
/// errors of a missing, repeated or unmodellable column, and atomic <c>--output</c>.
/// </summary>
public sealed class PredictCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>Fits <paramref name="csv"/> with <paramref name="options"/> and saves the model; returns the data and model paths.</summary>
    private (string Data, string Model) Fit(string csv, params string[] options)
    {
        var data = _files.Write($"data-{Guid.NewGuid():N}.csv", csv);
        var model = _files.Missing($"model-{Guid.NewGuid():N}.json");
        var run = CliRun.Of(["fit", data, "--output", model, .. options]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return (data, model);
    }

    [Fact]
    public void Rows_get_label_probabilities_and_log_density_exactly_as_the_facade_computes_them()
    {
        var table = GeneratedTable.Mixed();
        var (data, model) = Fit(table.Csv, "--family", "auto", "--seed", "4");
        var report = CliRun.Of("fit", data, "--family", "auto", "--seed", "4", "--labels", "--format", "json").Json();

        var run = CliRun.Of("predict", model, data);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var output = Read(run.Stdout);
        Assert.Equal(["eruptions", "smoker", "visits", "label", "p_0", "p_1", "log_density"], output.Columns);
        var input = CsvDataLoader.LoadFile(data).Values;
        var loaded = FittedModel.Load(model).Model;
        var probabilities = loaded.PredictProba(input);
        var logDensities = loaded.ScoreSamples(input);
        var labels = report.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();
        Assert.Equal(input.GetLength(0), output.RowCount);
        for (var i = 0; i < output.RowCount; i++)
        {
            for (var j = 0; j < 3; j++) Assert.Equal(input[i, j], output.Values[i, j]);
            Assert.Equal(labels[i], output.Values[i, 3]);
            Assert.Equal(probabilities[i, 0], output.Values[i, 4]);
            Assert.Equal(probabilities[i, 1], output.Values[i, 5]);
            Assert.Equal(logDensities[i], output.Values[i, 6]);
        }
        Assert.True(table.Agreement(labels) > 0.9);
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_other_columns_are_kept_but_not_used()
    {
        var (data, model) = Fit("a,b\n1,10\n1.5,11\n2,9\n8,30\n8.5,31\n9,29\n", "-k", "2");
        var shuffled = _files.Write("shuffled.csv", "id,b,note,a\n1,10,0,1\n2,31,0,8.5\n3,20,1,5\n");

        var output = Read(CliRun.Of("predict", model, shuffled).Stdout);

        Assert.Equal(["id", "b", "note", "a", "label", "p_0", "p_1", "log_density"], output.Columns);
        var expected = FittedModel.Load(model).Model.ScoreSamples(new double[,] { { 1, 10 }, { 8.5, 31 }, { 5, 20 } });
        Assert.Equal(expected, Enumerable.Range(0, 3).Select(i => output.Values[i, 7]));
        Assert.NotEqual(output.Values[0, 4], output.Values[1, 4]);
        Assert.Equal([10, 31, 20], Enumerable.Range(0, 3).Select(i => output.Values[i, 1]));
    }

    [Fact]
    public void Output_goes_to_a_file_with_the_same_bytes_as_stdout_and_replaces_an_existing_one()
    {
        var (data, model) = Fit(GeneratedTable.Counts().Csv, "--family", "poisson", "-k", "2");
        var output = _files.Write("labelled.csv", "old content that must go");

        var toStdout = CliRun.Of("predict", model, data);
        var toFile = CliRun.Of("predict", model, data, "--output", output);

        Assert.Equal(ExitCodes.Success, toFile.ExitCode);
        Assert.Equal("", toFile.Stdout);
        Assert.Equal(toStdout.Stdout, File.ReadAllText(output));
        Assert.DoesNotContain(Directory.GetFiles(_files.DirectoryPath), file => file.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_model_column_missing_from_the_header_is_named()
    {
        var (_, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var data = _files.Write("other.csv", "height,mass\n1,2\n");

        var line = CliRun.Of("predict", model, data).SingleErrorLine();

        Assert.Equal($"em: {data}: the header has no column \"weight\", which the model {model} needs (its columns: height, weight)", line);
    }

    [Fact]
    public void A_model_column_named_twice_in_the_header_is_ambiguous_but_other_repeats_are_fine()
    {
        var (_, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var ambiguous = _files.Write("ambiguous.csv", "weight,height,weight\n1,2,3\n");
        var harmless = _files.Write("harmless.csv", "note,height,weight,note\n0,1,2,0\n");

        var line = CliRun.Of("predict", model, ambiguous).SingleErrorLine();
        var fine = CliRun.Of("predict", model, harmless);

        Assert.Equal($"em: {ambiguous}: the header names \"weight\" 2 times (column 1 and column 3); the model {model} uses that column, so which one to use is ambiguous", line);
        Assert.Equal(ExitCodes.Success, fine.ExitCode);
    }

    [Fact]
    public void An_input_column_named_like_an_added_column_is_refused()
    {
        var (_, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var data = _files.Write("labelled-already.csv", "height,weight,label\n1,2,0\n");

        var line = CliRun.Of("predict", model, data).SingleErrorLine();

        Assert.Equal($"em: {data}: column 3 (label) is named \"label\", like a column em adds to the output, which would then have two columns of that name; rename it", line);
    }

    [Fact]
    public void A_value_the_models_family_cannot_take_is_named_by_line_and_column()
    {
        var (_, model) = Fit(GeneratedTable.Codes().Csv, "--family", "categorical");
        var unseen = _files.Write("unseen.csv", "size,colour\n1,2\n2,7\n");
        var fraction = _files.Write("fraction.csv", "size,colour\n1,2\n0.5,1\n");

        Assert.Equal($"em: {unseen}, line 3, column 2 (colour): 7 is a category code the model never saw; it was fitted on codes 0 to 3 in this column",
            CliRun.Of("predict", model, unseen).SingleErrorLine());
        Assert.Equal($"em: {fraction}, line 3, column 1 (size): 0.5 is not a category code; a categorical column holds integer codes 0, 1, 2, ...",
            CliRun.Of("predict", model, fraction).SingleErrorLine());
    }

    [Fact]
    public void A_failed_prediction_leaves_an_existing_output_file_as_it_was()
    {
        var (_, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var data = _files.Write("other.csv", "height,mass\n1,2\n");
        var output = _files.Write("keep.csv", "precious");

        CliRun.Of("predict", model, data, "--output", output).SingleErrorLine();

        Assert.Equal("precious", File.ReadAllText(output));
    }

    [Fact]
    public void An_unwritable_output_directory_is_one_line_and_leaves_no_file()
    {
        var (data, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        using var unwritable = new UnwritableDirectory();
        var before = unwritable.Files();
        var output = Path.Combine(unwritable.Path, "labelled.csv");

        var line = CliRun.Of("predict", model, data, "--output", output).SingleErrorLine();

        Assert.StartsWith($"em: --output {output}: cannot write: permission denied", line);
        Assert.Equal(before, unwritable.Files());
    }

    [Fact]
    public void A_write_that_fails_half_way_keeps_the_old_file_and_leaves_no_temporary()
    {
        var output = _files.Write("keep.csv", "precious");

        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(output, TextWriter.Null, writer =>
        {
            writer.Write(new string('x', 1 << 20));
            throw new InvalidOperationException("simulated failure half-way");
        }));

        Assert.Equal("precious", File.ReadAllText(output));
        Assert.Equal([output], Directory.GetFiles(_files.DirectoryPath));
    }

    [Fact]
    public void A_damaged_or_missing_model_file_is_one_line_naming_the_file_and_field()
    {
        var (data, model) = Fit("height,weight\n1,2\n2,1\n8,9\n9,8\n");
        var damaged = _files.Write("damaged.json", File.ReadAllText(model).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 3"));
        var notJson = _files.Write("not.json", "height,weight\n1,2\n");
        var missing = _files.Missing("missing.json");

        Assert.StartsWith($"em: {damaged}: $.schemaVersion: schema version 3 is not supported", CliRun.Of("predict", damaged, data).SingleErrorLine());
        Assert.StartsWith($"em: {notJson}: $: line 1: not valid JSON", CliRun.Of("predict", notJson, data).SingleErrorLine());
        Assert.Equal($"em: {missing}: no such file", CliRun.Of("predict", missing, data).SingleErrorLine());
    }

    [Fact]
    public void A_model_saved_without_column_names_takes_the_columns_by_position()
    {
        var model = _files.Missing("unnamed.json");
        FittedModel.Save(GaussianMixture.Fit(PersistenceData.Faithful, 2), model);
        var data = _files.Write("any-names.csv", "u,v\n3.6,79\n1.8,54\n");
        var wrongWidth = _files.Write("three.csv", "u,v,w\n3.6,79,1\n");

        var output = Read(CliRun.Of("predict", model, data).Stdout);
        var line = CliRun.Of("predict", model, wrongWidth).SingleErrorLine();

        Assert.Equal(["u", "v", "label", "p_0", "p_1", "log_density"], output.Columns);
        Assert.Equal($"em: {wrongWidth}: has 3 columns but the model {model} has 2; it was saved without column names, so columns are taken by position and the counts must agree", line);
    }

    [Fact]
    public void Help_shows_the_arguments_and_an_example()
    {
        var run = CliRun.Of("predict", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("<MODEL>", run.Stdout);
        Assert.Contains("--output", run.Stdout);
        Assert.Contains("em predict model.json new-rows.csv --output labelled.csv", run.Stdout);
    }

    [Fact]
    public void Missing_arguments_and_unknown_options_are_one_line()
    {
        Assert.StartsWith("em: ", CliRun.Of("predict").SingleErrorLine());
        Assert.EndsWith("(see 'em predict --help')", CliRun.Of("predict", "model.json", "data.csv", "--outptu", "x.csv").SingleErrorLine());
    }

    /// <summary>A CSV that em wrote, read back by em's own loader (so the output is valid input too).</summary>
    private CsvData Read(string csv) => CsvDataLoader.LoadFile(_files.Write($"output-{Guid.NewGuid():N}.csv", csv));
}
