using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CsvHelper;

namespace EmFunctional.Cli;

/// <summary>
/// Reads a numeric CSV file with a header row of column names into one N×D matrix (<see cref="CsvData"/>).
/// Every problem becomes a <see cref="UserInputException"/> whose message names the file, the line
/// (1-based, the header is line 1, as an editor shows it) and the column (1-based index and header name),
/// because "bad input" without a location sends the user hunting through the file.
/// </summary>
/// <remarks>
/// Fast and lean for large files (a 10⁶ × 10 file of 190 MB in under half a second, with the matrix
/// as the only large allocation): see <see cref="Load"/> for how.
/// </remarks>
internal static partial class CsvDataLoader
{
    /// <summary>Name of the embedded Old Faithful data (272 eruptions: duration and waiting time).</summary>
    private const string BundledResourceName = "EmFunctional.Cli.Data.faithful.csv";

    /// <summary>How the bundled data is named in reports and messages.</summary>
    public const string BundledSourceName = "faithful.csv (bundled Old Faithful data)";

    public static CsvData LoadFile(string path) => LoadFile(path, fastReader: true);

    /// <summary>
    /// <paramref name="fastReader"/> false reads with CsvHelper only: the reference the tests hold
    /// <see cref="CsvFastReader"/> to.
    /// </summary>
    internal static CsvData LoadFile(string path, bool fastReader)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a directory; expected a CSV file");
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        try
        {
            // No buffering of its own: both readers read in large blocks.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            return Load(stream, path, fastReader);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read: {exception.Message}");
        }
    }

    public static CsvData LoadBundled()
    {
        using var stream = typeof(CsvDataLoader).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {BundledResourceName} is missing from the build");
        return Load(stream, BundledSourceName, fastReader: true);
    }

    /// <summary>
    /// A file (any seekable stream) is read three times, each pass cheaper than the one it saves: its line
    /// breaks are counted, so that the matrix is allocated once at its final size; its rows are read by
    /// <see cref="CsvFastReader"/>; and only if that finds anything unusual (quotes, a bad cell, another
    /// encoding), the whole file again by CsvHelper, which is the reference for what is accepted and how
    /// problems are reported. A pipe (/dev/stdin, say) can be read once only: CsvHelper reads it, and the
    /// matrix grows as needed.
    /// </summary>
    private static CsvData Load(Stream stream, string sourceName, bool fastReader)
    {
        if (!stream.CanSeek)
        {
            using var pipeReader = CsvReader.Create(stream, ReaderOptions, leaveOpen: true);
            return Read(pipeReader, sourceName, null, null);
        }
        var start = stream.Position;
        var bound = CsvRowBound.Of(stream);
        CsvMatrixBuilder? values = null;
        if (fastReader && TryReadFast(stream, sourceName, bound, out values) is { } data) return data;
        stream.Position = start;
        using var reader = CsvReader.Create(stream, ReaderOptions, leaveOpen: true);
        return Read(reader, sourceName, bound, values);
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
        // Only a comma separates fields: a detected ';' or tab would make "not a number" errors baffling.
        Separator = ',',
        DetectSeparatorHint = false,
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

    /// <summary>
    /// The file read by CsvHelper, record by record: the reference behaviour, and every error message.
    /// <paramref name="values"/> is a matrix allocated before, to reuse if it has the right width.
    /// </summary>
    private static CsvData Read(CsvReader reader, string sourceName, CsvRowBound? bound, CsvMatrixBuilder? values)
    {
        try
        {
            var columns = reader.Headers.ToArray();
            if (columns.Length == 0)
                throw new UserInputException($"{sourceName}: the file is empty; expected a header row of column names, then rows of numbers");
            // A file without a header would silently lose its first row to the column names.
            if (HeaderIsNumbers(columns))
                throw new UserInputException($"{sourceName}, line 1: the first row holds numbers, not column names; add a header row of column names");
            if (values?.Columns != columns.Length)
                values = new CsvMatrixBuilder(columns.Length, bound?.DataRows(columns.Length) ?? 1024);
            var lines = new CsvLineNumbers();
            ReadRows(reader, columns, sourceName, values, lines);
            if (values.Count == 0)
                throw new UserInputException($"{sourceName}: the file has a header row but no data rows; expected rows of numbers after it");
            return new CsvData(sourceName, columns, values.ToMatrix(), lines);
        }
        catch (CsvFormatException exception)
        {
            // Unbalanced quotes and the like: keep the location, which is what the user needs.
            var location = exception.LineNumber > 0 ? $", line {exception.LineNumber}" : "";
            throw new UserInputException($"{sourceName}{location}: malformed CSV: {MalformedReason(exception.Message)}");
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
    private static void ReadRows(CsvReader reader, string[] columns, string sourceName, CsvMatrixBuilder values, CsvLineNumbers lines)
    {
        var width = columns.Length;
        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != width) throw RaggedRow(reader.FieldCount, columns, sourceName, line);
            var row = values.AddRow();
            for (var column = 0; column < row.Length; column++)
            {
                if (!CsvDoubleParser.TryParse(reader.GetSpan(column), out row[column]) || !double.IsFinite(row[column]))
                    throw BadCell(reader.GetString(column), columns, column, sourceName, line);
            }
            lines.Add(line);
        }
    }

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

    private static UserInputException RaggedRow(int fieldCount, IReadOnlyList<string> columns, string sourceName, long line)
    {
        // Name the first column that is missing or extra: that is where the user has to look.
        var first = Math.Min(fieldCount, columns.Count);
        var problem = fieldCount < columns.Count
            ? $"missing; the row has {fieldCount} field{Plural(fieldCount)} but the header has {columns.Count} columns"
            : $"extra field; the row has {fieldCount} fields but the header has {columns.Count} column{Plural(columns.Count)}";
        return new UserInputException($"{sourceName}, line {line}, {CsvData.DescribeColumn(columns, first)}: {problem}");
    }

    /// <summary>Why <paramref name="text"/>, which did not parse as a finite number, is not one.</summary>
    private static UserInputException BadCell(string text, IReadOnlyList<string> columns, int column, string sourceName, long line)
    {
        var problem =
            text.Length == 0 ? "the cell is empty; every cell must be a number"
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                // double.Parse accepts "NaN", "Infinity" and overflows such as 1e999; EM cannot use any of them.
                ? $"\"{text}\" is not a finite number"
            : text.Contains(';') || text.Contains('\t')
                // The usual cause: a file saved with ';' or tabs between fields.
                ? $"\"{text}\" is not a number; fields must be separated by commas"
                : $"\"{text}\" is not a number";
        return new UserInputException($"{sourceName}, line {line}, {CsvData.DescribeColumn(columns, column)}: {problem}");
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
