namespace EmFunctional.Cli;

/// <summary>
/// A numeric table read from a CSV file: the header's column names and the data rows (N rows of D
/// finite values), plus the name to use for the file in messages and reports and the line each row
/// came from.
/// </summary>
/// <param name="SourceName">The file as the user wrote it, or the bundled data set's name.</param>
/// <param name="Columns">Column names from the header row, in file order (D of them).</param>
/// <param name="Rows">The data rows, each of length D.</param>
/// <param name="LineNumbers">
/// The 1-based file line (the header is line 1) of each data row, for messages about a value that was
/// read but cannot be used. Not simply row + 2: blank lines are skipped and a quoted field may span lines.
/// </param>
internal sealed record CsvData(string SourceName, IReadOnlyList<string> Columns, double[][] Rows, IReadOnlyList<long> LineNumbers)
{
    /// <summary>Number of data rows N (the header is not a row).</summary>
    public int RowCount => Rows.Length;

    /// <summary>How a column is named in messages: "column 2 (waiting)", 1-based as editors count.</summary>
    public static string DescribeColumn(IReadOnlyList<string> columns, int index) =>
        index < columns.Count && columns[index].Length > 0
            ? $"column {index + 1} ({columns[index]})"
            : $"column {index + 1}";
}
