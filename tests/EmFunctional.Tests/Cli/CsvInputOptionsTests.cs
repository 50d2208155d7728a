using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EmFunctional.Cli;

namespace EmFunctional.Tests.Cli;

/// <summary>
/// The input options every CSV-reading command shares (<c>--delimiter</c>, <c>--no-header</c>,
/// <c>--columns</c>, FILE <c>-</c>) and the rules that hold whatever the options (<c>#</c> comments,
/// quotes, byte order marks, line ends): the loader reads the same numbers as from the plain
/// comma-separated file of the chosen columns, rows keep their file lines, and every rejected input
/// gives one line naming the file (or stdin), the line and the column, or the option.
/// </summary>
public sealed class CsvInputOptionsTests : IDisposable
{
    private readonly TempCsvFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>A header and eight rows: an id, two numeric columns in two clusters, a text column.</summary>
    private static readonly string[] Header = ["id", "x", "y", "name"];

    private static string[][] Rows() =>
    [
        .. Enumerable.Range(0, 8).Select(i => new[]
        {
            (i + 1).ToString(CultureInfo.InvariantCulture),
            ((i < 4 ? 0 : 10) + (i % 4) * 0.25).ToString(CultureInfo.InvariantCulture),
            ((i < 4 ? 1 : 12) - (i % 3) * 0.5).ToString(CultureInfo.InvariantCulture),
            $"row-{i}",
        }),
    ];

    /// <summary>The table with <paramref name="delimiter"/> between fields, one line per row.</summary>
    private static string Table(string delimiter, bool header = true, string newline = "\n", IEnumerable<string[]>? rows = null) =>
        string.Concat((header ? [Header] : Array.Empty<string[]>()).Concat(rows ?? Rows()).Select(fields => string.Join(delimiter, fields) + newline));

    /// <summary>The plain comma-separated file of columns x and y only: what the options must amount to.</summary>
    private string PlainXy(bool swap = false) =>
        _files.Write("plain.csv", (swap ? "y,x\n" : "x,y\n") + string.Concat(Rows().Select(row => swap ? $"{row[2]},{row[1]}\n" : $"{row[1]},{row[2]}\n")));

    [Theory]
    [InlineData(";", ";")]
    [InlineData("|", "|")]
    [InlineData("\t", "tab")]
    [InlineData("\t", "\\t")]
    [InlineData(" ", "space")]
    public void A_delimiter_reads_the_same_numbers_as_commas(string delimiter, string option)
    {
        var path = _files.Write("delimited.csv", Table(delimiter));

        var data = CsvDataLoader.Load(path, Settings("--delimiter", option, "--columns", "x,y"));

        AssertSameData(CsvDataLoader.LoadFile(PlainXy()), data);
        Assert.Equal(new long[] { 2, 3, 4, 5, 6, 7, 8, 9 }, data.LineNumbers);
    }

    [Fact]
    public void Columns_pick_and_order_by_header_name_and_the_others_are_not_read()
    {
        // The unselected columns hold text, an empty cell and a value EM cannot use.
        var rows = Rows();
        rows[2][0] = "";
        rows[5][0] = "NaN";
        var path = _files.Write("mixed.csv", Table(",", rows: rows));

        var data = CsvDataLoader.Load(path, Settings("--columns", "y,x"));

        AssertSameData(CsvDataLoader.LoadFile(PlainXy(swap: true)), data);
        Assert.Equal(new[] { "y", "x" }, data.Columns);
    }

