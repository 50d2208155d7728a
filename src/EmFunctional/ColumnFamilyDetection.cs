namespace EmFunctional;

/// <summary>How <see cref="FamilyChoice.Auto"/> picks a family for each column from its values.</summary>
public static class ColumnFamilyDetection
{
    /// <summary>
    /// Per column: values all in {0, 1} → <see cref="ColumnFamily.Bernoulli"/>; all non-negative
    /// integers (with a value above 1) → <see cref="ColumnFamily.Poisson"/>; anything else (a fraction, a
    /// negative value) → <see cref="ColumnFamily.Gaussian"/>. Integer codes of unordered categories look
    /// exactly like counts, so they are never guessed: ask for <see cref="FamilyChoice.Categorical"/>.
    /// </summary>
    public static ColumnFamily[] Detect(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Length == 0 || rows[0] is null) return [];
        return Detect(rows[0].Length, rows.Length, (i, j) => rows[i][j]);
    }

    /// <inheritdoc cref="Detect(double[][])"/>
    public static ColumnFamily[] Detect(double[,] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Detect(rows.GetLength(1), rows.GetLength(0), (i, j) => rows[i, j]);
    }

    private static ColumnFamily[] Detect(int columns, int rows, Func<int, int, double> value)
    {
        var families = new ColumnFamily[columns];
        for (var j = 0; j < columns; j++)
        {
            var binary = true;
            var counts = true;
            for (var i = 0; i < rows; i++)
            {
                var x = value(i, j);
                if (double.IsNaN(x)) continue;   // a missing cell says nothing of the column's kind
                if (x != 0 && x != 1) binary = false;
                if (!(x >= 0) || x != Math.Floor(x) || x > int.MaxValue) counts = false;
                if (!counts) break;
            }
            families[j] = binary ? ColumnFamily.Bernoulli : counts ? ColumnFamily.Poisson : ColumnFamily.Gaussian;
        }
        return families;
    }
}
