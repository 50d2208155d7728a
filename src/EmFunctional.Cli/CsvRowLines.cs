using System.Globalization;
using CsvHelper;

namespace EmFunctional.Cli;

/// <summary>
/// The file line of a data row, for messages about a value that was read successfully but that the
/// model cannot use. <see cref="CsvData"/> keeps only the values, and a row's line is not simply
/// row + 2 once blank lines are skipped, so the file is read again, record by record, with the
/// loader's settings. This happens only on the way to an error message.
/// </summary>
internal static class CsvRowLines
{
    /// <summary>The 1-based line (the header is line 1) of data row <paramref name="row"/> (0-based).</summary>
    /// <param name="file">The file the data came from, or null for the bundled data.</param>
    /// <param name="row">The row index in <see cref="CsvData.Rows"/>.</param>
    public static long LineOf(string? file, int row)
    {
        try
        {
            using var reader = file is null
                ? CsvReader.Create(BundledStream(), ReaderOptions, leaveOpen: false)
                : CsvReader.FromFile(file, ReaderOptions);
            _ = reader.Headers;
            for (var index = 0; reader.Read(); index++)
                if (index == row) return reader.LineNumber;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            // The file changed since it was loaded: the row's position among the lines is the best guess left.
        }
        return row + 2L;
    }

    private static Stream BundledStream() =>
        typeof(CsvRowLines).Assembly.GetManifestResourceStream(CsvDataLoader.BundledResourceName)
        ?? throw new InvalidOperationException($"the embedded resource {CsvDataLoader.BundledResourceName} is missing from the build");

    /// <summary>
    /// The settings of <see cref="CsvDataLoader"/>, which decide which lines are records (blank lines are
    /// skipped, quoted fields may span lines).
    /// </summary>
    private static readonly CsvReaderOptions ReaderOptions = CsvReaderOptions.Default with
    {
        HasHeader = true,
        Separator = ',',
        DetectSeparatorHint = false,
        TrimWhitespace = true,
        TrimInsideQuotes = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        FormatProvider = CultureInfo.InvariantCulture,
    };
}
