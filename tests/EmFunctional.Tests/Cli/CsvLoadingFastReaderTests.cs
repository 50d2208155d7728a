using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// The fast reader must change nothing but the time: on any file, loading gives what reading with
/// CsvHelper alone gives, the same values bit for bit, the same columns and row lines, or the same error
/// message, word for word.
/// </summary>
public sealed class CsvLoadingFastReaderTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    public static TheoryData<string> Files => new()
    {
        // Plain, padded, every line end, blank lines, no final line break.
        "a,b\n1,2\n3,4\n", "a,b\n1,2\n3,4", "a,b\r\n1,2\r\n3,4\r\n", "a,b\r1,2\r3,4\r", "a,b\n\n\n1,2\r\n\r\n3,4\r\r\n5,6\n\n",
        "a,b\n  1 ,\t2\t\n 3,4 \n", "a , b \n1,2\n", "a\n1\n2\n\n3", "a,b\n1e5,-0\n+.5,5.\n-0.0,0e-999\n",
        "a,b\n1.7976931348623157e308,4.9406564584124654e-324\n", "a,b\n12345678901234567890123,0.00000000000000000000000001\n",
        // Quotes anywhere: CsvHelper's to read.
        "\"a\",\"b\"\n1,2\n", "a,b\n\"1\",2\n", "a,b\n1,\" 2 \"\n", "a,b\n\"1\n\",2\n3,4\n", "a,b\n\"1,5\",2\n", "a,b\n1,2\"\n",
        "a,b\n1,\"2\n", "a,b\n1,2\n3,4\"x\n", "a,b\n1,\"\"\n",
        // Whitespace that is not padding, whitespace-only lines.
        "a,b\n1,2\f\n", "a,b\n1,2\n   \n3,4\n", "a,b\n1,2\n\t\n", "a\n1\n \n2\n", "a,b\n1\v,2\n",
        // Rejected: ragged rows, bad cells, non-finite numbers, no rows, no header.
        "", "a,b\n", "a,b\r\n\r\n", "1.5,2\n1,2\n", "a,b\n1,2\n3\n", "a,b\n1,2\n3,4,5\n", "a,b\n1,2\n3,4,\n", "a,b\n1,2\n3,x\n",
        "a,b\n1,2\n\n\n3,4\n5,six\n", "a,b\n1,NaN\n", "a,b\nInfinity,1\n", "a,b\n1,1e999\n", "a,b\n1,2\n,3\n", "a,b\n1,2\n3,   \n",
        "a;b\n1;2\n", "a,b\n1;2,3\n", "a,b\n1,2\n1e,2\n", "a,b\n1,2\n1.5.3,2\n", "a,b\n1,2\n0x10,2\n", "a,b\n1 2,3\n",
        "a,b\n1,2\n\0,3\n", "a,b\n1,2\n١,3\n",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void A_file_loads_as_CsvHelper_alone_loads_it(string content) =>
        AssertSameAsCsvHelper(Encoding.UTF8.GetBytes(content));

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    public void A_file_with_a_byte_order_mark_loads_as_CsvHelper_alone_loads_it(byte[] byteOrderMark)
    {
        var content = "a,b\r\n1.5,2\r\n 3 ,-4e-2\r\n";
        var bytes = byteOrderMark.Length == 3 ? Encoding.UTF8.GetBytes(content) : Encoding.Unicode.GetBytes(content);

        var data = AssertSameAsCsvHelper([.. byteOrderMark, .. bytes]);

        Assert.NotNull(data);
        Assert.Equal(-4e-2, data.Values[1, 1]);
    }

    [Fact]
    public void Random_files_load_as_CsvHelper_alone_loads_them()
    {
        var random = new Random(2026);
        for (var i = 0; i < 400; i++) AssertSameAsCsvHelper(Encoding.UTF8.GetBytes(RandomFile(random)));
    }

    [Fact]
    public void Lines_longer_than_the_read_block_load_as_CsvHelper_alone_loads_them()
    {
        // 1 MiB blocks: a few rows of 60 000 columns each cross several of them.
        const int columns = 60_000;
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, columns).Select(j => $"c{j}"))).Append("\r\n");
        for (var i = 0; i < 3; i++)
            text.Append(string.Join(",", Enumerable.Range(0, columns).Select(j => (i * 0.1 + j * 1e-3).ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).Append("\r\n");

        var data = AssertSameAsCsvHelper(Encoding.UTF8.GetBytes(text.ToString()));

        Assert.NotNull(data);
        Assert.Equal(3, data.RowCount);
        Assert.Equal(columns, data.ColumnCount);
    }

    /// <summary>
    /// Files large enough to be cut into ranges read in parallel: the ranges' rows must land in order with no
    /// gap whatever the blank lines and line ends, and a problem anywhere must be reported as CsvHelper does.
    /// </summary>
    [Theory]
    [InlineData("\n", "blank lines", false)]
    [InlineData("\r\n", "blank lines and lone CRs", false)]
    [InlineData("\n", "a bad cell near the end", false)]
    [InlineData("\r\n", "a quoted cell in the middle", false)]
    [InlineData("\r", "CR line ends only", false)]
    [InlineData("\n", "no final line break", true)]
    public void Files_read_in_parallel_load_as_CsvHelper_alone_loads_them(string lineEnd, string oddity, bool noFinalBreak)
    {
        var random = new Random(oddity.Length);
        var text = new StringBuilder("a,b,c,d").Append(lineEnd);
        var row = 0;
        while (text.Length < CsvFastReader.ParallelThreshold + (1 << 20))
        {
            if (oddity.StartsWith("blank") && random.Next(5000) == 0) text.Append(lineEnd);
            text.Append(string.Join(",", Enumerable.Range(0, 4).Select(j => (row * 0.001 + j + random.NextDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture))));
            text.Append(oddity.Contains("lone CR") && random.Next(3000) == 0 ? "\r" : lineEnd);
            row++;
        }
        if (oddity == "a bad cell near the end") text.Append("1,2,oops,4").Append(lineEnd).Append("5,6,7,8").Append(lineEnd);
        if (oddity == "a quoted cell in the middle") text.Insert(text.ToString().IndexOf(lineEnd, text.Length / 2, StringComparison.Ordinal) + lineEnd.Length, "\"1\",2,3,4" + lineEnd);
        if (noFinalBreak) text.Append("9,9,9,9");

        var data = AssertSameAsCsvHelper(Encoding.UTF8.GetBytes(text.ToString()));

        if (oddity != "a bad cell near the end") Assert.NotNull(data);
    }

    /// <summary>Loads the file both ways; returns the data when it loads.</summary>
    private CsvData? AssertSameAsCsvHelper(byte[] content)
    {
        var path = _files.WriteBytes("same.csv", content);
        var shown = Encoding.UTF8.GetString(content.AsSpan(0, Math.Min(content.Length, 200))).Replace("\r", "\\r").Replace("\n", "\\n");
        CsvData? expected = null, actual = null;
        var expectedError = Record.Exception(() => expected = CsvDataLoader.LoadFile(path, fastReader: false));
        var actualError = Record.Exception(() => actual = CsvDataLoader.LoadFile(path, fastReader: true));

        if (expectedError is not null)
        {
            Assert.IsType<UserInputException>(expectedError);
            Assert.True(actualError is UserInputException, $"\"{shown}\": CsvHelper alone says \"{expectedError.Message}\", loading gives {actualError?.Message ?? "data"}");
            Assert.Equal(expectedError.Message, actualError!.Message);
            return null;
        }
        Assert.True(actualError is null, $"\"{shown}\": CsvHelper alone loads it, loading says \"{actualError?.Message}\"");
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.LineNumbers, actual.LineNumbers);
        Assert.Equal(expected.Values.GetLength(0), actual.Values.GetLength(0));
        Assert.Equal(expected.Values.GetLength(1), actual.Values.GetLength(1));
        for (var i = 0; i < expected.RowCount; i++)
            for (var j = 0; j < expected.ColumnCount; j++)
                if (BitConverter.DoubleToInt64Bits(expected.Values[i, j]) != BitConverter.DoubleToInt64Bits(actual.Values[i, j]))
                    Assert.Fail($"\"{shown}\", row {i}, column {j}: CsvHelper alone reads {expected.Values[i, j]:R}, loading {actual.Values[i, j]:R}");
        return actual;
    }

    /// <summary>A small file of mostly good rows with the odd blank line, padding, quote, bad cell or ragged row.</summary>
    private static string RandomFile(Random random)
    {
        string[] numbers = ["0", "-0", "1", "+2.5", "-3.25e-7", "4E+12", ".5", "6.", "0.1", "-0.048005714773200564", "9007199254740993", "1e308", "1e-320"];
        string[] odd = ["", " ", "x", "NaN", "1e999", "\"7\"", "\" 8 \"", "\"9", "1 2", "1;2", "\t", "\"1,5\"", "1\"", "\f3"];
        string[] lineEnds = ["\n", "\r\n", "\r"];
        var columns = random.Next(1, 4);
        var lineEnd = lineEnds[random.Next(lineEnds.Length)];
        var text = new StringBuilder(string.Join(",", Enumerable.Range(0, columns).Select(j => $"c{j}"))).Append(lineEnd);
        var rows = random.Next(0, 6);
        for (var i = 0; i < rows; i++)
        {
            if (random.Next(8) == 0) text.Append(random.Next(2) == 0 ? "" : " ").Append(lineEnd);
            var fields = random.Next(10) == 0 ? columns + random.Next(-1, 2) : columns;
            var cells = Enumerable.Range(0, Math.Max(fields, 0)).Select(_ =>
            {
                var cell = random.Next(12) == 0 ? odd[random.Next(odd.Length)] : numbers[random.Next(numbers.Length)];
                return random.Next(6) == 0 ? $" {cell}\t" : cell;
            });
            text.Append(string.Join(",", cells));
            if (i < rows - 1 || random.Next(2) == 0) text.Append(random.Next(10) == 0 ? lineEnds[random.Next(lineEnds.Length)] : lineEnd);
        }
        return text.ToString();
    }
}
