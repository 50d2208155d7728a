using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CsvHelper;

namespace EmFunctional.Cli;

/// <summary>
/// Reads a numeric CSV file with a header row of column names (or, with <c>--no-header</c>, without one)
/// into one N×D matrix (<see cref="CsvData"/>). Every problem becomes a <see cref="UserInputException"/>
/// whose message names the file (or "stdin"), the line (1-based, counting every line of the file as an
/// editor shows it: the header, blank lines and comments too) and the column (1-based index in the file
/// and header name), because "bad input" without a location sends the user hunting through the file.
/// </summary>
/// <remarks>
/// <para>
/// Fast and lean for large files (a 10⁶ × 10 file of 190 MB in under half a second, with the matrix
/// as the only large allocation): see <see cref="Load(Stream, string, CsvReadSettings, bool)"/> for how.
/// </para>
/// <para>
/// What <see cref="CsvReadSettings"/> does not change: a line whose first character is <c>#</c> is a
/// comment and skipped (a <c>#</c> anywhere else is part of a field), fields may be quoted with <c>"</c>
/// (a quote inside one is written twice; a quoted field may hold the delimiter or a line break), a UTF-8
/// byte order mark is dropped, UTF-16 and UTF-32 ones are honoured, and LF, CR LF and CR all end lines.
/// </para>
/// </remarks>
internal static partial class CsvDataLoader
{
    /// <summary>Name of the embedded Old Faithful data (272 eruptions: duration and waiting time).</summary>
    private const string BundledResourceName = "EmFunctional.Cli.Data.faithful.csv";

    /// <summary>How the bundled data is named in reports and messages.</summary>
    public const string BundledSourceName = "faithful.csv (bundled Old Faithful data)";

    /// <summary>FILE as a command's user wrote it for the standard input.</summary>
    public const string StandardInputArgument = "-";

    /// <summary>How the standard input is named in reports and messages.</summary>
    public const string StandardInputSourceName = "stdin";

    /// <summary>
    /// What a command's FILE argument names, read as <paramref name="settings"/> say: a file, the standard
    /// input for <c>-</c>, or the bundled Old Faithful data when FILE was left out (null).
    /// </summary>
    public static CsvData Load(string? file, CsvReadSettings settings) => file switch
    {
        null => LoadBundled(settings),
        StandardInputArgument => LoadStandardInput(settings),
        _ => LoadFile(file, settings, fastReader: true),
    };

    public static CsvData LoadFile(string path) => LoadFile(path, CsvReadSettings.Default, fastReader: true);

    /// <summary>
    /// <paramref name="fastReader"/> false reads with CsvHelper only: the reference the tests hold
    /// <see cref="CsvFastReader"/> to.
    /// </summary>
    internal static CsvData LoadFile(string path, bool fastReader) => LoadFile(path, CsvReadSettings.Default, fastReader);

