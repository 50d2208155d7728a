using EmFunctional.Tests.Cli;

namespace EmFunctional.Tests.Selection;

/// <summary>
/// Rejected input to <c>em select</c>: exit code 2, nothing on stdout, one line on stderr naming the file,
/// line and column, or the option.
/// </summary>
public sealed class SelectBadInputTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void A_bad_cell_is_reported_with_file_line_and_column()
    {
        var path = _files.Write("data.csv", "eruptions,waiting\n3.6,79\n1.8,54\n2.1,abc\n");

        var line = CliRun.Of("select", path).SingleErrorLine();

        Assert.Equal($"em: {path}, line 4, column 2 (waiting): \"abc\" is not a number", line);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _files.Missing("nothing.csv");
        Assert.Equal($"em: {path}: no such file", CliRun.Of("select", path).SingleErrorLine());
    }

    [Theory]
    [InlineData("--components", "0", "--components: \"0\" includes 0; component counts start at 1")]
    [InlineData("--components", "0..3", "component counts start at 1")]
    [InlineData("--components", "3..1", "\"3..1\" is an empty range; write it as 1..3")]
    [InlineData("--components", "two", "\"two\" is not a whole number or a range such as 1..9")]
    [InlineData("--components", "1..", "is not a whole number or a range")]
    [InlineData("--components", "1..3..5", "is not a list of component counts")]
    [InlineData("--components", "2,,3", "is not a list of component counts")]
    [InlineData("--components", "-2", "--components")]
    [InlineData("--components", "1..4,3", "3 is listed twice")]
    [InlineData("--covariance", "fulll", "--covariance: \"fulll\" is not one of all|EII|VII|EEI|VEI|EVI|VVI|EEE|VEE|EVE|VVE|EEV|VEV|EVV|VVV (or full|diag|spherical|tied)")]
    [InlineData("--covariance", "full,full", "VVV is listed twice")]
    [InlineData("--covariance", "full,VVV", "VVV is listed twice")]
    [InlineData("--covariance", "all,tied", "EEE is listed twice")]
    [InlineData("--criterion", "bix", "--criterion: \"bix\" is not one of bic|aic|icl")]
    [InlineData("--restarts", "0", "--restarts: 0 is too small; it must be at least 1")]
    [InlineData("--max-iterations", "x", "--max-iterations: \"x\" is not a whole number")]
    [InlineData("--tolerance", "-1", "--tolerance: -1 is negative")]
    [InlineData("--regularization", "NaN", "--regularization: \"NaN\" is not a finite number")]
    [InlineData("--seed", "1.5", "--seed: \"1.5\" is not a whole number")]
    [InlineData("--format", "xml", "--format: \"xml\" is not one of text|json")]
    public void A_bad_option_value_names_the_option(string option, string value, string expected)
    {
        var line = CliRun.Of("select", option, value).SingleErrorLine();

        Assert.Contains(expected, line);
        Assert.EndsWith("(see 'em select --help')", line);
    }

    [Fact]
    public void An_unknown_option_is_rejected()
    {
        var line = CliRun.Of("select", "--criteria", "bic").SingleErrorLine();
        Assert.Contains("--criteria", line);
    }

    [Fact]
    public void A_grid_in_which_every_cell_fails_is_an_error_naming_the_first_reason()
    {
        var path = _files.Write("one.csv", "a,b\n" + string.Concat(Enumerable.Repeat("1,2\n", 10)));

        var line = CliRun.Of("select", path, "--components", "2,3", "--format", "json").SingleErrorLine();

        Assert.StartsWith($"em: {path}: every cell of the grid failed (28 of 28); the first, 2 components, EII covariance: the data has only 1 distinct row (with positive weight)", line);
    }
}
