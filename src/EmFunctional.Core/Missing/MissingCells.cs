using EmFunctional.Core.Numerics;
using LanguageExt;

namespace EmFunctional.Core.Missing;

/// <summary>
/// Where a data set has missing cells (NaN), and the grouping of its rows by missingness pattern that
/// every pass over incomplete data walks: the complete rows first, then each pattern in the order of its
/// first row, rows within a pattern in data order, each group cut into blocks of at most
/// <see cref="RowBlocks.Size"/> rows. The grouping depends on the data alone, so a pass over it gives
/// the same bits on any number of threads.
/// </summary>
public sealed class MissingCells
{
    private readonly int[] _order;
    private readonly PatternBlock[] _blocks;

    private MissingCells(int count, Arr<int> byColumn, int incompleteRows, int[] order, PatternBlock[] blocks, int patterns)
    {
        Count = count;
        ByColumn = byColumn;
        IncompleteRows = incompleteRows;
        _order = order;
        _blocks = blocks;
        PatternCount = patterns;
    }

    /// <summary>Number of missing cells.</summary>
    public int Count { get; }

    /// <summary>Number of missing cells in each column.</summary>
    public Arr<int> ByColumn { get; }

    /// <summary>Number of rows with at least one missing cell.</summary>
    public int IncompleteRows { get; }

    /// <summary>Number of distinct missingness patterns among the incomplete rows.</summary>
    public int PatternCount { get; }

    /// <summary>Number of blocks of the pattern-grouped walk.</summary>
    internal int BlockCount => _blocks.Length;

    /// <summary>Block <paramref name="block"/> of the walk.</summary>
    internal PatternBlock Block(int block) => _blocks[block];

    /// <summary>The data rows of a block, in walk order.</summary>
    internal ReadOnlySpan<int> Rows(PatternBlock block) => _order.AsSpan(block.Offset, block.Count);

    /// <summary>
    /// The missing cells of a row-major N×D array, or null when there are none. Does not judge: the
    /// caller decides whether a row with no observed cell is an error.
    /// </summary>
    internal static MissingCells? Find(ReadOnlySpan<double> values, int rows, int columns)
    {
        var byColumn = new int[columns];
        var count = 0;
        var incomplete = 0;
        var key = new int[rows];                  // pattern index per row; 0 = complete
        var patterns = new Dictionary<PatternKey, int>();
        var patternOf = new List<MissingPattern> { MissingPattern.Complete(columns) };
        for (var i = 0; i < rows; i++)
        {
            var row = values.Slice(i * columns, columns);
            var missingHere = 0;
            for (var j = 0; j < columns; j++)
                if (double.IsNaN(row[j])) { byColumn[j]++; missingHere++; }
            if (missingHere == 0) continue;
            count += missingHere;
            incomplete++;
            var patternKey = PatternKey.Of(row);
            if (!patterns.TryGetValue(patternKey, out var index))
            {
                index = patternOf.Count;
                patterns.Add(patternKey, index);
                patternOf.Add(MissingPattern.Of(row));
            }
            key[i] = index;
        }
        if (count == 0) return null;

        var sizes = new int[patternOf.Count];
        foreach (var k in key) sizes[k]++;
        var starts = new int[patternOf.Count];
        for (var p = 1; p < starts.Length; p++) starts[p] = starts[p - 1] + sizes[p - 1];
        var order = new int[rows];
        var next = (int[])starts.Clone();
        for (var i = 0; i < rows; i++) order[next[key[i]]++] = i;
        var blocks = new List<PatternBlock>();
        for (var p = 0; p < patternOf.Count; p++)
            for (var offset = 0; offset < sizes[p]; offset += RowBlocks.Size)
                blocks.Add(new PatternBlock(starts[p] + offset, Math.Min(RowBlocks.Size, sizes[p] - offset), patternOf[p]));
        return new MissingCells(count, byColumn.ToArr(), incomplete, order, [.. blocks], patternOf.Count - 1);
    }

    /// <summary>A pattern as a hashable value without allocating a pattern per row.</summary>
    private readonly struct PatternKey : IEquatable<PatternKey>
    {
        private readonly ulong[] _bits;
        private readonly int _hash;

        private PatternKey(ulong[] bits)
        {
            _bits = bits;
            var hash = new HashCode();
            foreach (var word in bits) hash.Add(word);
            _hash = hash.ToHashCode();
        }

        public static PatternKey Of(ReadOnlySpan<double> row)
        {
            var bits = new ulong[(row.Length + 63) / 64];
            for (var j = 0; j < row.Length; j++)
                if (double.IsNaN(row[j])) bits[j >> 6] |= 1UL << (j & 63);
            return new PatternKey(bits);
        }

        public bool Equals(PatternKey other) => _bits.AsSpan().SequenceEqual(other._bits);

        public override bool Equals(object? obj) => obj is PatternKey other && Equals(other);

        public override int GetHashCode() => _hash;
    }
}

/// <summary>Rows [Offset, Offset + Count) of the pattern-grouped walk, all of one pattern.</summary>
internal readonly record struct PatternBlock(int Offset, int Count, MissingPattern Pattern);