    [Fact]
    public void No_header_reads_every_row_and_names_the_columns_by_number()
    {
        var path = _files.Write("bare.csv", Table(",", header: false, rows: Rows().Select(row => row[1..3])));

        var data = CsvDataLoader.Load(path, Settings("--no-header"));

        Assert.Equal(new[] { "column1", "column2" }, data.Columns);
        Assert.Equal(8, data.RowCount);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8 }, data.LineNumbers);
        AssertSameValues(CsvDataLoader.LoadFile(PlainXy()), data);
    }

    [Fact]
    public void No_header_with_columns_picks_by_number_in_the_order_given()
    {
        var path = _files.Write("bare.tsv", Table("\t", header: false));

        var data = CsvDataLoader.Load(path, Settings("--no-header", "--delimiter", "tab", "--columns", "3,2"));

        Assert.Equal(new[] { "column3", "column2" }, data.Columns);
        AssertSameValues(CsvDataLoader.LoadFile(PlainXy(swap: true)), data);
    }

    [Fact]
    public void Comment_lines_are_skipped_and_lines_are_still_counted_as_in_the_file()
    {
        var content = "# made by hand\n#\nx,y\n1,2\n# a note between rows\n3,4\n\n#x,y\n5,6\n# the end";
        var path = _files.Write("comments.csv", content);

        var data = CsvDataLoader.LoadFile(path);

        Assert.Equal(new[] { "x", "y" }, data.Columns);
        Assert.Equal(new double[,] { { 1, 2 }, { 3, 4 }, { 5, 6 } }, data.Values);
        Assert.Equal(new long[] { 4, 6, 9 }, data.LineNumbers);
        // The fast reader gives up at the first comment; CsvHelper alone reads the same.
        AssertSameData(CsvDataLoader.LoadFile(path, fastReader: false), data);
        // Comments above the header only: the fast reader reads the rows, on the same lines.
        var leading = _files.Write("leading.csv", "# made by hand\n#\nx,y\n1,2\n3,4\n");
        Assert.Equal(new long[] { 4, 5 }, CsvDataLoader.LoadFile(leading).LineNumbers);
        AssertSameData(CsvDataLoader.LoadFile(leading, fastReader: false), CsvDataLoader.LoadFile(leading));
        var bare = CsvDataLoader.Load(_files.Write("bare-comments.csv", "# two columns\n1;2\n#\n3;4\n"), Settings("--no-header", "--delimiter", ";"));
        Assert.Equal(new long[] { 2, 4 }, bare.LineNumbers);
    }

    [Fact]
    public void A_hash_that_does_not_start_a_line_is_data()
    {
        // Inside a quoted field a line starting with # is part of the field, and a header name may hold one.
        var path = _files.Write("hash.csv", "\"x\n#1\",\"y#\"\n1,2\n");

        var data = CsvDataLoader.LoadFile(path);

        Assert.Equal(new[] { "x\n#1", "y#" }, data.Columns);
        Assert.Equal(new long[] { 3 }, data.LineNumbers);
        var line = CliRun.Of("fit", _files.Write("indented.csv", "a,b\n1,2\n # not a comment,5\n")).SingleErrorLine();
        Assert.Contains("line 3, column 1 (a): \"# not a comment\" is not a number", line);
    }

    [Theory]
    [InlineData(false, "\n")]
    [InlineData(true, "\r\n")]
    [InlineData(true, "\r")]
    public void Quotes_byte_order_marks_and_line_ends_are_read_with_every_option(bool byteOrderMark, string newline)
    {
        // Quoted fields hold the delimiter, padding and a line break; the header name is quoted too.
        var rows = Rows().Select(row => new[] { $"\"{row[0]}\"", $"\" {row[1]} \"", row[2], $"\"a;{newline}b\"" });
        var text = "\"id\";x;\"y\";name" + newline + string.Join(newline, rows.Select(fields => string.Join(";", fields))) + newline;
        var bytes = Encoding.UTF8.GetBytes(text);
        var path = _files.WriteBytes("quoted.csv", byteOrderMark ? [0xEF, 0xBB, 0xBF, .. bytes] : bytes);

        var data = CsvDataLoader.Load(path, Settings("--delimiter", ";", "--columns", "x,y"));

        AssertSameValues(CsvDataLoader.LoadFile(PlainXy()), data);
        Assert.Equal(new[] { "x", "y" }, data.Columns);
        // Each row takes two lines, its name field breaking across them.
        Assert.Equal(Enumerable.Range(0, 8).Select(i => 2L + 2 * i), data.LineNumbers);
    }

    [Fact]
    public void Fit_with_input_options_reports_what_fit_of_the_plain_file_reports()
    {
        var path = _files.Write("semicolons.csv", "# exported by a spreadsheet\r\n" + Table(";", newline: "\r\n"));

        var withOptions = CliRun.Of("fit", path, "--delimiter", ";", "--columns", "y,x", "--format", "json").Json();
        var plain = CliRun.Of("fit", PlainXy(swap: true), "--format", "json").Json();

        AssertSameReport(plain, withOptions);
        Assert.Equal(new[] { "y", "x" }, withOptions.GetProperty("columns").EnumerateArray().Select(column => column.GetString()));
        // The report says how the file was read, so that the run can be repeated from it.
        var input = withOptions.GetProperty("input");
        Assert.Equal(";", input.GetProperty("delimiter").GetString());
        Assert.True(input.GetProperty("header").GetBoolean());
        Assert.Equal(new[] { "y", "x" }, input.GetProperty("columns").EnumerateArray().Select(column => column.GetString()));
    }

    [Fact]
    public void Select_with_input_options_reports_what_select_of_the_plain_file_reports()
    {
        var path = _files.Write("bare.tsv", Table("\t", header: false));
        string[] grid = ["--components", "1..2", "--covariance", "spherical,diag", "--regularization", "0.001", "--format", "json"];

        var withOptions = CliRun.Of(["select", path, "--no-header", "--delimiter", "\\t", "--columns", "2,3", .. grid]).Json();
        var plain = CliRun.Of(["select", PlainXy(), .. grid]).Json();

        AssertSameReport(plain, withOptions, ignoreColumnNames: true);
    }

    [Fact]
    public void The_bundled_data_takes_columns_too()
    {
        var json = CliRun.Of("fit", "--columns", "waiting", "--format", "json").Json();

        Assert.Equal(new[] { "waiting" }, json.GetProperty("columns").EnumerateArray().Select(column => column.GetString()));
        Assert.Equal(272, json.GetProperty("rows").GetInt32());
    }

    [Fact]
    public void A_dash_reads_stdin_as_a_pipe_with_a_byte_order_mark_and_CRLF()
    {
        var text = Encoding.UTF8.GetBytes(Table(",", newline: "\r\n"));
        var stdin = new OneWayStream([0xEF, 0xBB, 0xBF, .. text]);

        var fromStdin = RunWithStdin(stdin, "fit", "-", "--columns", "x,y", "--format", "json");
        var plain = CliRun.Of("fit", PlainXy(), "--format", "json").Json();

        Assert.Equal(0, fromStdin.ExitCode);
        AssertSameReport(plain, JsonDocument.Parse(fromStdin.Stdout).RootElement);
        Assert.True(stdin.WasReadToEnd);
        Assert.False(stdin.WasClosed);
    }

    [Fact]
    public void A_bad_row_on_stdin_is_reported_as_stdin_with_line_and_column()
    {
        var stdin = new OneWayStream(Encoding.UTF8.GetBytes("# two columns\nx;y\n1;2\n3;oops\n"));

        var run = RunWithStdin(stdin, "select", "-", "--delimiter", ";");

        Assert.Equal("em: stdin, line 4, column 2 (y): \"oops\" is not a number", run.SingleErrorLine());
    }

    public static TheoryData<string, string[], string> RejectedInputs => new()
    {
        // content, options after FILE, the error line after "em: FILE"
        { "x,y,name\n1,2,a\n", ["--columns", "x,z"], ": --columns: no column is named \"z\"; the columns are x, y, name" },
        { "x,y\n1,2\n", ["--columns", "X"], ": --columns: no column is named \"X\"; the columns are x, y" },
        { "x,y,x\n1,2,3\n", ["--columns", "x"], ": --columns: 2 columns are named \"x\" (columns 1, 3); give them different names in the header" },
        { "1,2\n3,4\n", ["--no-header", "--columns", "3"], ": --columns: there is no column 3; the rows have 2 fields" },
        { "", ["--no-header"], ": the file is empty; expected rows of numbers" },
        { "# nothing but a comment\n", ["--no-header"], ": the file is empty; expected rows of numbers" },
        { "1,2\n3\n", ["--no-header"], ", line 2, column 2 (column2): missing; the row has 1 field but the first row has 2 fields" },
        { "1,2\n3,4,5\n", ["--no-header"], ", line 2, column 3: extra field; the row has 3 fields but the first row has 2 fields" },
        { "#\n1,2\n3,x\n", ["--no-header"], ", line 3, column 2 (column2): \"x\" is not a number" },
        { "id;x;y\n#\n1;2;3\n4;5;6;7\n", ["--delimiter", ";", "--columns", "y"], ", line 4, column 4: extra field; the row has 4 fields but the header has 3 columns" },
        { "id;x;y\n1;2;3\n4;5,5;6\n", ["--delimiter", ";", "--columns", "y,x"], ", line 3, column 2 (x): \"5,5\" is not a number" },
        { "id|x\n1|2\n3|4;5\n", ["--delimiter", "|"], ", line 3, column 2 (x): \"4;5\" is not a number; fields must be separated by '|' (--delimiter sets another separator)" },
        { "x\ty\n1\t2\n", [], ", line 2, column 1 (x\\ty): \"1\\t2\" is not a number; fields must be separated by commas (--delimiter sets another separator)" },
        { "x;y\n1,2;3\n", ["--delimiter", ";"], ", line 2, column 1 (x): \"1,2\" is not a number; fields must be separated by ';' (--delimiter sets another separator)" },
        { "1,2\n3,4\n", [], ", line 1: the first row holds numbers, not column names; add a header row of column names, or use --no-header" },
        { "# comment\n1,2\n3,4\n", [], ", line 2: the first row holds numbers, not column names; add a header row of column names, or use --no-header" },
        { "x;y\n1;\"2\n", ["--delimiter", ";"], ", line 2: malformed CSV" },
    };

    [Theory]
    [MemberData(nameof(RejectedInputs))]
    public void Rejected_input_names_the_file_line_and_column_or_the_option(string content, string[] options, string expected)
    {
        var path = _files.Write("rejected.csv", content);

        foreach (var command in new[] { "fit", "select" })
        {
            var line = CliRun.Of([command, path, .. options]).SingleErrorLine();
            Assert.StartsWith($"em: {path}{expected}", line);
        }
    }

    [Theory]
    [InlineData(new[] { "--delimiter", ";;" }, "--delimiter: \";;\" is not one character")]
    [InlineData(new[] { "--delimiter", "" }, "--delimiter: \"\" is not one character")]
    [InlineData(new[] { "--delimiter", "\"" }, "--delimiter: '\"' is the quote character")]
    [InlineData(new[] { "--delimiter", "#" }, "--delimiter: '#' starts comment lines")]
    [InlineData(new[] { "--delimiter", "." }, "--delimiter: '.' can be part of a number")]
    [InlineData(new[] { "--delimiter", "e" }, "--delimiter: 'e' can be part of a number")]
    [InlineData(new[] { "--delimiter", "7" }, "--delimiter: '7' can be part of a number")]
    [InlineData(new[] { "--delimiter", "§" }, "--delimiter: '§' is not an ASCII character")]
    [InlineData(new[] { "--delimiter", "\n" }, "--delimiter: '")]
    [InlineData(new[] { "--columns", "a,,b" }, "--columns: \"a,,b\" has an empty name")]
    [InlineData(new[] { "--columns", "a, b ,a" }, "--columns: a is listed twice in \"a, b ,a\"")]
    [InlineData(new[] { "--no-header", "--columns", "2,x" }, "--columns: \"x\" is not a column number; with --no-header, columns are picked by number")]
    [InlineData(new[] { "--no-header", "--columns", "0" }, "--columns: \"0\" is not a column number")]
    [InlineData(new[] { "--no-header", "--columns", "1,1" }, "--columns: 1 is listed twice in \"1,1\"")]
    [InlineData(new[] { "--no-header", "--columns", "2,2,1" }, "--columns: 2 is listed twice in \"2,2,1\"")]
    [InlineData(new[] { "--no-header", "--columns", "1,,2" }, "--columns: \"1,,2\" has an empty name")]
    [InlineData(new[] { "--columns", "1,1", "--no-header" }, "--columns: 1 is listed twice in \"1,1\"")]
    public void A_bad_input_option_names_the_option(string[] options, string expected)
    {
        foreach (var command in new[] { "fit", "select" })
        {
            var line = CliRun.Of([command, .. options]).SingleErrorLine();
            Assert.StartsWith($"em: {expected}", line);
            Assert.EndsWith($"(see 'em {command} --help')", line);
        }
    }

    [Fact]
    public void A_column_number_written_twice_differently_is_refused()
    {
        var path = _files.Write("numbers.csv", "1,2\n3,4\n5,7\n");

        foreach (var command in new[] { "fit", "select", "trace" })
        {
            var line = CliRun.Of([command, path, "--no-header", "--columns", "1,01"]).SingleErrorLine();
            Assert.StartsWith("em: --columns: column 1 is listed twice in \"1,01\"", line);
        }
    }

    [Fact]
    public void An_unreadable_stdin_is_one_line_naming_stdin()
    {
        var run = RunWithStdin(new OneWayStream([], failWith: new IOException("Input/output error")), "fit", "-");

        Assert.Equal("em: stdin: cannot be read: Input/output error", run.SingleErrorLine());
    }

    [Fact]
    public void Settings_that_read_as_the_default_keep_the_default_path()
    {
        Assert.True(Settings().IsDefault);
        Assert.True(Settings("--delimiter", ",").IsDefault);
        Assert.False(Settings("--delimiter", ";").IsDefault);
        Assert.False(Settings("--no-header").IsDefault);
        Assert.False(Settings("--columns", "a").IsDefault);
        Assert.Equal(Settings("--columns", "a,b"), Settings("--columns", "a,b"));
    }

    /// <summary>The settings <see cref="CsvInputOptions"/> reads from <paramref name="options"/> on a command of its own.</summary>
    private static CsvReadSettings Settings(params string[] options)
    {
        var input = new CsvInputOptions();
        var command = new System.CommandLine.Command("read");
        input.AddTo(command);
        var parseResult = command.Parse(options);
        Assert.Empty(parseResult.Errors);
        return input.Read(parseResult);
    }

    private static CliRun RunWithStdin(Stream stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdin, stdout, stderr, TerminalOutput.Redirected);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private static void AssertSameData(CsvData expected, CsvData actual)
    {
        Assert.Equal(expected.Columns, actual.Columns);
        Assert.Equal(expected.LineNumbers, actual.LineNumbers);
        AssertSameValues(expected, actual);
    }

    /// <summary>Bit for bit, as the loader's own tests compare.</summary>
    private static void AssertSameValues(CsvData expected, CsvData actual)
    {
        Assert.Equal(expected.Values.GetLength(0), actual.Values.GetLength(0));
        Assert.Equal(expected.Values.GetLength(1), actual.Values.GetLength(1));
        for (var i = 0; i < expected.RowCount; i++)
            for (var j = 0; j < expected.ColumnCount; j++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Values[i, j]), BitConverter.DoubleToInt64Bits(actual.Values[i, j]));
    }

    /// <summary>Two JSON reports alike in everything but the file they name (and, if asked, the column names).</summary>
    private static void AssertSameReport(JsonElement expected, JsonElement actual, bool ignoreColumnNames = false)
    {
        static string Normalized(JsonElement report, bool ignoreColumnNames)
        {
            var node = JsonNode.Parse(report.GetRawText())!.AsObject();
            node.Remove("file");
            node.Remove("input");   // how the file was read, which is what differs on purpose
            if (ignoreColumnNames) node.Remove("columns");
            return node.ToJsonString();
        }
        Assert.Equal(Normalized(expected, ignoreColumnNames), Normalized(actual, ignoreColumnNames));
    }

    /// <summary>A pipe as a command sees it: read once, front to back, no seeking, no length; closing it is recorded.</summary>
    private sealed class OneWayStream(byte[] content, Exception? failWith = null) : Stream
    {
        private int _position;

        public bool WasReadToEnd { get; private set; }

        public bool WasClosed { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (failWith is not null) throw failWith;
            // A few bytes at a time, as a pipe delivers them, so records straddle reads.
            var taken = Math.Min(Math.Min(count, 7), content.Length - _position);
            Array.Copy(content, _position, buffer, offset, taken);
            _position += taken;
            if (taken == 0) WasReadToEnd = true;
            return taken;
        }

        protected override void Dispose(bool disposing)
        {
            WasClosed = true;
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
