namespace EmFunctional.Core.Numerics;

/// <summary>
/// The fixed partition of rows into blocks that every pass over the data uses. Work and temporaries are
/// per block (a block × K at most), never per N, and blocks are always merged in the same order, so
/// results do not depend on how the work is scheduled.
/// </summary>
public static class RowBlocks
{
    /// <summary>Rows per block: small enough that a block × K of doubles stays in cache.</summary>
    public const int Size = 256;

    /// <summary>Number of blocks covering <paramref name="rows"/> rows.</summary>
    public static int Count(int rows) => (rows + Size - 1) / Size;

    /// <summary>The first row and row count of block <paramref name="block"/>.</summary>
    public static (int Start, int Length) Range(int block, int rows)
    {
        var start = block * Size;
        return (start, Math.Min(Size, rows - start));
    }

    /// <summary>
    /// The most chunks a pass is split into. Chunks are the unit of parallel work; their number depends
    /// only on N (never on the thread count), so results are identical on 1 or 16 cores, and it is
    /// bounded, so the per-chunk temporaries do not grow with N.
    /// </summary>
    public const int MaximumChunks = 64;

    /// <summary>Number of chunks of a pass over <paramref name="rows"/> rows (at least 1).</summary>
    public static int ChunkCount(int rows) => Math.Max(1, Math.Min(MaximumChunks, Count(rows)));

    /// <summary>The blocks [First, First + Count) of chunk <paramref name="chunk"/> of <paramref name="chunks"/>.</summary>
    public static (int First, int Count) ChunkBlocks(int chunk, int chunks, int rows)
    {
        var blocks = Count(rows);
        var first = (int)((long)chunk * blocks / chunks);
        var end = (int)((long)(chunk + 1) * blocks / chunks);
        return (first, end - first);
    }
}
