using LanguageExt;

namespace EmFunctional.Core.Families.Product;

/// <summary>
/// Statistics of one <see cref="ProductFamily"/> component: each column group's own statistics, in group
/// order. Every group summarizes the same rows with the same weights, so they share one N_k, reported
/// as <see cref="Weight"/> (taken from the first group).
/// </summary>
public sealed class ProductStatistics : IComponentStatistics, IEquatable<ProductStatistics>
{
    private readonly IComponentStatistics[] _parts;

    internal ProductStatistics(IComponentStatistics[] parts) => _parts = parts;

    /// <summary>N_k = Σ_i r_ik w_i (the first group's; all groups agree).</summary>
    public double Weight => _parts[0].Weight;

    /// <summary>Number of column groups.</summary>
    public int Count => _parts.Length;

    /// <summary>The groups' statistics, untyped.</summary>
    public Arr<IComponentStatistics> Parts => _parts.ToArr();

    /// <summary>Group <paramref name="group"/>'s statistics as a <typeparamref name="TStatistics"/>.</summary>
    public TStatistics Part<TStatistics>(int group) where TStatistics : IComponentStatistics =>
        _parts[group] is TStatistics typed
            ? typed
            : throw new InvalidCastException($"column group {group} holds {_parts[group].GetType().Name}, not {typeof(TStatistics).Name}");

    internal IComponentStatistics this[int group] => _parts[group];

    /// <inheritdoc />
    public bool Equals(ProductStatistics? other)
    {
        if (other is null || other._parts.Length != _parts.Length) return false;
        for (var g = 0; g < _parts.Length; g++)
            if (!Equals(_parts[g], other._parts[g])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProductStatistics);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Weight, _parts.Length);
}
