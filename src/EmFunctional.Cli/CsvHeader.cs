namespace EmFunctional.Cli;

/// <summary>
/// The columns of a CSV file as read, before any of its rows: what the file is called in messages and
/// the name of every column in file order (from the header row, or column1, column2, … without one).
/// </summary>
/// <param name="SourceName">The file as the user wrote it, or "stdin".</param>
/// <param name="Columns">Every column of the file, in file order.</param>
internal sealed record CsvHeader(string SourceName, IReadOnlyList<string> Columns)
{
    /// <summary>The number of columns of the file.</summary>
    public int ColumnCount => Columns.Count;
}
