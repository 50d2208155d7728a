namespace EmFunctional.Core.Missing;

/// <summary>
/// Which columns of a row are observed and which are missing: the missingness pattern that a group of
/// rows shares. The E-step evaluates every row of a block through one pattern, so each family factorizes
/// (or restricts) its components once per block and pattern, not once per row.
/// </summary>
public sealed class MissingPattern : IEquatable<MissingPattern>
{
    private readonly int[] _observed;
    private readonly int[] _missing;
    private readonly bool[] _isObserved;

    private MissingPattern(bool[] isObserved)
    {
        _isObserved = isObserved;
        _observed = [.. Enumerable.Range(0, isObserved.Length).Where(j => isObserved[j])];
        _missing = [.. Enumerable.Range(0, isObserved.Length).Where(j => !isObserved[j])];
    }

    /// <summary>The pattern of a row: a column is missing where the row holds NaN.</summary>
    public static MissingPattern Of(ReadOnlySpan<double> row)
    {
        var observed = new bool[row.Length];
        for (var j = 0; j < row.Length; j++) observed[j] = !double.IsNaN(row[j]);
        return new MissingPattern(observed);
    }

    /// <summary>The pattern with the given columns observed (true) or missing (false).</summary>
    public static MissingPattern FromObserved(ReadOnlySpan<bool> observed) => new(observed.ToArray());

    /// <summary>Every one of <paramref name="dimensions"/> columns observed.</summary>
    public static MissingPattern Complete(int dimensions) => new(Enumerable.Repeat(true, dimensions).ToArray());

    /// <summary>Number of columns D.</summary>
    public int Dimensions => _isObserved.Length;

    /// <summary>The observed columns, in increasing order.</summary>
    public ReadOnlySpan<int> Observed => _observed;

    /// <summary>The missing columns, in increasing order.</summary>
    public ReadOnlySpan<int> Missing => _missing;

    /// <summary>True when column <paramref name="column"/> is observed.</summary>
    public bool IsObserved(int column) => _isObserved[column];

    /// <summary>True when no column is missing.</summary>
    public bool IsComplete => _missing.Length == 0;

    /// <summary>True when no column is observed.</summary>
    public bool IsEmpty => _observed.Length == 0;

    /// <summary>The pattern of the given columns (in that order): a column group's view of the row.</summary>
    public MissingPattern Restrict(ReadOnlySpan<int> columns)
    {
        var observed = new bool[columns.Length];
        for (var j = 0; j < columns.Length; j++) observed[j] = _isObserved[columns[j]];
        return new MissingPattern(observed);
    }

    /// <summary>
    /// Copies the observed columns of each of <paramref name="rows"/> rows of <paramref name="block"/> (D
    /// columns each) into <paramref name="target"/> (|observed| columns each), in column order.
    /// </summary>
    public void GatherObserved(ReadOnlySpan<double> block, int rows, Span<double> target)
    {
        var d = Dimensions;
        var width = _observed.Length;
        for (var r = 0; r < rows; r++)
        {
            var source = block.Slice(r * d, d);
            var destination = target.Slice(r * width, width);
            for (var j = 0; j < width; j++) destination[j] = source[_observed[j]];
        }
    }

    /// <inheritdoc />
    public bool Equals(MissingPattern? other) => other is not null && _isObserved.AsSpan().SequenceEqual(other._isObserved);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MissingPattern);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var observed in _isObserved) hash.Add(observed);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => _missing.Length == 0 ? "complete" : $"missing columns {string.Join(", ", _missing)}";
}