    internal static CsvData LoadFile(string path, CsvReadSettings settings, bool fastReader)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{EchoText.Path(path)}: is a directory; expected a CSV file");
        if (!File.Exists(path)) throw new UserInputException($"{EchoText.Path(path)}: no such file");
        try
        {
            // No buffering of its own: both readers read in large blocks.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            return Load(stream, path, settings, fastReader);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{EchoText.Path(path)}: cannot be read: {exception.Message}");
        }
    }

    public static CsvData LoadBundled() => LoadBundled(CsvReadSettings.Default);

    /// <summary>The bundled data, whose header is eruptions,waiting; <c>--columns waiting</c> makes it 1-D.</summary>
    public static CsvData LoadBundled(CsvReadSettings settings)
    {
        using var stream = typeof(CsvDataLoader).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {BundledResourceName} is missing from the build");
        return Load(stream, BundledSourceName, settings, fastReader: true);
    }

    /// <summary>
    /// The standard input, read once from start to end as a pipe is (even when it is a file redirected
    /// with &lt;), so that what it accepts does not depend on how the shell connected it. Left open.
    /// </summary>
    private static CsvData LoadStandardInput(CsvReadSettings settings)
    {
        try
        {
            var stream = settings.OpenStandardInput();
            using var reader = CsvReader.Create(stream, OptionsFor(settings), leaveOpen: true);
            return Read(reader, StandardInputSourceName, settings, null, null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new UserInputException($"{StandardInputSourceName}: cannot be read: {exception.Message}");
        }
    }

    /// <summary>
    /// A file (any seekable stream) is read three times, each pass cheaper than the one it saves: its line
    /// breaks are counted, so that the matrix is allocated once at its final size; its rows are read by
    /// <see cref="CsvFastReader"/>; and only if that finds anything unusual (quotes, a bad cell, another
    /// encoding), the whole file again by CsvHelper, which is the reference for what is accepted and how
    /// problems are reported. A pipe (/dev/stdin, say) can be read once only: CsvHelper reads it, and the
    /// matrix grows as needed. The fast reader knows commas and header rows only, so settings other than
    /// the default (another delimiter, no header, a choice of columns) go to CsvHelper straight away; a
    /// comment line makes the fast reader give up like anything else it does not know.
    /// </summary>
    private static CsvData Load(Stream stream, string sourceName, CsvReadSettings settings, bool fastReader)
    {
        if (!stream.CanSeek)
        {
            using var pipeReader = CsvReader.Create(stream, OptionsFor(settings), leaveOpen: true);
            return Read(pipeReader, sourceName, settings, null, null);
        }
        var start = stream.Position;
        var bound = CsvRowBound.Of(stream);
        CsvMatrixBuilder? values = null;
        if (fastReader && settings.IsDefault && TryReadFast(stream, sourceName, bound, out values) is { } data) return data;
        stream.Position = start;
        using var reader = CsvReader.Create(stream, OptionsFor(settings), leaveOpen: true);
        return Read(reader, sourceName, settings, bound, values);
    }

    /// <summary>
    /// The file read by <see cref="CsvFastReader"/>, its header and first data row found by CsvHelper (so
    /// that a quoted or otherwise unusual header changes nothing); null when anything is unusual, with the
    /// matrix allocated so far, for the slower reading to reuse.
    /// </summary>
    private static CsvData? TryReadFast(Stream stream, string sourceName, CsvRowBound bound, out CsvMatrixBuilder? values)
    {
        values = null;
        // CsvHelper's byte offsets are those of the file only for UTF-8 input.
        if (HasUtf16Or32ByteOrderMark(stream)) return null;
        var start = stream.Position;
        string[] columns;
        long firstRowOffset, firstRowLine;
        try
        {
            using var reader = CsvReader.Create(stream, ReaderOptions, leaveOpen: true);
            columns = reader.Headers.ToArray();
            if (columns.Length == 0 || HeaderIsNumbers(columns) || !reader.Read()) return null;
            firstRowOffset = reader.ByteOffset;
            firstRowLine = reader.LineNumber;
        }
        catch (CsvFormatException)
        {
            return null;
        }
        values = new CsvMatrixBuilder(columns.Length, bound.DataRows(columns.Length));
        var lines = new CsvLineNumbers();
        if (!CsvFastReader.TryReadRows(stream, start + firstRowOffset, firstRowLine, columns.Length, values, lines) || values.Count == 0)
        {
            values.Clear();
            return null;
        }
        return new CsvData(sourceName, columns, values.ToMatrix(), lines);
    }

    private static bool HasUtf16Or32ByteOrderMark(Stream stream)
    {
        var start = stream.Position;
        Span<byte> first = stackalloc byte[4];
        var length = stream.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
        stream.Position = start;
        first = first[..length];
        return first.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || first.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
            || first.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]);
    }

    /// <summary>
    /// The data, after checking that every row has an observed cell: a row of missing cells says nothing
    /// about any parameter, and the user should know which line it is. With <c>--skip-empty-rows</c>
    /// (<see cref="CsvReadSettings.SkipEmptyRows"/>) such rows are dropped instead and their lines kept in
    /// <see cref="CsvData.SkippedLines"/>, for the report to say how many.
    /// </summary>
    /// <param name="data">The rows as read.</param>
    /// <param name="skipEmptyRows">Drop the rows of missing cells instead of refusing them.</param>
    /// <param name="canSkip">False for the commands that write every row back (predict, impute), which have no <c>--skip-empty-rows</c> to suggest.</param>
    private static CsvData WithObservedCells(CsvData data, bool skipEmptyRows, bool canSkip = true)
    {
        var remedy = canSkip ? "remove the line, or use --skip-empty-rows" : "remove the line";
        var empty = new List<int>();
        for (var row = 0; row < data.RowCount; row++)
        {
            var observed = false;
            foreach (var value in data.Row(row)) observed |= !double.IsNaN(value);
            if (observed) continue;
            if (!skipEmptyRows)
                throw new UserInputException(data.ColumnCount == 1
                    ? $"{EchoText.Path(data.SourceName)}, line {data.LineNumbers[row]}: the cell is missing; every row needs an observed value ({remedy})"
                    : $"{EchoText.Path(data.SourceName)}, line {data.LineNumbers[row]}: every cell is missing; a row needs at least one observed value ({remedy})");
            empty.Add(row);
        }
        if (empty.Count == 0) return data;
        if (empty.Count == data.RowCount)
            throw new UserInputException(data.RowCount == 1
                ? $"{EchoText.Path(data.SourceName)}: the one row has every cell missing; there is nothing to fit"
                : $"{EchoText.Path(data.SourceName)}: all {data.RowCount} rows have every cell missing; there is nothing to fit");
        var kept = Enumerable.Range(0, data.RowCount).Except(empty).ToArray();
        var values = new double[kept.Length, data.ColumnCount];
        for (var i = 0; i < kept.Length; i++) data.Row(kept[i]).CopyTo(CsvData.RowSpan(values, i));
        return new CsvData(data.SourceName, data.Columns, values, [.. kept.Select(row => data.LineNumbers[row])])
        {
            KnownLabels = data.KnownLabels is { } labels ? [.. kept.Select(row => labels[row])] : null,
            SkippedLines = [.. empty.Select(row => data.LineNumbers[row])],
        };
    }

    /// <summary>A header whose names are all numbers is a data row: the file has no header.</summary>
    private static bool HeaderIsNumbers(string[] columns) =>
        columns.All(name => double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _));

    /// <summary>
    /// Byte order marks are honoured and CRLF line ends accepted by CsvHelper itself; the rest is set
    /// here so that nothing depends on guessing.
    /// </summary>
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        HasHeader = true,
        // Only the comma, or the --delimiter given, separates fields: a detected ';' or tab would make
        // "not a number" errors baffling.
        Separator = ',',
        DetectSeparatorHint = false,
        // Files written by hand or by instruments often start with a few lines about the data.
        CommentPrefix = '#',
        // "  3.6 " is a number; spreadsheets and hand-edited files often pad cells.
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        SkipEmptyLines = true,
        // Needed to report the line of a bad cell, which is the point of the messages.
        TrackLineNumbers = true,
        // A stray quote is an error to report, not something to silently repair into a wrong value.
        MalformedData = CsvMalformedDataHandling.Throw,
        // Ragged rows are reported by Read, with the column that is missing or extra.
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>The reader options for <paramref name="settings"/> (the same object for the default ones).</summary>
    private static CsvReaderOptions OptionsFor(CsvReadSettings settings) =>
        settings.IsDefault ? ReaderOptions : ReaderOptions with { Separator = settings.Delimiter, HasHeader = settings.HasHeader };

    /// <summary>
    /// The file read by CsvHelper, record by record: the reference behaviour, and every error message.
    /// <paramref name="values"/> is a matrix allocated before, to reuse if it has the right width.
    /// </summary>
    private static CsvData Read(CsvReader reader, string sourceName, CsvReadSettings settings, CsvRowBound? bound, CsvMatrixBuilder? values)
    {
        try
        {
            string[] fileColumns;
            if (settings.HasHeader)
            {
                fileColumns = reader.Headers.ToArray();
                if (fileColumns.Length == 0)
                    throw new UserInputException($"{EchoText.Path(sourceName)}: the file is empty; expected a header row of column names, then rows of numbers");
                // A file without a header would silently lose its first row to the column names.
                if (HeaderIsNumbers(fileColumns))
                    throw new UserInputException($"{EchoText.Path(sourceName)}, line {Math.Max(reader.LineNumber, 1)}: the first row holds numbers, not column names; add a header row of column names, or use --no-header");
            }
            else
            {
                // The first row is data and says how many columns every row has.
                if (!reader.Read())
                    throw new UserInputException($"{EchoText.Path(sourceName)}: the file is empty; expected rows of numbers");
                fileColumns = Enumerable.Range(0, reader.FieldCount).Select(CsvReadSettings.GeneratedColumnName).ToArray();
            }
            var labelColumn = LabelColumnOf(fileColumns, settings, sourceName);
            var selected = SelectColumns(fileColumns, settings, sourceName);
            if (labelColumn >= 0)
            {
                if (settings.Columns is null) selected = [.. selected.Where(column => column != labelColumn)];
                else if (selected.Contains(labelColumn))
                    throw new UserInputException($"{EchoText.Path(sourceName)}: --columns lists {CsvData.DescribeColumn(fileColumns, labelColumn)}, which --known-labels names as the labels; a column is data or labels, not both");
                if (selected.Length == 0)
                    throw new UserInputException($"{EchoText.Path(sourceName)}: the file has no column besides the labels of --known-labels; add the data columns");
            }
            var columns = Array.ConvertAll(selected, column => fileColumns[column]);
            if (values?.Columns != columns.Length)
                values = new CsvMatrixBuilder(columns.Length, bound is { } fileBound ? fileBound.DataRows(fileColumns.Length) + (settings.HasHeader ? 0 : 1) : 1024);
            var lines = new CsvLineNumbers();
            var layout = new RowLayout(fileColumns, selected, EchoText.Path(sourceName), settings);
            var labels = labelColumn >= 0 ? new List<string?>() : null;
            if (!settings.HasHeader) ReadLabelledRow(reader, layout, values, lines, labelColumn, labels);
            if (labels is null) ReadRows(reader, layout, values, lines);
            else while (reader.Read()) ReadLabelledRow(reader, layout, values, lines, labelColumn, labels);
            if (values.Count == 0)
                throw new UserInputException($"{EchoText.Path(sourceName)}: the file has a header row but no data rows; expected rows of numbers after it");
            return WithObservedCells(new CsvData(sourceName, columns, values.ToMatrix(), lines) { KnownLabels = labels }, settings.SkipEmptyRows);
        }
        catch (CsvFormatException exception)
        {
            // Unbalanced quotes and the like: keep the location, which is what the user needs.
            var location = exception.LineNumber > 0 ? $", line {exception.LineNumber}" : "";
            throw new UserInputException($"{EchoText.Path(sourceName)}{location}: malformed CSV: {MalformedReason(exception.Message)}");
        }
    }

    /// <summary>
    /// The loop that every cell goes through, so it allocates nothing: each field is parsed from the
    /// reader's UTF-8 bytes (unquoted and trimmed) straight into the matrix, by
    /// <see cref="CsvDoubleParser"/>, which accepts what <c>double.TryParse(text, NumberStyles.Float,
    /// CultureInfo.InvariantCulture)</c> accepts and gives the same double. Strings are made only for an
    /// error message. Optimized at once: it runs a single time per process, too long to wait for tiered
    /// compilation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadRows(CsvReader reader, RowLayout layout, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        while (reader.Read()) ReadRow(reader, layout, values, lines);
    }

    /// <summary>The record the reader is on, checked for its width, its selected fields parsed into a new row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReadRow(CsvReader reader, RowLayout layout, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        var line = reader.LineNumber;
        if (reader.FieldCount != layout.FileColumns.Length) throw RaggedRow(reader.FieldCount, layout, line);
        var row = values.AddRow();
        var selected = layout.Selected;
        var numericTokens = layout.NumericMissingTokens;
        for (var index = 0; index < row.Length; index++)
        {
            var column = selected[index];
            if (numericTokens && layout.Settings.IsMissing(reader.GetString(column)))
            {
                row[index] = double.NaN;
                continue;
            }
            if (!CsvDoubleParser.TryParse(reader.GetSpan(column), out row[index]) || !double.IsFinite(row[index]))
            {
                var text = reader.GetString(column);
                if (!layout.Settings.IsMissing(text)) throw BadCell(text, layout, column, line);
                row[index] = double.NaN;
            }
        }
        lines.Add(line);
    }

    /// <summary>A row, and its label: the label column's text, or null when it is a missing token.</summary>
    private static void ReadLabelledRow(CsvReader reader, RowLayout layout, CsvMatrixBuilder values, CsvLineNumbers lines, int labelColumn, List<string?>? labels)
    {
        ReadRow(reader, layout, values, lines);
        if (labels is null) return;
        var text = reader.GetString(labelColumn);
        labels.Add(text.Length == 0 || layout.Settings.IsMissing(text) ? null : text);
    }

    /// <summary>The 0-based file column <c>--known-labels</c> names, or −1 without it; a column that is not there is reported with the columns that are.</summary>
    private static int LabelColumnOf(string[] fileColumns, CsvReadSettings settings, string sourceName)
    {
        if (settings.LabelColumn is not { } name) return -1;
        if (!settings.HasHeader)
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                throw new UserInputException($"--known-labels: \"{EchoText.Of(name)}\" is not a column number; with --no-header, columns are named by number (1, 2, …)");
            if (number > fileColumns.Length)
                throw new UserInputException($"{EchoText.Path(sourceName)}: --known-labels: there is no column {number}; the rows have {fileColumns.Length} field{Plural(fileColumns.Length)}");
            return number - 1;
        }
        var matches = new ColumnPositions(fileColumns).Of(name);
        if (matches.Count == 0)
            throw new UserInputException($"{EchoText.Path(sourceName)}: --known-labels: no column is named \"{EchoText.Of(name)}\"; the columns are {ListColumns(fileColumns)}");
        if (matches.Count > 1)
            throw new UserInputException($"{EchoText.Path(sourceName)}: --known-labels: {matches.Count} columns are named \"{EchoText.Of(name)}\"; give them different names in the header");
        return matches[0];
    }

    /// <summary>
    /// What the row loop needs to know besides the reader: every column of the file (rows must have all
    /// of them, and messages name a column by its place in the file), which of them to keep in which order,
    /// and what to call the input (already as <see cref="EchoText.Path"/> shows it) and its delimiter in messages.
    /// </summary>
    private sealed record RowLayout(string[] FileColumns, int[] Selected, string SourceName, CsvReadSettings Settings)
    {
        /// <summary>Whether every cell must be compared with the missing tokens before it is parsed.</summary>
        public bool NumericMissingTokens { get; } = Settings.HasNumericMissingToken;

        /// <summary>For each file column, its place among the selected columns, or −1.</summary>
        public int[] SelectedIndexOf { get; } = IndexOf(FileColumns.Length, Selected);

        private static int[] IndexOf(int columns, int[] selected)
        {
            var index = new int[columns];
            Array.Fill(index, -1);
            for (var j = 0; j < selected.Length; j++) index[selected[j]] = j;
            return index;
        }
    }

    /// <summary>
    /// The 0-based file columns that <c>--columns</c> asks for, in its order (all of them, in file order,
    /// without it). A name is matched exactly as the header has it (after trimming spaces), a number counts
    /// from 1; a column that is not there is reported with the columns that are.
    /// </summary>
    private static int[] SelectColumns(string[] fileColumns, CsvReadSettings settings, string sourceName)
    {
        if (settings.Columns is not { } wanted) return Enumerable.Range(0, fileColumns.Length).ToArray();
        var selected = new int[wanted.Count];
        var numbers = new HashSet<int>();
        var positions = settings.HasHeader ? new ColumnPositions(fileColumns) : null;
        for (var index = 0; index < wanted.Count; index++)
        {
            var name = wanted[index];
            if (!settings.HasHeader)
            {
                // CsvInputOptions let only numbers from 1 through.
                var number = int.Parse(name, NumberStyles.None, CultureInfo.InvariantCulture);
                if (number > fileColumns.Length)
                    throw new UserInputException($"{EchoText.Path(sourceName)}: --columns: there is no column {number}; the rows have {fileColumns.Length} field{Plural(fileColumns.Length)}");
                // "1,01" passes CsvInputOptions (different text) but names one column twice.
                if (!numbers.Add(number))
                    throw new UserInputException($"--columns: column {number} is listed twice in \"{EchoText.Of(string.Join(",", wanted))}\"");
                selected[index] = number - 1;
                continue;
            }
            var matches = positions!.Of(name);
            if (matches.Count == 0)
                throw new UserInputException($"{EchoText.Path(sourceName)}: --columns: no column is named \"{EchoText.Of(name)}\"; the columns are {ListColumns(fileColumns)}");
            if (matches.Count > 1)
                throw new UserInputException($"{EchoText.Path(sourceName)}: --columns: {matches.Count} columns are named \"{EchoText.Of(name)}\" (columns {string.Join(", ", matches.Select(column => column + 1))}); give them different names in the header");
            selected[index] = matches[0];
        }
        return selected;
    }

    /// <summary>"eruptions, waiting": the header for a message, cut short when it is long (<see cref="EchoText.List"/>).</summary>
    private static string ListColumns(string[] columns) => EchoText.List(columns);

    /// <summary>
    /// CsvHelper says "Malformed CSV in record 2 (line 2): a quoted field that is never closed (byte offset 9)."
    /// The location is already in our message and a byte offset means nothing to a user: keep the reason.
    /// </summary>
    private static string MalformedReason(string message)
    {
        var reason = message;
        var afterLocation = reason.IndexOf("): ", StringComparison.Ordinal);
        if (afterLocation >= 0) reason = reason[(afterLocation + 3)..];
        reason = ByteOffset().Replace(reason, "");
        return reason.TrimEnd('.', ' ');
    }

    [GeneratedRegex(@"\s*\(byte offset \d+\)")]
    private static partial Regex ByteOffset();

    private static UserInputException RaggedRow(int fieldCount, RowLayout layout, long line)
    {
        // Name the first column that is missing or extra: that is where the user has to look.
        var columns = layout.FileColumns;
        var first = Math.Min(fieldCount, columns.Length);
        var expected = layout.Settings.HasHeader ? "the header has" : "the first row has";
        var unit = layout.Settings.HasHeader ? "column" : "field";
        var problem = fieldCount < columns.Length
            ? $"missing; the row has {fieldCount} field{Plural(fieldCount)} but {expected} {columns.Length} {unit}{Plural(columns.Length)}"
            : $"extra field; the row has {fieldCount} fields but {expected} {columns.Length} {unit}{Plural(columns.Length)}";
        return new UserInputException($"{layout.SourceName}, line {line}, {CsvData.DescribeColumn(columns, first)}: {problem}");
    }

    /// <summary>Why <paramref name="text"/>, which did not parse as a finite number, is not one.</summary>
    private static UserInputException BadCell(string text, RowLayout layout, int column, long line)
    {
        var delimiter = layout.Settings.Delimiter;
        var problem =
            text.Length == 0 ? "the cell is empty; every cell must be a number"
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                // double.Parse accepts "NaN", "Infinity" and overflows such as 1e999; EM cannot use any of them.
                ? $"\"{EchoText.Of(text)}\" is not a finite number"
            : text.AsSpan().IndexOfAny(UsualDelimiters) >= 0 && text.IndexOf(delimiter) < 0
                // The usual cause: a file saved with ';' or tabs between fields, read with the default comma.
                ? $"\"{EchoText.Of(text)}\" is not a number; fields must be separated by {DelimiterInWords(delimiter)} (--delimiter sets another separator)"
                : $"\"{EchoText.Of(text)}\" is not a number";
        return new UserInputException($"{layout.SourceName}, line {line}, {CsvData.DescribeColumn(layout.FileColumns, column)}: {problem}");
    }

    /// <summary>What spreadsheets and databases put between fields; in a cell, a sign that the delimiter is another.</summary>
    private static readonly System.Buffers.SearchValues<char> UsualDelimiters = System.Buffers.SearchValues.Create(",;\t|");

    private static string DelimiterInWords(char delimiter) => delimiter switch
    {
        ',' => "commas",
        '\t' => "tabs",
        _ => CsvInputOptions.DelimiterName(delimiter),
    };

    private static string Plural(int count) => count == 1 ? "" : "s";
}
