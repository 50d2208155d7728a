namespace EmFunctional.Cli;

/// <summary>
/// Where each header name sits, looked up in constant time. Matching a model's or a user's column list
/// against a header by scanning it is quadratic, which at 10^5 columns took minutes.
/// </summary>
internal sealed class ColumnPositions
{
    private readonly Dictionary<string, List<int>> positions;

    public ColumnPositions(IReadOnlyList<string> columns)
    {
        positions = new Dictionary<string, List<int>>(columns.Count, StringComparer.Ordinal);
        for (var index = 0; index < columns.Count; index++)
        {
            if (!positions.TryGetValue(columns[index], out var list)) positions[columns[index]] = list = new List<int>(1);
            list.Add(index);
        }
    }

    /// <summary>The zero-based positions of the columns named exactly <paramref name="name"/>, in header order; empty if none.</summary>
    public IReadOnlyList<int> Of(string name) => positions.TryGetValue(name, out var list) ? list : [];
}
