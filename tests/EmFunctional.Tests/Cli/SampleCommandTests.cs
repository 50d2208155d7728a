using EmFunctional.Cli;
using EmFunctional.Tests.Persistence;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em sample MODEL -n N [--seed S]</c>: N rows of the model's columns plus component, exactly the
/// facade's draws for that seed, reproducible, and atomic <c>--output</c>.
/// </summary>
public sealed class SampleCommandTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    private string SavedModel(string csv, params string[] options)
    {
        var data = _files.Write($"data-{Guid.NewGuid():N}.csv", csv);
        var model = _files.Missing($"model-{Guid.NewGuid():N}.json");
        Assert.Equal(ExitCodes.Success, CliRun.Of(["fit", data, "--output", model, .. options]).ExitCode);
        return model;
    }

    [Fact]
    public void Rows_are_the_facades_draws_for_the_seed_with_the_models_column_names()
    {
        var model = SavedModel(GeneratedTable.Mixed().Csv, "--family", "auto");

        var run = CliRun.Of("sample", model, "-n", "400", "--seed", "21");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Stderr);
        var output = Read(run.Stdout);
        Assert.Equal(["eruptions", "smoker", "visits", "component"], output.Columns);
        var expected = FittedModel.Load(model).Model.Sample(400, 21);
        Assert.Equal(400, output.RowCount);
        for (var i = 0; i < 400; i++)
        {
            for (var j = 0; j < 3; j++) Assert.Equal(expected.Rows[i][j], output.Values[i, j]);
            Assert.Equal(expected.Labels[i], output.Values[i, 3]);
        }
        Assert.All(Enumerable.Range(0, 400), i => Assert.True(output.Values[i, 1] is 0 or 1));
        Assert.All(Enumerable.Range(0, 400), i => Assert.Equal(Math.Floor(output.Values[i, 2]), output.Values[i, 2]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_rows()
    {
        var model = SavedModel(GeneratedTable.Counts().Csv, "--family", "poisson");

        var first = CliRun.Of("sample", model, "-n", "50", "--seed", "1").Stdout;
        var again = CliRun.Of("sample", model, "--rows", "50", "--seed", "1").Stdout;
        var other = CliRun.Of("sample", model, "-n", "50", "--seed", "2").Stdout;
        var defaultSeed = CliRun.Of("sample", model, "-n", "50").Stdout;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(CliRun.Of("sample", model, "-n", "50", "--seed", "0").Stdout, defaultSeed);
    }

    [Fact]
    public void Output_goes_to_a_file_atomically_with_the_same_bytes_as_stdout()
    {
        var model = SavedModel("a,b\n1,2\n2,1\n8,9\n9,8\n1.5,1.5\n8.5,8.5\n");
        var output = _files.Write("simulated.csv", "old");

        var toStdout = CliRun.Of("sample", model, "-n", "20", "--seed", "5");
        var toFile = CliRun.Of("sample", model, "-n", "20", "--seed", "5", "-o", output);

        Assert.Equal(ExitCodes.Success, toFile.ExitCode);
        Assert.Equal("", toFile.Stdout);
        Assert.Equal(toStdout.Stdout, File.ReadAllText(output));
        Assert.StartsWith("a,b,component\n", toStdout.Stdout);
    }

    [Fact]
    public void A_model_without_column_names_gets_positional_names()
    {
        var model = _files.Missing("unnamed.json");
        FittedModel.Save(GaussianMixture.Fit(PersistenceData.Faithful, 2), model);

        var output = Read(CliRun.Of("sample", model, "-n", "5").Stdout);

        Assert.Equal(["x0", "x1", "component"], output.Columns);
    }

    [Fact]
    public void Bad_options_are_one_line()
    {
        var model = SavedModel("a,b\n1,2\n2,1\n8,9\n9,8\n");

        Assert.Equal("em: Option '-n' is required (see 'em sample --help')", CliRun.Of("sample", model).SingleErrorLine());
        Assert.Equal("em: -n: 0 is too small; it must be at least 1 (see 'em sample --help')", CliRun.Of("sample", model, "-n", "0").SingleErrorLine());
        Assert.Equal("em: -n: \"many\" is not a whole number (see 'em sample --help')", CliRun.Of("sample", model, "-n", "many").SingleErrorLine());
        Assert.Equal("em: --seed: \"x\" is not a whole number (see 'em sample --help')", CliRun.Of("sample", model, "-n", "3", "--seed", "x").SingleErrorLine());
    }

    [Fact]
    public void A_damaged_model_file_is_one_line_naming_the_field()
    {
        var model = SavedModel("a,b\n1,2\n2,1\n8,9\n9,8\n");
        var damaged = _files.Write("damaged.json", File.ReadAllText(model).Replace("\"weights\": [", "\"weights\": [0.25, "));

        var line = CliRun.Of("sample", damaged, "-n", "3").SingleErrorLine();

        Assert.StartsWith($"em: {damaged}: $.weights: has 3 entries but the model has 2 components", line);
    }

    [Fact]
    public void Help_shows_an_example()
    {
        var run = CliRun.Of("sample", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("em sample model.json -n 1000 --seed 7 > simulated.csv", run.Stdout);
    }

    private CsvData Read(string csv) => CsvDataLoader.LoadFile(_files.Write($"output-{Guid.NewGuid():N}.csv", csv));
}
