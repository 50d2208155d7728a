using System.Buffers;
using System.Text;

namespace EmFunctional.Cli;

/// <summary>
/// Rows of CSV fields kept as text, to be written out again as they were read: each row is stored once,
/// already encoded as em writes CSV (UTF-8, fields separated by commas, a field quoted as RFC 4180 says
/// when it holds a comma, a quote or a line break), in large shared blocks. A row costs its bytes plus
/// 12, and no string or array of its own, so a file of millions of rows stays about its own size.
/// </summary>
/// <remarks>
/// A first field that starts with <c>#</c> is quoted too: unquoted, the line would read back as a
/// comment (see <see cref="CsvDataLoader"/>).
/// </remarks>
internal sealed class CsvTextRows
{
    private const int BlockSize = 1 << 20;

    private static readonly SearchValues<byte> NeedQuotes = SearchValues.Create(",\"\r\n"u8);

    private readonly List<byte[]> _blocks = [];
    private int _used;
    private Row[] _rows;

    // The row being built, copied into a block when it is complete so that a row never spans two.
    private byte[] _pending = new byte[256];
    private int _pendingLength;
    private bool _rowStarted;

    /// <param name="capacity">The number of rows to make room for at first; more are possible.</param>
    public CsvTextRows(int capacity = 16) => _rows = new Row[Math.Clamp(capacity, 1, Array.MaxLength)];

    /// <summary>The number of complete rows.</summary>
    public int Count { get; private set; }

    /// <summary>One row of <paramref name="fields"/>.</summary>
    public static CsvTextRows Of(IEnumerable<string> fields)
    {
        var rows = new CsvTextRows();
        foreach (var field in fields) rows.AddField(Encoding.UTF8.GetBytes(field));
        rows.EndRow();
        return rows;
    }

    /// <summary>Appends <paramref name="utf8"/> (a field's value, unquoted) to the row being built.</summary>
    public void AddField(ReadOnlySpan<byte> utf8)
    {
        var first = !_rowStarted;
        _rowStarted = true;
        if (!first) Append(","u8);
        var quote = utf8.IndexOfAny(NeedQuotes) >= 0 || (first && utf8.Length > 0 && utf8[0] == (byte)'#');
        if (!quote)
        {
            Append(utf8);
            return;
        }
        Append("\""u8);
        for (int at; (at = utf8.IndexOf((byte)'"')) >= 0; utf8 = utf8[(at + 1)..])
        {
            Append(utf8[..(at + 1)]);
            Append("\""u8);
        }
        Append(utf8);
        Append("\""u8);
    }

    /// <summary>Completes the row being built (its fields, comma-separated, with no line end).</summary>
    public void EndRow()
    {
        var length = _pendingLength;
        if (_blocks.Count == 0 || _blocks[^1].Length - _used < length)
        {
            // A row longer than a block has a block of its own.
            _blocks.Add(new byte[Math.Max(BlockSize, length)]);
            _used = 0;
        }
        var block = _blocks.Count - 1;
        _pending.AsSpan(0, length).CopyTo(_blocks[block].AsSpan(_used));
        if (Count == _rows.Length) Array.Resize(ref _rows, (int)Math.Min(Array.MaxLength, 2L * _rows.Length));
        _rows[Count++] = new Row(block, _used, length);
        _used += length;
        _pendingLength = 0;
        _rowStarted = false;
    }

    /// <summary>Row <paramref name="row"/> (0-based) as CSV text in UTF-8, without a line end.</summary>
    public ReadOnlySpan<byte> this[int row]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(row);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
            var (block, offset, length) = _rows[row];
            return _blocks[block].AsSpan(offset, length);
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        var needed = _pendingLength + bytes.Length;
        if (needed > _pending.Length) Array.Resize(ref _pending, Math.Max(needed, checked(_pending.Length * 2)));
        bytes.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength = needed;
    }

    private readonly record struct Row(int Block, int Offset, int Length);
}
