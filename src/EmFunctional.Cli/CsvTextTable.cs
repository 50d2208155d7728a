namespace EmFunctional.Cli;

/// <summary>
/// A CSV file read so that it can be written out again with columns added (<c>em predict</c>): every
/// field of every row as text, and the columns a caller chose also as numbers.
/// </summary>
/// <param name="Header">Every column of the file, in file order, and the file's name in messages.</param>
/// <param name="Selected">The 0-based file columns read as numbers, in the order of <paramref name="Numbers"/>' columns.</param>
/// <param name="Numbers">
/// Those columns as an N×D matrix, named as in the file, with the file line of each row; a column may be
/// among them and still be in <paramref name="Rows"/> as text.
/// </param>
/// <param name="Rows">The N rows, each with all of the file's fields, as CSV text (see <see cref="CsvTextRows"/>).</param>
internal sealed record CsvTextTable(CsvHeader Header, int[] Selected, CsvData Numbers, CsvTextRows Rows)
{
    /// <summary>"data.csv, line 9, column 4 (y)": where the value of row <paramref name="row"/> in number column <paramref name="column"/> is.</summary>
    public string Location(int row, int column) =>
        $"{Header.SourceName}, line {Numbers.LineNumbers[row]}, {CsvData.DescribeColumn(Header.Columns, Selected[column])}";
}

/// <summary>How <see cref="CsvDataLoader.LoadText"/> keeps the text of the rows.</summary>
internal enum CsvTextMode
{
    /// <summary>One entry per row, every field as read.</summary>
    Rows,

    /// <summary>One entry per row, every field as read but a missing cell of a number column, written empty.</summary>
    RowsWithMissingBlank,

    /// <summary>One entry per cell, for a command that rewrites some cells.</summary>
    Fields,
}
