using CsvHelper;

namespace EmFunctional.Cli;

/// <summary>
/// Reading a file whose fields are kept as text (<see cref="CsvTextTable"/>, for <c>em predict</c>):
/// the same reader, options, rules and messages as <see cref="Load(string?, CsvReadSettings)"/>, but only
/// the columns the caller picks once it has seen the header must be numbers; the others may hold anything.
/// </summary>
internal static partial class CsvDataLoader
{
    /// <summary>
    /// FILE (a path, or <c>-</c> for the standard input) read as <paramref name="settings"/> say (their
    /// <see cref="CsvReadSettings.Columns"/> aside: <paramref name="numberColumns"/> decides, from the
    /// header, which 0-based file columns are numbers, in which order; it may throw to refuse the header).
    /// Every row must have as many fields as the header; a field is kept as the reader reads it (quotes
    /// removed, spaces around it dropped).
    /// </summary>
    public static CsvTextTable LoadText(string file, CsvReadSettings settings, Func<CsvHeader, int[]> numberColumns, CsvTextMode mode = CsvTextMode.Rows)
    {
        // The messages of LoadStandardInput and LoadFile, which this mirrors.
        if (file == StandardInputArgument)
        {
            try
            {
                var input = settings.OpenStandardInput();
                using var pipeReader = CsvReader.Create(input, OptionsFor(settings), leaveOpen: true);
                return ReadText(pipeReader, StandardInputSourceName, settings, null, numberColumns, mode);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new UserInputException($"{StandardInputSourceName}: cannot be read: {exception.Message}");
            }
        }
        if (Directory.Exists(file)) throw new UserInputException($"{file}: is a directory; expected a CSV file");
        if (!File.Exists(file)) throw new UserInputException($"{file}: no such file");
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            CsvRowBound? bound = stream.CanSeek ? CsvRowBound.Of(stream) : null;
            using var reader = CsvReader.Create(stream, OptionsFor(settings), leaveOpen: true);
            return ReadText(reader, file, settings, bound, numberColumns, mode);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{file}: cannot be read: {exception.Message}");
        }
    }

    /// <summary>
    /// The 0-based columns of <paramref name="header"/> that <c>--columns</c> lists, in its order, found
    /// and refused as <see cref="Load(string?, CsvReadSettings)"/> finds and refuses them.
    /// </summary>
    public static int[] ListedColumns(CsvHeader header, CsvReadSettings settings) =>
        SelectColumns([.. header.Columns], settings, header.SourceName);

    private static CsvTextTable ReadText(CsvReader reader, string sourceName, CsvReadSettings settings, CsvRowBound? bound, Func<CsvHeader, int[]> numberColumns, CsvTextMode mode)
    {
        try
        {
            // The header rules and messages of Read.
            string[] fileColumns;
            if (settings.HasHeader)
            {
                fileColumns = reader.Headers.ToArray();
                if (fileColumns.Length == 0)
                    throw new UserInputException($"{sourceName}: the file is empty; expected a header row of column names, then rows");
                if (HeaderIsNumbers(fileColumns))
                    throw new UserInputException($"{sourceName}, line {Math.Max(reader.LineNumber, 1)}: the first row holds numbers, not column names; add a header row of column names, or use --no-header");
            }
            else
            {
                if (!reader.Read())
                    throw new UserInputException($"{sourceName}: the file is empty; expected rows");
                fileColumns = Enumerable.Range(0, reader.FieldCount).Select(CsvReadSettings.GeneratedColumnName).ToArray();
            }
            var header = new CsvHeader(sourceName, fileColumns);
            var selected = numberColumns(header);
            var capacity = bound is { } fileBound ? fileBound.DataRows(fileColumns.Length) + (settings.HasHeader ? 0 : 1) : 1024;
            var values = new CsvMatrixBuilder(selected.Length, capacity);
            var lines = new CsvLineNumbers();
            // By field: one entry per cell (row r, column c at r × columns + c), for a command that rewrites some cells.
            var byField = mode == CsvTextMode.Fields;
            var text = new CsvTextRows(byField ? (int)Math.Min(Array.MaxLength, (long)capacity * fileColumns.Length) : capacity);
            var layout = new RowLayout(fileColumns, selected, sourceName, settings);
            if (!settings.HasHeader) ReadTextRow(reader, layout, values, lines, text, mode);
            while (reader.Read()) ReadTextRow(reader, layout, values, lines, text, mode);
            if (values.Count == 0)
                throw new UserInputException($"{sourceName}: the file has a header row but no data rows; expected rows after it");
            var names = Array.ConvertAll(selected, column => fileColumns[column]);
            return new CsvTextTable(header, selected, WithObservedCells(new CsvData(sourceName, names, values.ToMatrix(), lines), skipEmptyRows: false, canSkip: false), text);
        }
        catch (CsvFormatException exception)
        {
            var location = exception.LineNumber > 0 ? $", line {exception.LineNumber}" : "";
            throw new UserInputException($"{sourceName}{location}: malformed CSV: {MalformedReason(exception.Message)}");
        }
    }

    /// <summary>The record the reader is on: checked and its selected fields parsed as by <see cref="ReadRow"/>, and every field kept as text.</summary>
    private static void ReadTextRow(CsvReader reader, RowLayout layout, CsvMatrixBuilder values, CsvLineNumbers lines, CsvTextRows text, CsvTextMode mode)
    {
        ReadRow(reader, layout, values, lines);
        var row = mode == CsvTextMode.RowsWithMissingBlank ? values.LastRow : Span<double>.Empty;
        for (var column = 0; column < layout.FileColumns.Length; column++)
        {
            var selected = layout.SelectedIndexOf[column];
            var blank = mode == CsvTextMode.RowsWithMissingBlank && selected >= 0 && double.IsNaN(row[selected]);
            text.AddField(blank ? default : reader.GetSpan(column));
            if (mode == CsvTextMode.Fields) text.EndRow();
        }
        if (mode != CsvTextMode.Fields) text.EndRow();
    }
}
