using LanguageExt;

namespace EmFunctional.Core.Families.Product;

/// <summary>
/// One component of a <see cref="ProductFamily"/>: one component per column group, in the order of
/// <see cref="ProductFamily.Parts"/>, with p(x | θ) = Π_g p_g(x_g | θ_g). Read a part back with its type,
/// e.g. <c>component.Part&lt;GaussianComponent&gt;(0)</c> or <c>component.Part&lt;PoissonComponent&gt;(2)</c>.
/// Immutable (each part is); equality compares the parts.
/// </summary>
public sealed class ProductComponent : IEquatable<ProductComponent>
{
    private readonly object[] _parts;

    internal ProductComponent(object[] parts) => _parts = parts;

    /// <summary>Number of column groups.</summary>
    public int Count => _parts.Length;

    /// <summary>The parts' components, untyped, in group order.</summary>
    public Arr<object> Parts => _parts.ToArr();

    /// <summary>The component of group <paramref name="group"/>, untyped.</summary>
    public object this[int group] => _parts[group];

    /// <summary>
    /// The component of group <paramref name="group"/> as a <typeparamref name="TComponent"/>. Throws
    /// <see cref="InvalidCastException"/> naming both types when the group holds another family's
    /// component (a programming error: the family's parts fix each group's type).
    /// </summary>
    public TComponent Part<TComponent>(int group)
    {
        if ((uint)group >= (uint)_parts.Length)
            throw new ArgumentOutOfRangeException(nameof(group), group, $"the product component has {_parts.Length} column groups (0 to {_parts.Length - 1})");
        return _parts[group] is TComponent typed
            ? typed
            : throw new InvalidCastException($"column group {group} holds a {_parts[group].GetType().Name}, not a {typeof(TComponent).Name}");
    }

    /// <inheritdoc />
    public bool Equals(ProductComponent? other)
    {
        if (other is null || other._parts.Length != _parts.Length) return false;
        for (var g = 0; g < _parts.Length; g++)
            if (!Equals(_parts[g], other._parts[g])) return false;
        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProductComponent);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var part in _parts) hash.Add(part);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"Product({string.Join(" × ", _parts.Select(p => p.ToString()))})";
}
