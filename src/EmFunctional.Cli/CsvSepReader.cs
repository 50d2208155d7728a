using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using nietras.SeparatedValues;

namespace EmFunctional.Cli;

/// <summary>
/// The CSV reader on Sep: Sep splits the text into rows and fields (quotes respected, CR, LF and CR LF
/// line ends, 1-based physical line numbers), everything else is done here the way the loader promises.
/// </summary>
internal static partial class CsvDataLoader
{
    /// <summary>Files at least this long are parsed on every core (Sep's ParallelEnumerate); below, starting threads costs more than it saves.</summary>
    internal const long ParallelThreshold = 1L << 20;

    /// <summary>
    /// What a row came to, in file order: where its values are (<see cref="Chunk"/> at <see cref="Offset"/>;
    /// no chunk for a blank or comment line), the line after it, and its problem if it has one (given the
    /// row's line, which only the ordered reading knows).
    /// </summary>
    private readonly record struct ParsedRow(double[]? Chunk, int Offset, int LineEnd, Func<long, UserInputException>? Problem);

    private static SepReader OpenSep(Stream stream, CsvReadSettings settings) =>
        Sep.New(settings.Delimiter).Reader(options => options with
        {
            HasHeader = false,
            DisableColCountCheck = true,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(new CsvCommentFilter(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true)));

    /// <summary>A comment line (first character '#'), or a line that is empty or only spaces and tabs: no record.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSkipped(ReadOnlySpan<char> row) =>
        row.Length == 0 || row[0] == '#' || (row[0] is ' ' or '\t' && row.Trim(Padding).IsEmpty);

    /// <summary>What is trimmed around a field, and all a skipped line may hold.</summary>
    private const string Padding = " \t";

    /// <summary>
    /// Reads <paramref name="stream"/> with Sep: a file of at least <see cref="ParallelThreshold"/> bytes
    /// (<paramref name="bound"/> known) on every core, anything else on this thread. Problems in the data
    /// come in file order either way; an exception on one of the threads (Sep's, or the disk's) has the
    /// file read again on this thread, so that it is reported where the sequential reading meets it.
    /// </summary>
    private static CsvData ReadWithSep(Stream stream, string sourceName, CsvReadSettings settings, CsvRowBound? bound)
    {
        if (bound is not { Bytes: >= ParallelThreshold } || Environment.ProcessorCount == 1)
            return ReadWithSep(stream, sourceName, settings, bound, parallel: false);
        var start = stream.Position;
        try
        {
            return ReadWithSep(stream, sourceName, settings, bound, parallel: true);
        }
        catch (AggregateException)
        {
            stream.Position = start;
            return ReadWithSep(stream, sourceName, settings, bound, parallel: false);
        }
    }

    /// <summary>
    /// Lines are counted here, from each row's <c>LineNumberToExcl</c> (the line after it): Sep's
    /// <c>LineNumberFrom</c> is stale for the first row of each batch it parses, and rows parsed in
    /// parallel do not know their place in the file.
    /// </summary>
    private static CsvData ReadWithSep(Stream stream, string sourceName, CsvReadSettings settings, CsvRowBound? bound, bool parallel)
    {
        long nextLine = 1;
        try
        {
            return ReadWithSep(stream, sourceName, settings, bound, parallel, ref nextLine);
        }
        catch (NotSupportedException)
        {
            // Sep's limit on a record (16 Mi characters), which in practice only a quote that is never
            // closed reaches: the rest of the file is then one field.
            throw Malformed(sourceName, nextLine, "a quoted field that is never closed");
        }
    }

    private static CsvData ReadWithSep(Stream stream, string sourceName, CsvReadSettings settings, CsvRowBound? bound, bool parallel, ref long nextLine)
    {
        using var reader = OpenSep(stream, settings);
        string[]? fileColumns = null;
        long headerLine = 0;
        while (reader.MoveNext())
        {
            var row = reader.Current;
            headerLine = nextLine;
            nextLine = row.LineNumberToExcl;
            if (IsSkipped(row.Span)) continue;
            fileColumns = new string[row.ColCount];
            for (var column = 0; column < fileColumns.Length; column++)
            {
                if (!TryClean(row[column].Span, out var cell, out var reason))
                    throw Malformed(sourceName, headerLine, reason);
                fileColumns[column] = settings.HasHeader ? Unescaped(cell) : CsvReadSettings.GeneratedColumnName(column);
            }
            break;
        }
        if (fileColumns is null)
            throw new UserInputException(settings.HasHeader
                ? $"{sourceName}: the file is empty; expected a header row of column names, then rows of numbers"
                : $"{sourceName}: the file is empty; expected rows of numbers");
        if (settings.HasHeader && HeaderIsNumbers(fileColumns))
            throw new UserInputException($"{sourceName}, line {headerLine}: the first row holds numbers, not column names; add a header row of column names, or use --no-header");
        var selected = SelectColumns(fileColumns, settings, sourceName);
        var columns = Array.ConvertAll(selected, column => fileColumns[column]);
        var layout = new RowLayout(fileColumns, selected, sourceName, settings);
        var values = new CsvMatrixBuilder(columns.Length, bound is { } fileBound ? fileBound.DataRows(fileColumns.Length) + (settings.HasHeader ? 0 : 1) : 1024);
        var lines = new CsvLineNumbers();
        if (!settings.HasHeader)
        {
            if (ParseRow(reader.Current, layout, values.AddRow()) is { } problem) throw problem(headerLine);
            lines.Add(headerLine);
        }

        SepReader.RowTryFunc<ParsedRow> parse = new RowParser(layout).TryParse;
        var rows = parallel ? reader.ParallelEnumerate(parse) : reader.Enumerate(parse);
        foreach (var parsed in rows)
        {
            var line = nextLine;
            nextLine = parsed.LineEnd;
            if (parsed.Chunk is not { } chunk) continue;
            if (parsed.Problem is { } problem) throw problem(line);
            chunk.AsSpan(parsed.Offset, columns.Length).CopyTo(values.AddRow());
            lines.Add(line);
        }
        if (values.Count == 0)
            throw new UserInputException($"{sourceName}: the file has a header row but no data rows; expected rows of numbers after it");
        return new CsvData(sourceName, columns, values.ToMatrix(), lines);
    }

    /// <summary>What each row read goes through, on whichever thread Sep hands it to.</summary>
    private sealed class RowParser(RowLayout layout)
    {
        /// <summary>Always true: blank and comment lines are passed on too, for the lines to be counted.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public bool TryParse(SepReader.Row row, out ParsedRow parsed)
        {
            if (IsSkipped(row.Span))
            {
                parsed = new(null, 0, row.LineNumberToExcl, null);
                return true;
            }
            var columns = layout.Selected.Length;
            var (chunk, offset) = ChunkSpace(columns);
            parsed = new(chunk, offset, row.LineNumberToExcl, ParseRow(row, layout, chunk.AsSpan(offset, columns)));
            return true;
        }
    }

    /// <summary>Doubles per chunk: 64 KiB, below the large object heap, so a chunk copied out is cheap garbage.</summary>
    private const int ChunkLength = 8192;

    [ThreadStatic] private static double[]? t_chunk;
    [ThreadStatic] private static int t_chunkUsed;

    /// <summary>Room for one row of <paramref name="columns"/> values in this thread's chunk (a new chunk when it is full; chunks are never reused).</summary>
    private static (double[] Chunk, int Offset) ChunkSpace(int columns)
    {
        if (t_chunk is null || t_chunkUsed + columns > t_chunk.Length)
        {
            t_chunk = new double[Math.Max(ChunkLength, columns)];
            t_chunkUsed = 0;
        }
        var offset = t_chunkUsed;
        t_chunkUsed += columns;
        return (t_chunk, offset);
    }

    /// <summary>The row checked for its width and its selected fields parsed into <paramref name="destination"/>; its problem otherwise, to be given the row's line.</summary>
    /// <remarks>Captures nothing itself (the problems are made by the methods below), so that a good row allocates nothing.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static Func<long, UserInputException>? ParseRow(SepReader.Row row, RowLayout layout, Span<double> destination)
    {
        if (row.ColCount != layout.FileColumns.Length) return MalformedProblem(row, layout) ?? RaggedRowProblem(row.ColCount, layout);
        var selected = layout.Selected;
        if (!row.Span.Contains('"'))
        {
            // The usual row: no quotes, so nothing to check but the numbers.
            for (var index = 0; index < destination.Length; index++)
            {
                var column = selected[index];
                var cell = row[column].Span.Trim(Padding);
                if (!TryParseNumber(cell, out destination[index])) return BadCellProblem(cell.ToString(), layout, column);
            }
            return null;
        }
        for (var index = 0; index < destination.Length; index++)
        {
            var column = selected[index];
            if (!TryClean(row[column].Span, out var cell, out _) || !TryParseNumber(cell, out destination[index]))
                return MalformedProblem(row, layout) ?? BadCellProblem(Unescaped(cell), layout, column);
        }
        // The fields not read must be well-formed too.
        return selected.Length < row.ColCount ? MalformedProblem(row, layout) : null;
    }

    /// <summary>
    /// The first field of the row with a quote where none can be: reported before anything else about the
    /// row (a wrong number of fields, a bad cell), since a stray quote is what makes the rest wrong.
    /// </summary>
    private static Func<long, UserInputException>? MalformedProblem(SepReader.Row row, RowLayout layout)
    {
        for (var column = 0; column < row.ColCount; column++)
        {
            if (!TryClean(row[column].Span, out _, out var reason))
            {
                var sourceName = layout.SourceName;
                return line => Malformed(sourceName, line, reason);
            }
        }
        return null;
    }

    private static Func<long, UserInputException> RaggedRowProblem(int fieldCount, RowLayout layout) => line => RaggedRow(fieldCount, layout, line);

    private static Func<long, UserInputException> BadCellProblem(string text, RowLayout layout, int column) => line => BadCell(text, layout, column, line);

    /// <summary>
    /// A finite number as <c>double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture)</c>
    /// reads it: csFastFloat (correctly rounded, so the same double) when it takes the whole cell, .NET otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryParseNumber(ReadOnlySpan<char> cell, out double value) =>
        (csFastFloat.FastDoubleParser.TryParseDouble(cell, out var consumed, out value) && consumed == cell.Length
            || double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        && double.IsFinite(value);

    /// <summary>
    /// The field as the loader reads it: padding (spaces and tabs) trimmed, then, for a quoted field,
    /// the quotes removed and the inside trimmed again (doubled quotes are left for <see cref="Unescaped"/>).
    /// False for a quote where none can be.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryClean(ReadOnlySpan<char> raw, out ReadOnlySpan<char> cell, out string reason)
    {
        reason = "";
        cell = raw.Trim(Padding);
        if (cell.Length == 0 || cell[0] != '"')
        {
            if (cell.Contains('"'))
            {
                reason = "a quote inside an unquoted field";
                return false;
            }
            return true;
        }
        // The closing quote is the first one that is not doubled; nothing but padding may follow it.
        for (var at = 1; ; at += 2)
        {
            var next = cell[at..].IndexOf('"');
            if (next < 0)
            {
                reason = "a quoted field that is never closed";
                return false;
            }
            at += next;
            if (at + 1 < cell.Length && cell[at + 1] == '"') continue;
            if (at != cell.Length - 1)
            {
                reason = "text after the closing quote of a quoted field";
                return false;
            }
            break;
        }
        cell = cell[1..^1].Trim(Padding);
        return true;
    }

    private static string Unescaped(ReadOnlySpan<char> cell) => cell.ToString().Replace("\"\"", "\"");

    private static UserInputException Malformed(string sourceName, long line, string reason) =>
        new($"{sourceName}, line {line}: malformed CSV: {reason}");
}
