using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EmFunctional.Cli;

/// <summary>
/// A numeric table read from a CSV file: the header's column names and the data (N rows of D finite
/// values), plus the name to use for the file in messages and reports and the line each row came from.
/// </summary>
/// <remarks>
/// The loader makes one N×D matrix (<see cref="Values"/>), which the facade takes as it is
/// (<c>FamilyMixture.Fit(double[,])</c>, <c>ModelSelection.Run(double[,])</c>, <c>Predict(double[,])</c>):
/// one array instead of N row arrays, each of which costs an object header and a reference on top of its
/// values (112 instead of 80 bytes a row at D = 10). <see cref="Row"/> reads one row without copying.
/// </remarks>
internal sealed class CsvData
{
    /// <param name="sourceName">The file as the user wrote it, or the bundled data set's name.</param>
    /// <param name="columns">Column names from the header row (column1, column2, … without one), in the order read (D of them).</param>
    /// <param name="values">The data, N×D, N ≥ 1 and D = the number of columns; kept, not copied.</param>
    /// <param name="lineNumbers">The file line of each of the N rows.</param>
    public CsvData(string sourceName, IReadOnlyList<string> columns, double[,] values, IReadOnlyList<long> lineNumbers)
    {
        if (values.GetLength(1) != columns.Count)
            throw new ArgumentException($"the data has {values.GetLength(1)} columns but the header {columns.Count}", nameof(values));
        if (lineNumbers.Count != values.GetLength(0))
            throw new ArgumentException($"{lineNumbers.Count} line numbers for {values.GetLength(0)} rows", nameof(lineNumbers));
        SourceName = sourceName;
        Columns = columns;
        Values = values;
        RowCount = values.GetLength(0);
        LineNumbers = lineNumbers;
    }

    /// <summary>The file as the user wrote it, or the bundled data set's name.</summary>
    public string SourceName { get; }

    /// <summary>Column names from the header row (column1, column2, … without one), in file order or in <c>--columns</c> order (D of them).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The data, N rows × D columns, every value finite (the loader's matrix, not a copy).</summary>
    public double[,] Values { get; }

    /// <summary>
    /// The 1-based file line (every line counted, the header and comments too) of each data row, for
    /// messages about a value that was read but cannot be used. Not simply row + 2: blank lines and
    /// comments are skipped and a quoted field may span lines.
    /// </summary>
    public IReadOnlyList<long> LineNumbers { get; }

    /// <summary>Number of data rows N (the header is not a row).</summary>
    public int RowCount { get; }

    /// <summary>The known class of each row from <c>--known-labels</c> (null where unknown); null without that option.</summary>
    public IReadOnlyList<string?>? KnownLabels { get; init; }

    /// <summary>
    /// The file lines of the rows left out because every cell was missing (<c>--skip-empty-rows</c>); empty
    /// otherwise. They are not rows of the data.
    /// </summary>
    public IReadOnlyList<long> SkippedLines { get; init; } = [];

    /// <summary>"2 rows with every cell missing left out (--skip-empty-rows): lines 5, 9", the first ten lines listed; null when none was.</summary>
    public string? SkippedRowsNote() => SkippedLines.Count == 0 ? null
        : $"{SkippedLines.Count} row{(SkippedLines.Count == 1 ? "" : "s")} with every cell missing left out (--skip-empty-rows): line{(SkippedLines.Count == 1 ? "" : "s")} "
          + string.Join(", ", SkippedLines.Take(10)) + (SkippedLines.Count > 10 ? ", …" : "");

    /// <summary>Number of columns D.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>Row <paramref name="row"/> (0-based), without copying it.</summary>
    public ReadOnlySpan<double> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        return RowSpan(Values, row);
    }

    /// <summary>How a column is named in messages: "column 2 (waiting)", 1-based as editors count, the name as <see cref="EchoText"/> shows it.</summary>
    public static string DescribeColumn(IReadOnlyList<string> columns, int index) =>
        index < columns.Count && columns[index].Length > 0
            ? $"column {index + 1} ({EchoText.Of(columns[index])})"
            : $"column {index + 1}";

    /// <summary>Row <paramref name="row"/> of a row-major matrix as a span (no bounds check on the row).</summary>
    internal static Span<double> RowSpan(double[,] matrix, int row)
    {
        var columns = matrix.GetLength(1);
        ref var first = ref Unsafe.As<byte, double>(ref MemoryMarshal.GetArrayDataReference(matrix));
        return MemoryMarshal.CreateSpan(ref Unsafe.Add(ref first, (nint)row * columns), columns);
    }
}
