namespace EmFunctional.Cli;

/// <summary>
/// The N×D matrix of a CSV file's values, filled row by row while the file is read. Given the right
/// number of rows up front (see <see cref="CsvRowBound"/>) it is filled in place and handed over as it
/// is: no list of rows, no growing copies. A wrong guess still works: too few rows grow the matrix, too
/// many are trimmed by one copy at the end.
/// </summary>
internal sealed class CsvMatrixBuilder
{
    private readonly int _columns;
    private double[,] _matrix;

    /// <param name="columns">D, at least 1.</param>
    /// <param name="capacity">The number of rows to allocate for; more are possible.</param>
    public CsvMatrixBuilder(int columns, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        _columns = columns;
        _matrix = new double[Math.Clamp(capacity, 1, MaximumRows(columns)), columns];
    }

    /// <summary>D.</summary>
    public int Columns => _columns;

    /// <summary>The number of rows added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a row and returns it, to be filled (after <see cref="Clear"/> it holds old values).</summary>
    public Span<double> AddRow()
    {
        if (Count == _matrix.GetLength(0)) Grow();
        return CsvData.RowSpan(_matrix, Count++);
    }

    /// <summary>The row added last.</summary>
    public Span<double> LastRow => CsvData.RowSpan(_matrix, Count - 1);

    /// <summary>The number of rows allocated: <see cref="RowAt"/> reaches any of them.</summary>
    public int Capacity => _matrix.GetLength(0);

    /// <summary>
    /// Row <paramref name="row"/> of the allocated matrix, to be filled out of order (by readers working on
    /// different parts of a file at once); <see cref="Compact"/> then says which rows hold data.
    /// </summary>
    public Span<double> RowAt(int row) => CsvData.RowSpan(_matrix, row);

    /// <summary>
    /// After filling with <see cref="RowAt"/>: the rows are the runs (start, length) in this order, with
    /// gaps between them (from blank lines) closed by moving later runs down. Sets <see cref="Count"/>.
    /// </summary>
    public void Compact(IEnumerable<(int Start, int Length)> runs)
    {
        var count = 0;
        foreach (var (start, length) in runs)
        {
            if (start != count)
                Array.Copy(_matrix, (long)start * _columns, _matrix, (long)count * _columns, (long)length * _columns);
            count += length;
        }
        Count = count;
    }

    /// <summary>Forgets the rows added, keeping the matrix allocated (the next rows overwrite them).</summary>
    public void Clear() => Count = 0;

    /// <summary>The matrix of the <see cref="Count"/> rows added. The builder is not to be used after.</summary>
    public double[,] ToMatrix()
    {
        if (Count == _matrix.GetLength(0)) return _matrix;
        var exact = new double[Count, _columns];
        Array.Copy(_matrix, exact, (long)Count * _columns);
        return exact;
    }

    private void Grow()
    {
        var maximum = MaximumRows(_columns);
        if (Count >= maximum)
            throw new InsufficientMemoryException($"more than {maximum} rows of {_columns} columns do not fit in one array");
        var larger = new double[(int)Math.Min(maximum, Math.Max(16L, 2L * Count)), _columns];
        Array.Copy(_matrix, larger, (long)Count * _columns);
        _matrix = larger;
    }

    /// <summary>The most rows a matrix of <paramref name="columns"/> columns can have (.NET's array limits).</summary>
    private static int MaximumRows(int columns) => Array.MaxLength / columns;
}
