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
        var columns = rows[0].Length;
        var families = new ColumnFamily[columns];
        for (var j = 0; j < columns; j++)
        {
            var binary = true;
            var counts = true;
            foreach (var row in rows)
            {
                var value = row[j];
                if (value != 0 && value != 1) binary = false;
                if (!(value >= 0) || value != Math.Floor(value) || value > int.MaxValue) counts = false;
                if (!counts) break;
            }
            families[j] = binary ? ColumnFamily.Bernoulli : counts ? ColumnFamily.Poisson : ColumnFamily.Gaussian;
        }
        return families;
    }
}
