using System.Globalization;
using System.Text;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// What the loader hands on: the N×D matrix holds, bit for bit, what <c>double.Parse</c> makes of each
/// cell as written (quotes and padding removed), whatever the file's line ends, byte order mark, quoting
/// or blank lines; each row keeps its file line; the matrix is exactly N rows long whether or not the
/// line count guessed N right. (Rejected files are covered by <see cref="BadInputTests"/> through the command.)
/// </summary>
public sealed class CsvLoadingTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Tricky_numbers_load_as_double_Parse_reads_them()
    {
        string[] cells =
        [
            "1e5", "+3.6", "-0", "  2.5  ", "\"7e-3\"", "\" -1.25E+2 \"", "0.1", "-0.048005714773200564", "9007199254740993",
            "1.7976931348623157e308", "4.9406564584124654e-324", "12345678901234567890123", "+.5", "5.", "1e-400", "\t42\t",
        ];
        var rows = cells.Chunk(4).Select(chunk => string.Join(",", chunk)).ToArray();
        foreach (var newline in new[] { "\n", "\r\n" })
        foreach (var bom in new[] { false, true })
        {
            var content = Encoding.UTF8.GetBytes("a,b,c,d" + newline + string.Join(newline, rows) + newline);
            var path = _files.WriteBytes($"tricky-{newline.Length}-{bom}.csv", bom ? [0xEF, 0xBB, 0xBF, .. content] : content);

            var data = CsvDataLoader.LoadFile(path);

            Assert.Equal(new[] { "a", "b", "c", "d" }, data.Columns);
            Assert.Equal(4, data.RowCount);
            Assert.Equal(4, data.ColumnCount);
            for (var i = 0; i < cells.Length; i++)
            {
                var expected = double.Parse(cells[i].Trim(' ', '\t').Trim('"').Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
                AssertIdentical(expected, data.Values[i / 4, i % 4], $"cell \"{cells[i]}\" (line ends {newline.Length}, BOM {bom})");
            }
            Assert.Equal(new long[] { 2, 3, 4, 5 }, data.LineNumbers);
        }
    }

    [Fact]
    public void Many_rows_of_round_trip_numbers_load_exactly()
    {
        var random = new Random(5);
        var expected = new double[5000, 3];
        var text = new StringBuilder("x,y,z\n");
        for (var i = 0; i < expected.GetLength(0); i++)
        {
            for (var j = 0; j < 3; j++)
            {
                expected[i, j] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-20, 21));
                text.Append(expected[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(j < 2 ? ',' : '\n');
            }
        }

        var data = CsvDataLoader.LoadFile(_files.Write("many.csv", text.ToString()));

        Assert.Equal(expected.GetLength(0), data.RowCount);
        for (var i = 0; i < expected.GetLength(0); i++)
            for (var j = 0; j < 3; j++)
                AssertIdentical(expected[i, j], data.Values[i, j], $"row {i}, column {j}");
    }

    [Theory]
    [InlineData("a,b\n1,2\n3,4\n", new long[] { 2, 3 })]
    [InlineData("a,b\n1,2\n3,4", new long[] { 2, 3 })]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n", new long[] { 2, 3 })]
    [InlineData("a,b\r1,2\r3,4\r", new long[] { 2, 3 })]
    [InlineData("a,b\n\n1,2\n\n\n3,4\n\n", new long[] { 3, 6 })]
    [InlineData("a,b\r\n\r\n1,2\r\n3,4\r\n\r\n\r\n5,6", new long[] { 3, 4, 7 })]
    [InlineData("a,b\n\"1\n\",2\n3,4\n\"5\",\"\n6\"\n7,8\n", new long[] { 2, 4, 5, 7 })]
    public void Rows_keep_their_file_lines_and_the_matrix_has_exactly_the_rows_read(string content, long[] lines)
    {
        var data = CsvDataLoader.LoadFile(_files.Write("lines.csv", content));

        Assert.Equal(lines.Length, data.RowCount);
        Assert.Equal(lines.Length, data.Values.GetLength(0));
        Assert.Equal(lines, data.LineNumbers);
        for (var i = 0; i < lines.Length; i++) Assert.Equal(lines[i], data.LineNumbers[i]);
        Assert.Equal(2 * lines.Length - 1, data.Values[lines.Length - 1, 0]);
    }

    [Fact]
    public void The_matrix_and_row_spans_are_the_same_data()
    {
        var data = CsvDataLoader.LoadFile(_files.Write("rows.csv", "a,b,c\n1,2,3\n4,5,6\n"));

        var matrix = data.Values;
        Assert.Equal(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } }, matrix);
        Assert.Same(matrix, data.Values);
        Assert.Equal(new[] { 4.0, 5, 6 }, data.Row(1).ToArray());
        Assert.Equal((2, 3), (data.RowCount, data.ColumnCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Row(2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Row(-1).ToArray());
    }

    [Fact]
    public void The_bundled_data_loads()
    {
        var data = CsvDataLoader.LoadBundled();

        Assert.Equal(272, data.RowCount);
        Assert.Equal(new[] { "eruptions", "waiting" }, data.Columns);
        Assert.Equal(3.6, data.Values[0, 0]);
        Assert.Equal(79, data.Values[0, 1]);
        Assert.Equal(2, data.LineNumbers[0]);
        Assert.Equal(273, data.LineNumbers[271]);
    }

    [Fact]
    public void The_row_bound_counts_every_kind_of_line_break_once()
    {
        static CsvRowBound Bound(string text)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            stream.Position = 0;
            var bound = CsvRowBound.Of(stream);
            Assert.Equal(0, stream.Position);
            return bound;
        }

        Assert.Equal(new CsvRowBound(3, true, 12), Bound("a,b\n1,2\n3,4\n"));
        Assert.Equal(new CsvRowBound(2, false, 11), Bound("a,b\n1,2\n3,4"));
        Assert.Equal(new CsvRowBound(3, true, 15), Bound("a,b\r\n1,2\r\n3,4\r\n"));
        Assert.Equal(new CsvRowBound(3, true, 12), Bound("a,b\r1,2\r3,4\r"));
        Assert.Equal(new CsvRowBound(0, false, 0), Bound(""));
        Assert.Equal(2, Bound("a,b\n1,2\n3,4\n").DataRows(2));
        Assert.Equal(2, Bound("a,b\n1,2\n3,4").DataRows(2));
        Assert.Equal(0, Bound("").DataRows(2));
        // Blank lines are not rows, but a row of D fields needs 2D bytes: the bound stays near the data.
        Assert.Equal(2, new CsvRowBound(1000, true, 9).DataRows(2));
    }

    [Fact]
    public void The_row_bound_sees_a_line_break_split_across_reads()
    {
        // CR at the end of one 1 MiB block and LF at the start of the next are one line break.
        var text = new string('x', (1 << 20) - 1) + "\r\n" + "y\n";
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));

        Assert.Equal(2, CsvRowBound.Of(stream).LineBreaks);
    }

    [Fact]
    public void The_matrix_grows_past_a_low_guess_and_is_trimmed_to_a_high_one()
    {
        var growing = new CsvMatrixBuilder(2, 1);
        for (var i = 0; i < 100; i++)
        {
            var row = growing.AddRow();
            row[0] = i;
            row[1] = -i;
        }
        var grown = growing.ToMatrix();
        Assert.Equal(100, grown.GetLength(0));
        for (var i = 0; i < 100; i++) Assert.Equal((i, -i), ((int)grown[i, 0], (int)grown[i, 1]));

        var trimmed = new CsvMatrixBuilder(3, 10);
        trimmed.AddRow()[2] = 7;
        Assert.Equal(new double[,] { { 0, 0, 7 } }, trimmed.ToMatrix());

        var exact = new CsvMatrixBuilder(1, 2);
        exact.AddRow()[0] = 1;
        exact.AddRow()[0] = 2;
        Assert.Equal(new double[,] { { 1 }, { 2 } }, exact.ToMatrix());
    }

    [Fact]
    public void Line_numbers_are_stored_as_their_jumps_and_read_back_in_full()
    {
        var lines = new CsvLineNumbers();
        long[] expected = [2, 3, 4, 7, 8, 9, 10, 20, 22, 23];
        foreach (var line in expected) lines.Add(line);

        Assert.Equal(expected.Length, lines.Count);
        Assert.Equal(expected, lines);
        for (var row = 0; row < expected.Length; row++) Assert.Equal(expected[row], lines[row]);
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[expected.Length]);
        Assert.Throws<ArgumentOutOfRangeException>(() => lines[-1]);
    }

    private static void AssertIdentical(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R}");
    }
}
