using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;

namespace EmFunctional.Cli;

/// <summary>
/// Reads a numeric CSV file with a header row of column names. Every problem becomes a
/// <see cref="UserInputException"/> whose message names the file, the line (1-based, the header is
/// line 1, as an editor shows it) and the column (1-based index and header name), because "bad input"
/// without a location sends the user hunting through the file.
/// </summary>
internal static partial class CsvDataLoader
{
    /// <summary>Name of the embedded Old Faithful data (272 eruptions: duration and waiting time).</summary>
    private const string BundledResourceName = "EmFunctional.Cli.Data.faithful.csv";

    /// <summary>How the bundled data is named in reports and messages.</summary>
    public const string BundledSourceName = "faithful.csv (bundled Old Faithful data)";

    public static CsvData LoadFile(string path)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a directory; expected a CSV file");
        if (!File.Exists(path)) throw new UserInputException($"{path}: no such file");
        try
        {
            using var reader = CsvReader.FromFile(path, ReaderOptions);
            return Read(reader, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"{path}: cannot be read: {exception.Message}");
        }
    }

    public static CsvData LoadBundled()
    {
        var stream = typeof(CsvDataLoader).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"the embedded resource {BundledResourceName} is missing from the build");
        using var reader = CsvReader.Create(stream, ReaderOptions, leaveOpen: false);
        return Read(reader, BundledSourceName);
    }

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

    private static CsvData Read(CsvReader reader, string sourceName)
    {
        try
        {
            var columns = reader.Headers.ToArray();
            if (columns.Length == 0)
                throw new UserInputException($"{sourceName}: the file is empty; expected a header row of column names, then rows of numbers");
            // A file without a header would silently lose its first row to the column names.
            if (columns.All(name => double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                throw new UserInputException($"{sourceName}, line 1: the first row holds numbers, not column names; add a header row of column names");
            var rows = new List<double[]>();
            var lines = new List<long>();
            var fields = new string[columns.Length];
            while (reader.Read())
            {
                var line = reader.LineNumber;
                if (reader.FieldCount != columns.Length) throw RaggedRow(reader.FieldCount, columns, sourceName, line);
                for (var column = 0; column < columns.Length; column++) fields[column] = reader.GetString(column);
                rows.Add(ParseRow(fields, columns, sourceName, line));
                lines.Add(line);
            }
            if (rows.Count == 0)
                throw new UserInputException($"{sourceName}: the file has a header row but no data rows; expected rows of numbers after it");
            return new CsvData(sourceName, columns, [.. rows], lines);
        }
        catch (CsvFormatException exception)
        {
            // Unbalanced quotes and the like: keep the location, which is what the user needs.
            var location = exception.LineNumber > 0 ? $", line {exception.LineNumber}" : "";
            throw new UserInputException($"{sourceName}{location}: malformed CSV: {MalformedReason(exception.Message)}");
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

    private static double[] ParseRow(string[] fields, IReadOnlyList<string> columns, string sourceName, long line)
    {
        var values = new double[fields.Length];
        for (var column = 0; column < fields.Length; column++)
        {
            var text = fields[column];
            string? problem = null;
            if (text.Length == 0)
                problem = "the cell is empty; every cell must be a number";
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[column]))
                problem = text.Contains(';') || text.Contains('\t')
                    // The usual cause: a file saved with ';' or tabs between fields.
                    ? $"\"{text}\" is not a number; fields must be separated by commas"
                    : $"\"{text}\" is not a number";
            else if (!double.IsFinite(values[column]))
                // double.Parse accepts "NaN", "Infinity" and overflows such as 1e999; EM cannot use any of them.
                problem = $"\"{text}\" is not a finite number";
            if (problem is not null)
                throw new UserInputException($"{sourceName}, line {line}, {CsvData.DescribeColumn(columns, column)}: {problem}");
        }
        return values;
    }

    private static string Plural(int count) => count == 1 ? "" : "s";
}
