namespace EmFunctional.Cli;

/// <summary>
/// A numeric table read from a CSV file: the header's column names and the data rows (N rows of D
/// finite values), plus the name to use for the file in messages and reports.
/// </summary>
/// <param name="SourceName">The file as the user wrote it, or the bundled data set's name.</param>
/// <param name="Columns">Column names from the header row, in file order (D of them).</param>
/// <param name="Rows">The data rows, each of length D.</param>
internal sealed record CsvData(string SourceName, IReadOnlyList<string> Columns, double[][] Rows)
{
    /// <summary>Number of data rows N (the header is not a row).</summary>
    public int RowCount => Rows.Length;

    /// <summary>How a column is named in messages: "column 2 (waiting)", 1-based as editors count.</summary>
    public static string DescribeColumn(IReadOnlyList<string> columns, int index) =>
        index < columns.Count && columns[index].Length > 0
            ? $"column {index + 1} ({columns[index]})"
            : $"column {index + 1}";
}
