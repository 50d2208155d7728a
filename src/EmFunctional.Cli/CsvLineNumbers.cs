using System.Collections;

namespace EmFunctional.Cli;

/// <summary>
/// The file line of each data row, stored as the places where it is not the line after the previous
/// row's: in a file without blank lines or line breaks inside quotes, that is the first row only, so a
/// million rows cost a few bytes instead of a million numbers. Appended to while reading, in row order.
/// </summary>
internal sealed class CsvLineNumbers : IReadOnlyList<long>
{
    // Row _jumpRows[j] is on line _jumpLines[j]; the rows after it, up to the next jump, on the lines after.
    private int[] _jumpRows = new int[4];
    private long[] _jumpLines = new long[4];
    private int _jumps;
    private long _lastLine;

    /// <summary>Number of rows.</summary>
    public int Count { get; private set; }

    /// <summary>Records that the next row (row <see cref="Count"/>) starts on <paramref name="line"/>.</summary>
    public void Add(long line)
    {
        if (Count == 0 || line != _lastLine + 1)
        {
            if (_jumps == _jumpRows.Length)
            {
                Array.Resize(ref _jumpRows, _jumps * 2);
                Array.Resize(ref _jumpLines, _jumps * 2);
            }
            _jumpRows[_jumps] = Count;
            _jumpLines[_jumps] = line;
            _jumps++;
        }
        _lastLine = line;
        Count++;
    }

    /// <summary>Appends the rows of <paramref name="other"/>, in order, after these.</summary>
    public void Append(CsvLineNumbers other)
    {
        for (var jump = 0; jump < other._jumps; jump++)
        {
            var end = jump + 1 < other._jumps ? other._jumpRows[jump + 1] : other.Count;
            var line = other._jumpLines[jump];
            for (var row = other._jumpRows[jump]; row < end; row++) Add(line++);
        }
    }

    /// <summary>The 1-based file line of row <paramref name="row"/> (0-based).</summary>
    public long this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
            // The last jump at or before the row.
            var index = Array.BinarySearch(_jumpRows, 0, _jumps, row);
            if (index < 0) index = ~index - 1;
            return _jumpLines[index] + (row - _jumpRows[index]);
        }
    }

    public IEnumerator<long> GetEnumerator()
    {
        for (var row = 0; row < Count; row++) yield return this[row];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
