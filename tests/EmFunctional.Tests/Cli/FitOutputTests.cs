using EmFunctional.Cli;
using EmFunctional.Tests.Persistence;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em fit --output model.json</c>: the fitted model is saved (with the CSV header as column names) and
/// loads back as the model the report describes; the report on stdout is byte for byte what it is
/// without <c>--output</c>; a model that cannot be saved is an error before anything reaches stdout.
/// </summary>
public sealed class FitOutputTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    public void The_report_is_unchanged_and_the_saved_model_is_the_reported_one(string format)
    {
        var data = _files.Write("mixed.csv", GeneratedTable.Mixed().Csv);
        var path = _files.Missing("model.json");
        string[] fit = ["fit", data, "-k", "2", "--family", "auto", "--restarts", "2", "--seed", "3", "--format", format];

        var without = CliRun.Of(fit);
        var with = CliRun.Of([.. fit, "--output", path]);

        Assert.Equal(ExitCodes.Success, with.ExitCode);
        Assert.Equal("", with.Stderr);
        Assert.Equal(without.Stdout, with.Stdout);
        var saved = FittedModel.Load(path);
        Assert.Equal(["eruptions", "smoker", "visits"], saved.ColumnNames!.Value.ToArray());
        var model = Assert.IsType<FamilyMixtureModel>(saved.Model);
        Assert.Equal([ColumnFamily.Gaussian, ColumnFamily.Bernoulli, ColumnFamily.Poisson], model.ColumnFamilies.ToArray());
        Assert.Equal(FamilyChoice.Auto, model.Options.Family);
        Assert.Equal(3, model.Options.Seed);
        Assert.Equal(2, model.Options.Restarts);
        Assert.Equal(2, model.Restarts.Length);
    }

    [Fact]
    public void The_saved_model_labels_the_rows_as_the_fit_did()
    {
        var data = _files.Write("survey.csv", GeneratedTable.Survey().Csv);
        var path = _files.Missing("survey-model.json");

        var report = CliRun.Of("fit", data, "--family", "bernoulli", "--priors", "--labels", "--format", "json", "--output", path).Json();

        var labels = report.GetProperty("labels").EnumerateArray().Select(label => label.GetInt32()).ToArray();
        var loaded = FittedModel.Load(path).Model;
        var rows = CsvDataLoader.LoadFile(data).Values;
        Assert.Equal(labels, loaded.Predict(rows));
        Assert.Equal(report.GetProperty("logLikelihood").GetDouble(), loaded.LogLikelihood);
        Assert.Equal(report.GetProperty("logPrior").GetDouble(), loaded.LogPrior);
        Assert.True(((FamilyMixtureModel)loaded).Options.UsePriors);
    }

    [Fact]
    public void The_bundled_data_is_saved_with_its_column_names()
    {
        var path = _files.Missing("faithful.json");

        var run = CliRun.Of("fit", "--output", path);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["eruptions", "waiting"], FittedModel.Load(path).ColumnNames!.Value.ToArray());
    }

    [Fact]
    public void An_existing_model_file_is_replaced()
    {
        var path = _files.Write("model.json", "an older model");

        CliRun.Of("fit", "--output", path, "-k", "3");

        Assert.Equal(3, FittedModel.Load(path).Model.Components);
        Assert.Single(Directory.GetFiles(_files.DirectoryPath));
    }

    [Fact]
    public void A_missing_directory_is_reported_before_fitting()
    {
        var path = Path.Combine(_files.DirectoryPath, "nowhere", "model.json");

        var line = CliRun.Of("fit", "--output", path).SingleErrorLine();

        Assert.Equal($"em: --output {path}: the directory {Path.GetDirectoryName(path)} does not exist", line);
    }

    [Fact]
    public void An_unwritable_directory_is_one_line_with_no_file_left_and_nothing_on_stdout()
    {
        using var unwritable = new UnwritableDirectory();
        var before = unwritable.Files();
        var path = Path.Combine(unwritable.Path, "model.json");

        var line = CliRun.Of("fit", "--output", path).SingleErrorLine();

        Assert.StartsWith($"em: --output {path}: cannot write: permission denied", line);
        Assert.Equal(before, unwritable.Files());
    }

    [Fact]
    public void A_header_that_repeats_a_name_cannot_be_saved_as_a_model()
    {
        var data = _files.Write("twice.csv", "x,x\n1,2\n3,4\n5,7\n8,1\n");
        var path = _files.Missing("twice.json");

        var line = CliRun.Of("fit", data, "--output", path).SingleErrorLine();

        Assert.Equal($"em: --output {path}: columns 1 and 2 are both named \"x\"; a saved model finds its columns by name, so give each its own name in the header", line);
        Assert.False(File.Exists(path));
    }
}
