namespace EmFunctional;

/// <summary>The one place where the column families are registered: every <see cref="ColumnFamilyDefinition"/>, in the order messages list them.</summary>
internal static class ColumnFamilyRegistry
{
    public static readonly IReadOnlyList<ColumnFamilyDefinition> All =
    [
        new GaussianColumns(),
        new BernoulliColumns(),
        new CategoricalColumns(),
        new PoissonColumns(),
    ];

    // Value checks ask once per cell (10^7 times for a 10^6 x 10 table), so the lookup is an index.
    private static readonly ColumnFamilyDefinition?[] ByFamily = Index();

    /// <summary>The definition of <paramref name="family"/>.</summary>
    public static ColumnFamilyDefinition Of(ColumnFamily family) =>
        (uint)family < (uint)ByFamily.Length && ByFamily[(int)family] is { } definition
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(family), family, $"{family} is not a registered column family");

    /// <summary>The definition whose model-file group <paramref name="group"/> is.</summary>
    public static ColumnFamilyDefinition Of(GroupDocument group) =>
        All.FirstOrDefault(definition => definition.GroupDocumentType == group.GetType())
        ?? throw new InvalidOperationException($"no column family saves its groups as {group.GetType().Name}");

    private static ColumnFamilyDefinition?[] Index()
    {
        var index = new ColumnFamilyDefinition?[All.Max(definition => (int)definition.Family) + 1];
        foreach (var definition in All) index[(int)definition.Family] = definition;
        return index;
    }
}
