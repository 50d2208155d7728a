using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// Every kind of rejected input gives exit code 2, an empty stdout and one line on stderr that says
/// where the problem is: the file, the line (1-based, the header is line 1) and the column (1-based
/// index and header name), or the option.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_non_numeric_cell_is_reported_with_file_line_and_column()
    {
        var path = _files.Write("data.csv", "eruptions,waiting\n3.6,79\n1.8,54\n3.333,74\n2.283,62\n4.533,85\n2.1,abc\n4.7,88\n");

        var line = CliRun.Of("fit", path).SingleErrorLine();

        Assert.Equal($"em: {path}, line 7, column 2 (waiting): \"abc\" is not a number", line);
    }

    public static TheoryData<string, string[]> MalformedFiles => new()
    {
        // file content, then fragments the error line must contain besides the file name
        { "", ["empty"] },
        { "a,b\n", ["no data rows"] },
        { "a,b\r\n\r\n", ["no data rows"] },
        { "1.5,2\n1,2\n3,4\n", ["line 1", "header"] },
        { "a,b\n1,2\n3\n", ["line 3", "column 2 (b)", "missing"] },
        { "a,b\n1,2\n3,4,5\n", ["line 3", "column 3", "3 fields", "2 columns"] },
        { "a,b\n1,2\n3,x\n", ["line 3", "column 2 (b)", "\"x\" is not a number"] },
        { "a,b\n1,2\n\n\n3,4\n5,six\n", ["line 6", "column 2 (b)", "\"six\""] },
        { "a,b\nInfinity,1\n", ["line 2", "column 1 (a)", "\"Infinity\" is not a finite number"] },
        { "a,b\n1,2\n-Infinity,1\n", ["line 3", "column 1 (a)", "not a finite number"] },
        { "a,b\n1,1e999\n", ["line 2", "column 2 (b)", "\"1e999\" is not a finite number"] },
        { "a,b\n1,2\n,\n", ["line 3", "every cell is missing"] },
        { "a,b\n1,2\nNA,   \n", ["line 3", "every cell is missing"] },
        { "a;b\n1;2\n", ["line 2", "column 1 (a;b)", "separated by commas"] },
        { "a,b\n1,2\n3,\"4\n", ["line 3", "malformed CSV"] },
        { "a,b\n1,2\n3,4\"x\n", ["line 3", "malformed CSV"] },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void A_malformed_file_is_rejected_with_its_location(string content, string[] expectedFragments)
    {
        var path = _files.Write("bad.csv", content);

        var line = CliRun.Of("fit", path).SingleErrorLine();

        Assert.StartsWith($"em: {path}", line);
        foreach (var fragment in expectedFragments)
            Assert.Contains(fragment, line);
    }

    /// <summary>Under <c>--missing error</c> a missing cell is bad input again, named by line and column.</summary>
    public static TheoryData<string, string[]> FilesWithMissingCells => new()
    {
        { "a,b\n1,NaN\n", ["line 2", "column 2 (b)", "\"NaN\" is not a finite number"] },
        { "a,b\n1,2\n,3\n", ["line 3", "column 1 (a)", "empty"] },
        { "a,b\n1,2\n3,   \n", ["line 3", "column 2 (b)", "empty"] },
        { "a,b\n1,2\n3,\"\"\n", ["line 3", "column 2 (b)", "empty"] },
        { "a,b\n1,2\n3,NA\n", ["line 3", "column 2 (b)", "\"NA\" is not a number"] },
    };

    [Theory]
    [MemberData(nameof(FilesWithMissingCells))]
    public void Missing_error_rejects_a_missing_cell_with_its_location(string content, string[] expectedFragments)
    {
        var path = _files.Write("bad.csv", content);

        var line = CliRun.Of("fit", path, "--missing", "error").SingleErrorLine();

        Assert.StartsWith($"em: {path}", line);
        foreach (var fragment in expectedFragments)
            Assert.Contains(fragment, line);
    }

    [Fact]
    public void Fewer_distinct_rows_than_components_is_rejected_naming_the_option()
    {
        var path = _files.Write("duplicates.csv", "a,b\n1,2\n1,2\n1.0,2.0\n3,4\n");

        var line = CliRun.Of("fit", path, "--components", "3").SingleErrorLine();

        Assert.StartsWith($"em: {path}", line);
        Assert.Contains("only 2 distinct rows", line);
        Assert.Contains("--components", line);
        Assert.Equal(0, CliRun.Of("fit", path, "--components", "2", "--format", "json").ExitCode);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _files.Missing("nowhere.csv");
        Assert.Equal($"em: {path}: no such file", CliRun.Of("fit", path).SingleErrorLine());
    }

    [Fact]
    public void A_directory_is_not_a_file()
    {
        var line = CliRun.Of("fit", _files.DirectoryPath).SingleErrorLine();
        Assert.Contains(_files.DirectoryPath, line);
        Assert.Contains("directory", line);
    }

    [Theory]
    [InlineData("--components", "0", "at least 1")]
    [InlineData("--components", "-2", "at least 1")]
    [InlineData("--components", "two", "not a whole number")]
    [InlineData("-k", "1.5", "not a whole number")]
    [InlineData("--restarts", "0", "at least 1")]
    [InlineData("--tolerance", "-0.1", "at least 0")]
    [InlineData("--tolerance", "NaN", "not a finite number")]
    [InlineData("--tolerance", "1,5", "not a finite number")]
    [InlineData("--max-iterations", "0", "at least 1")]
    [InlineData("--regularization", "-1e-6", "at least 0")]
    [InlineData("--regularization", "Infinity", "not a finite number")]
    [InlineData("--seed", "zero", "not a whole number")]
    [InlineData("--covariance", "diagonal", "full|diag|spherical|tied")]
    [InlineData("--init", "kmeans+", "kmeans++|kmeans|random-from-data|random-responsibilities")]
    [InlineData("--format", "xml", "text|json")]
    [InlineData("--family", "normal", "gaussian|bernoulli|categorical|poisson|auto")]
    [InlineData("--weight-prior", "0.5", "at least 1")]
    [InlineData("--weight-prior", "0", "at least 1")]
    [InlineData("--weight-prior", "-2", "at least 1")]
    [InlineData("--weight-prior", "two", "not a finite number")]
    [InlineData("--weight-prior", "Infinity", "not a finite number")]
    [InlineData("--weight-prior", "NaN", "not a finite number")]
    public void An_invalid_option_value_is_rejected_naming_the_option(string option, string value, string expected)
    {
        var line = CliRun.Of("fit", option, value).SingleErrorLine();

        Assert.Contains(option == "-k" ? "--components" : option, line);
        Assert.Contains($"{value}", line);
        Assert.Contains(expected, line);
    }

    [Theory]
    [InlineData(new[] { "fit", "--components" }, "--components")]
    [InlineData(new[] { "fit", "--bogus" }, "--bogus")]
    [InlineData(new[] { "fit", "a.csv", "b.csv" }, "b.csv")]
    [InlineData(new[] { "frobnicate" }, "frobnicate")]
    [InlineData(new string[0], "command")]
    public void A_command_line_parse_error_is_one_short_line_with_exit_code_2(string[] args, string expected)
    {
        var line = CliRun.Of(args).SingleErrorLine();

        Assert.Contains(expected, line);
        Assert.Contains("--help", line);
    }

    [Fact]
    public void A_numerical_failure_of_the_fit_is_reported_with_exit_code_2()
    {
        // Two stacks of identical points: with no regularization each component collapses onto one of
        // them and its covariance is singular.
        var rows = Enumerable.Repeat("0,0", 10).Concat(Enumerable.Repeat("5,5", 10));
        var path = _files.Write("collapse.csv", "a,b\n" + string.Join("\n", rows) + "\n");

        var line = CliRun.Of("fit", path, "--regularization", "0", "--degenerate", "error").SingleErrorLine();

        Assert.StartsWith($"em: {path}: the fit failed: ", line);
        Assert.Contains("regularization", line);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_with_exit_code_1()
    {
        var stderr = new StringWriter();

        var exitCode = CliApp.Run(["fit"], new FailingWriter(), stderr);

        Assert.Equal(ExitCodes.InternalError, exitCode);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("em: internal error: the disk is full", line.TrimEnd('\r'));
    }

    /// <summary>Stdout that cannot be written, as when a pipe's reader has gone away.</summary>
    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new IOException("the disk is full");

        public override void Write(string? value) => throw new IOException("the disk is full");
    }
}
