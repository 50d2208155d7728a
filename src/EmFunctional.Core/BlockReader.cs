using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;

namespace EmFunctional.Core;

/// <summary>
/// The blocks a pass over a data set walks: the fixed row blocks of <see cref="RowBlocks"/> when every
/// cell is observed, the pattern-grouped blocks of <see cref="MissingCells"/> otherwise (their rows
/// gathered into a buffer this reader owns, so one reader serves one chunk at a time).
/// </summary>
internal sealed class BlockReader
{
    private readonly Dataset _data;
    private readonly double[] _values;
    private readonly double[] _weights;
    private readonly int[] _known;

    public BlockReader(Dataset data)
    {
        _data = data;
        _values = data.HasMissing ? new double[RowBlocks.Size * data.Columns] : [];
        _weights = data.HasMissing ? new double[RowBlocks.Size] : [];
        _known = data.HasMissing && data.HasKnownComponents ? new int[RowBlocks.Size] : [];
    }

    /// <summary>Number of blocks of the walk.</summary>
    public static int Count(Dataset data) => data.Missing?.BlockCount ?? RowBlocks.Count(data.Rows);

    /// <summary>The blocks [First, First + Count) of chunk <paramref name="chunk"/> of <paramref name="chunks"/>.</summary>
    public static (int First, int Count) Chunk(Dataset data, int chunk, int chunks)
    {
        var blocks = Count(data);
        var first = (int)((long)chunk * blocks / chunks);
        var end = (int)((long)(chunk + 1) * blocks / chunks);
        return (first, end - first);
    }

    /// <summary>Block <paramref name="block"/>: its values (row-major), weights, rows and pattern.</summary>
    public DataBlock Read(int block)
    {
        if (_data.Missing is not { } missing)
        {
            var (start, rows) = RowBlocks.Range(block, _data.Rows);
            var known = _data.HasKnownComponents ? _data.KnownComponents.Slice(start, rows) : default;
            return new DataBlock(_data.Block(start, rows), _data.BlockWeights(start, rows), rows, null, start, default) { Known = known };
        }
        var patternBlock = missing.Block(block);
        var indices = missing.Rows(patternBlock);
        var d = _data.Columns;
        for (var r = 0; r < indices.Length; r++)
        {
            _data.Row(indices[r]).CopyTo(_values.AsSpan(r * d, d));
            _weights[r] = _data.Weight(indices[r]);
            if (_known.Length > 0) _known[r] = _data.KnownComponent(indices[r]);
        }
        var count = indices.Length;
        return new DataBlock(_values.AsSpan(0, count * d), _weights.AsSpan(0, count), count,
            patternBlock.Pattern.IsComplete ? null : patternBlock.Pattern, 0, indices)
        { Known = _known.Length > 0 ? _known.AsSpan(0, count) : default };
    }
}

/// <summary>
/// One block of a walk: <see cref="Rows"/> rows of values and weights, the missingness pattern they share
/// (null when complete) and the data row of each.
/// </summary>
internal readonly ref struct DataBlock(ReadOnlySpan<double> values, ReadOnlySpan<double> weights, int rows, MissingPattern? pattern, int start, ReadOnlySpan<int> indices)
{
    private readonly int _start = start;
    private readonly ReadOnlySpan<int> _indices = indices;

    public ReadOnlySpan<double> Values { get; } = values;

    public ReadOnlySpan<double> Weights { get; } = weights;

    public int Rows { get; } = rows;

    public MissingPattern? Pattern { get; } = pattern;

    /// <summary>The known component of each row (−1: unknown); empty when the data set has none.</summary>
    public ReadOnlySpan<int> Known { get; init; }

    /// <summary>The data row of the block's row <paramref name="row"/>.</summary>
    public int DataRow(int row) => _indices.IsEmpty ? _start + row : _indices[row];
}
