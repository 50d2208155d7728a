using System.Globalization;
using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// <c>em predict</c> keeps the user's other columns (issue 12, item 6): every field of FILE is copied to
/// the output as it was read (quotes removed, then added again where CSV needs them), in file order, and
/// only the model's columns are read as numbers; <c>--columns</c> picks the file columns that feed the
/// model's columns, in the model's order.
/// </summary>
public sealed class PredictPassThroughTests : IDisposable
{
    private const string Training = "a,b\n1,10\n1.5,11\n2,9\n8,30\n8.5,31\n9,29\n";

    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void An_id_column_first_and_a_text_column_last_are_copied_in_file_order_and_numbers_as_written()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("rows.csv", "id,a,b,note\nx0,1.50,1e1,first row\nx1,+8.5,31.000,\nx2,5,20,ünïcode ☃\n");

        var run = CliRun.Of("predict", model, data);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 1.5, 10 }, { 8.5, 31 }, { 5, 20 } });
        Assert.Equal(
            "id,a,b,note,label,p_0,p_1,log_density\n"
            + $"x0,1.50,1e1,first row{suffixes[0]}\n"
            + $"x1,+8.5,31.000,{suffixes[1]}\n"
            + $"x2,5,20,ünïcode ☃{suffixes[2]}\n",
            run.Stdout);
    }

    [Fact]
    public void Quoted_fields_keep_their_delimiters_quotes_and_line_breaks()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("quoted.csv", "name,a,b,memo\n\"Smith, J.\",1,10,\"say \"\"hi\"\"\"\n\"#7\",8.5,31,\"two\nlines\"\n");

        var run = CliRun.Of("predict", model, data);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 1, 10 }, { 8.5, 31 } });
        // A first field starting with # is quoted, or the line would read back as a comment.
        Assert.Equal(
            "name,a,b,memo,label,p_0,p_1,log_density\n"
            + $"\"Smith, J.\",1,10,\"say \"\"hi\"\"\"{suffixes[0]}\n"
            + $"\"#7\",8.5,31,\"two\nlines\"{suffixes[1]}\n",
            run.Stdout);
    }

    [Fact]
    public void Another_delimiter_is_read_and_the_output_is_comma_separated_with_commas_quoted()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("semicolons.csv", "id;b;a;note\nr1;10;1;a,b\nr2;31;8.5;plain\n");

        var run = CliRun.Of("predict", model, data, "--delimiter", ";");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 1, 10 }, { 8.5, 31 } });
        Assert.Equal($"id,b,a,note,label,p_0,p_1,log_density\nr1,10,1,\"a,b\"{suffixes[0]}\nr2,31,8.5,plain{suffixes[1]}\n", run.Stdout);
    }

    [Fact]
    public void Text_and_empty_cells_in_other_columns_are_fine_and_comments_and_blank_lines_are_not_copied()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("mixed.csv", "# exported today\nwhen,a,b,flag\n\n2024-01-01,1,10,\n# a note\n,8.5,31,n/a\n");

        var run = CliRun.Of("predict", model, data);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 1, 10 }, { 8.5, 31 } });
        Assert.Equal($"when,a,b,flag,label,p_0,p_1,log_density\n2024-01-01,1,10,{suffixes[0]}\n,8.5,31,n/a{suffixes[1]}\n", run.Stdout);
    }

    [Fact]
    public void A_bad_number_in_a_model_column_is_named_by_line_and_column_and_text_elsewhere_is_not()
    {
        var model = FitModel(Training, "-k", "2");
        var text = _files.Write("text.csv", "id,a,b\nx0,1,10\n\nx1,2,zz\n");
        var empty = _files.Write("empty.csv", "id,a,b\nx0,,10\n");

        Assert.Equal($"em: {text}, line 4, column 3 (b): \"zz\" is not a number", CliRun.Of("predict", model, text).SingleErrorLine());
        Assert.Equal($"em: {empty}, line 2, column 2 (a): the cell is empty; every cell must be a number", CliRun.Of("predict", model, empty, "--missing", "error").SingleErrorLine());
    }

    [Fact]
    public void A_ragged_row_is_refused_with_its_line_even_when_only_other_columns_are_missing()
    {
        var model = FitModel(Training, "-k", "2");
        var shortRow = _files.Write("short.csv", "a,b,note\n1,10,x\n8,30\n");
        var longRow = _files.Write("long.csv", "a,b,note\n1,10,x,y\n");

        Assert.Equal($"em: {shortRow}, line 3, column 3 (note): missing; the row has 2 fields but the header has 3 columns", CliRun.Of("predict", model, shortRow).SingleErrorLine());
        Assert.Equal($"em: {longRow}, line 2, column 4: extra field; the row has 4 fields but the header has 3 columns", CliRun.Of("predict", model, longRow).SingleErrorLine());
    }

    [Fact]
    public void Columns_lists_the_file_columns_that_feed_the_models_columns_in_the_models_order()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("renamed.csv", "v,id,u\n10,r1,1\n31,r2,8.5\n20,r3,5\n");

        var run = CliRun.Of("predict", model, data, "--columns", "u,v");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 1, 10 }, { 8.5, 31 }, { 5, 20 } });
        Assert.Equal(
            $"v,id,u,label,p_0,p_1,log_density\n10,r1,1{suffixes[0]}\n31,r2,8.5{suffixes[1]}\n20,r3,5{suffixes[2]}\n",
            run.Stdout);
        // The other order feeds other numbers to the model: the mapping is really the list's.
        Assert.NotEqual(run.Stdout, CliRun.Of("predict", model, data, "--columns", "v,u").Stdout);
    }

    [Fact]
    public void Columns_naming_a_model_column_for_another_model_column_is_refused_as_a_swap()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("both.csv", "a,b\n1,10\n");
        var partly = _files.Write("partly.csv", "x,a\n1,10\n");

        Assert.Equal(
            $"em: {data}: --columns: \"b\" is listed for the model's column 1 (a), but the model {model} has a column \"b\" of its own (column 2); the two would be swapped, so list the file's columns in the model's order (a, b)",
            CliRun.Of("predict", model, data, "--columns", "b,a").SingleErrorLine());
        Assert.StartsWith($"em: {partly}: --columns: \"a\" is listed for the model's column 2 (b)", CliRun.Of("predict", model, partly, "--columns", "x,a").SingleErrorLine());
        Assert.Equal(ExitCodes.Success, CliRun.Of("predict", model, data, "--columns", "a,b").ExitCode);
    }

    [Fact]
    public void Columns_must_list_one_column_per_model_column()
    {
        var model = FitModel(Training, "-k", "2");
        var data = _files.Write("three.csv", "u,v,w\n1,10,0\n");

        Assert.Equal(
            $"em: --columns: 1 column listed (u) but the model {model} has 2 (a, b); list one column of the file for each column of the model, in the model's order",
            CliRun.Of("predict", model, data, "--columns", "u").SingleErrorLine());
        Assert.Equal(
            $"em: --columns: 3 columns listed (u, v, w) but the model {model} has 2 (a, b); list one column of the file for each column of the model, in the model's order",
            CliRun.Of("predict", model, data, "--columns", "u,v,w").SingleErrorLine());
        Assert.Equal(
            $"em: {data}: --columns: no column is named \"z\"; the columns are u, v, w",
            CliRun.Of("predict", model, data, "--columns", "u,z").SingleErrorLine());
    }

    [Fact]
    public void Columns_feed_a_model_saved_without_names_in_the_listed_order()
    {
        var model = _files.Missing("unnamed.json");
        FittedModel.Save(GaussianMixture.Fit(Persistence.PersistenceData.Faithful, 2), model);
        var data = _files.Write("wide.csv", "id,waiting,eruptions\nq,79,3.6\nr,54,1.8\n");

        var run = CliRun.Of("predict", model, data, "--columns", "eruptions,waiting");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var suffixes = Suffixes(model, new double[,] { { 3.6, 79 }, { 1.8, 54 } });
        Assert.Equal($"id,waiting,eruptions,label,p_0,p_1,log_density\nq,79,3.6{suffixes[0]}\nr,54,1.8{suffixes[1]}\n", run.Stdout);
    }

    [Fact]
    public void Without_a_header_the_columns_are_named_in_the_output_and_picked_by_number()
    {
        var named = FitModel(Training, "-k", "2");
        var unnamed = FitModel(Training.Replace("a,b\n", ""), "-k", "2", "--no-header");
        var data = _files.Write("headless.csv", "10,r1,1\n31,r2,8.5\n");

        var byNumber = CliRun.Of("predict", named, data, "--no-header", "--columns", "3,1");
        var byName = CliRun.Of("predict", unnamed, _files.Write("headless2.csv", "1,10,r1\n8.5,31,r2\n"), "--no-header");
        var line = CliRun.Of("predict", named, data, "--no-header").SingleErrorLine();

        var matrix = new double[,] { { 1, 10 }, { 8.5, 31 } };
        var suffixes = Suffixes(named, matrix);
        Assert.True(byNumber.ExitCode == ExitCodes.Success, byNumber.Stderr);
        Assert.Equal($"column1,column2,column3,label,p_0,p_1,log_density\n10,r1,1{suffixes[0]}\n31,r2,8.5{suffixes[1]}\n", byNumber.Stdout);
        var unnamedSuffixes = Suffixes(unnamed, matrix);
        Assert.True(byName.ExitCode == ExitCodes.Success, byName.Stderr);
        Assert.Equal($"column1,column2,column3,label,p_0,p_1,log_density\n1,10,r1{unnamedSuffixes[0]}\n8.5,31,r2{unnamedSuffixes[1]}\n", byName.Stdout);
        Assert.Equal($"em: {data}: --no-header: the file has no column names, so the columns of the model {named} (a, b) cannot be found by name; give their numbers in the file with --columns, in the model's order", line);
    }

    [Fact]
    public void Stdin_is_read_with_its_other_columns_too()
    {
        var model = FitModel(Training, "-k", "2");
        var stdin = new MemoryStream(Encoding.UTF8.GetBytes("id,a,b\nq,1,10\n"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = CliApp.Run(["predict", model, "-"], stdin, stdout, stderr, TerminalOutput.Redirected);

        Assert.True(exitCode == ExitCodes.Success, stderr.ToString());
        Assert.Equal($"id,a,b,label,p_0,p_1,log_density\nq,1,10{Suffixes(model, new double[,] { { 1, 10 } })[0]}\n", stdout.ToString());
    }

    [Fact]
    public void A_fit_then_predict_round_trip_gives_the_facades_probabilities_and_copies_the_input()
    {
        var input = File.ReadAllText(TestData.DataPath("faithful.csv"));
        var data = _files.Write("faithful.csv", input);
        var model = FitModel(input, "-k", "2", "--seed", "3");

        var run = CliRun.Of("predict", model, data);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Stderr);
        var output = CsvDataLoader.LoadFile(_files.Write("labelled.csv", run.Stdout));
        var matrix = CsvDataLoader.LoadFile(data).Values;
        var loaded = FittedModel.Load(model).Model;
        var probabilities = loaded.PredictProba(matrix);
        Assert.Equal(matrix.GetLength(0), output.RowCount);
        for (var i = 0; i < output.RowCount; i++)
        {
            Assert.Equal(probabilities[i, 0], output.Values[i, 3]);
            Assert.Equal(probabilities[i, 1], output.Values[i, 4]);
        }
        // The input columns are the input's text, line for line.
        var inputLines = input.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outputLines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(inputLines.Length, outputLines.Length);
        for (var i = 0; i < inputLines.Length; i++) Assert.StartsWith(inputLines[i].TrimEnd('\r') + ",", outputLines[i]);
    }

    /// <summary>Fits <paramref name="csv"/> and saves the model; returns the model's path.</summary>
    private string FitModel(string csv, params string[] options)
    {
        var data = _files.Write($"train-{Guid.NewGuid():N}.csv", csv);
        var model = _files.Missing($"model-{Guid.NewGuid():N}.json");
        var run = CliRun.Of(["fit", data, "--output", model, .. options]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return model;
    }

    /// <summary>",label,p_0,…,log_density" of each row of <paramref name="matrix"/>, as the saved model computes them.</summary>
    private static string[] Suffixes(string modelPath, double[,] matrix)
    {
        var model = FittedModel.Load(modelPath).Model;
        var labels = model.Predict(matrix);
        var probabilities = model.PredictProba(matrix);
        var logDensities = model.ScoreSamples(matrix);
        return [.. Enumerable.Range(0, matrix.GetLength(0)).Select(row =>
            "," + labels[row].ToString(CultureInfo.InvariantCulture)
            + string.Concat(Enumerable.Range(0, model.Components).Select(k => "," + CsvOutput.Number(probabilities[row, k])))
            + "," + CsvOutput.Number(logDensities[row]))];
    }
}
