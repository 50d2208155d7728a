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
}
