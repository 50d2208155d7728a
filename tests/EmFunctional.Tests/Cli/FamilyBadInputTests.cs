namespace EmFunctional.Tests.Cli;

/// <summary>
/// A value the chosen family cannot model is bad input like a non-numeric cell: exit code 2, nothing on
/// stdout, one line on stderr naming the file, the line (the header is line 1, blank lines count) and
/// the column by index and header name.
/// </summary>
public sealed class FamilyBadInputTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string, string> BadValues => new()
    {
        // --family, file content, the error line after "em: <path>, "
        { "poisson", "calls,visits\n1,2\n3,0\n2,4\n1,1\n0,3\n5,2\n2,1\n1,2.5\n", "line 9, column 2 (visits): 2.5 is not a count; a Poisson column holds non-negative integers" },
        { "poisson", "calls,visits\n1,2\n-1,0\n", "line 3, column 1 (calls): -1 is not a count; a Poisson column holds non-negative integers" },
        { "poisson", "calls,visits\n1,2\n3000000000,0\n", "line 3, column 1 (calls): 3000000000 is too large a count; a Poisson column holds counts up to 2147483647" },
        { "bernoulli", "q1,q2,q3\n0,1,1\n1,1,0\n0,2,1\n", "line 4, column 2 (q2): 2 is not 0 or 1; a Bernoulli column holds only 0 and 1" },
        { "bernoulli", "q1,q2\n0,1\n1,0\n0.5,1\n", "line 4, column 1 (q1): 0.5 is not 0 or 1; a Bernoulli column holds only 0 and 1" },
        { "categorical", "colour,size\n0,1\n2,0\n1,1.5\n", "line 4, column 2 (size): 1.5 is not a category code; a categorical column holds integer codes 0, 1, 2, ..." },
        { "categorical", "colour,size\n0,1\n-2,0\n", "line 3, column 1 (colour): -2 is not a category code; a categorical column holds integer codes 0, 1, 2, ..." },
        { "categorical", "colour,size\n0,1\n2000000,0\n", "line 3, column 1 (colour): 2000000 is too large a category code; a categorical column holds codes 0 to 1048575" },
        // Blank lines are skipped by the reader but still counted as lines.
        { "poisson", "calls,visits\n1,2\n\n\n3,0\n2,0.25\n", "line 6, column 2 (visits): 0.25 is not a count; a Poisson column holds non-negative integers" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_value_the_family_cannot_model_names_file_line_and_column(string family, string content, string expected)
    {
        var path = _files.Write("data.csv", content);

        var line = CliRun.Of("fit", path, "--family", family, "--components", "1").SingleErrorLine();

        Assert.Equal($"em: {path}, {expected}", line);
    }

    [Theory]
    [InlineData("bernoulli", "3.6 is not 0 or 1")]
    [InlineData("poisson", "3.6 is not a count")]
    [InlineData("categorical", "3.6 is not a category code")]
    public void The_bundled_data_is_continuous_and_rejected_by_the_discrete_families(string family, string expected)
    {
        var line = CliRun.Of("fit", "--family", family).SingleErrorLine();

        Assert.Equal($"em: faithful.csv (bundled Old Faithful data), line 2, column 1 (eruptions): {expected}; " + family switch
        {
            "bernoulli" => "a Bernoulli column holds only 0 and 1",
            "poisson" => "a Poisson column holds non-negative integers",
            _ => "a categorical column holds integer codes 0, 1, 2, ...",
        }, line);
    }

    [Fact]
    public void Auto_accepts_any_finite_numbers_by_making_their_columns_gaussian()
    {
        var path = _files.Write("data.csv", "a,b,c\n-1.5,0,3\n2,1,0\n0.25,1,7\n4,0,2\n-3,1,1\n1,0,4\n");

        var json = CliRun.Of("fit", path, "--family", "auto", "--format", "json").Json();

        Assert.Equal(new[] { "gaussian", "bernoulli", "poisson" }, json.GetProperty("columnFamilies").EnumerateArray().Select(family => family.GetString()));
    }

    [Fact]
    public void The_values_are_checked_for_the_family_of_each_column_under_auto()
    {
        // Under auto a column of 0/1 is Bernoulli and a column of counts Poisson: nothing to reject.
        // Asking for Bernoulli everywhere rejects the count column at its first value above 1.
        var path = _files.Write("data.csv", "smoker,visits\n0,1\n1,0\n1,3\n0,2\n");

        Assert.Equal(0, CliRun.Of("fit", path, "--family", "auto", "-k", "1", "--format", "json").ExitCode);
        Assert.Equal($"em: {path}, line 4, column 2 (visits): 3 is not 0 or 1; a Bernoulli column holds only 0 and 1",
            CliRun.Of("fit", path, "--family", "bernoulli", "-k", "1").SingleErrorLine());
    }
}
