namespace EmFunctional;

/// <summary>The one place where the column families are registered: every <see cref="ColumnFamilyDefinition"/>.</summary>
internal static class ColumnFamilyRegistry
{
    private static readonly ColumnFamilyDefinition[] All =
    [
        new GaussianColumns(),
        new BernoulliColumns(),
        new CategoricalColumns(),
        new PoissonColumns(),
    ];

    /// <summary>The definition of <paramref name="family"/>.</summary>
    public static ColumnFamilyDefinition Of(ColumnFamily family) =>
        Array.Find(All, definition => definition.Family == family)
        ?? throw new ArgumentOutOfRangeException(nameof(family), family, $"{family} is not a registered column family");
}
