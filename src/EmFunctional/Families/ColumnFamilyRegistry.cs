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

    /// <summary>The definition of <paramref name="family"/>.</summary>
    public static ColumnFamilyDefinition Of(ColumnFamily family) =>
        All.FirstOrDefault(definition => definition.Family == family)
        ?? throw new ArgumentOutOfRangeException(nameof(family), family, $"{family} is not a registered column family");

    /// <summary>The definition whose model-file group <paramref name="group"/> is.</summary>
    public static ColumnFamilyDefinition Of(GroupDocument group) =>
        All.FirstOrDefault(definition => definition.GroupDocumentType == group.GetType())
        ?? throw new InvalidOperationException($"no column family saves its groups as {group.GetType().Name}");
}
