namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// A component of a mixture with a noise component (<see cref="NoiseFamily{TComponent,TStatistics}"/>): one of
/// the signal family's components, or the noise component itself, whose density is the family's uniform one.
/// </summary>
public sealed class NoisyComponent<TComponent> : IEquatable<NoisyComponent<TComponent>>
    where TComponent : class
{
    private NoisyComponent(TComponent? signal) => Signal = signal;

    /// <summary>The noise component.</summary>
    public static NoisyComponent<TComponent> Noise { get; } = new(null);

    /// <summary>A signal component.</summary>
    public static NoisyComponent<TComponent> Of(TComponent signal) => new(signal ?? throw new ArgumentNullException(nameof(signal)));

    /// <summary>The signal family's component; null for the noise component.</summary>
    public TComponent? Signal { get; }

    /// <summary>True for the noise component.</summary>
    public bool IsNoise => Signal is null;

    /// <inheritdoc/>
    public bool Equals(NoisyComponent<TComponent>? other) =>
        other is not null && (IsNoise ? other.IsNoise : !other.IsNoise && EqualityComparer<TComponent>.Default.Equals(Signal, other.Signal));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NoisyComponent<TComponent>);

    /// <inheritdoc/>
    public override int GetHashCode() => Signal?.GetHashCode() ?? 0;

    /// <inheritdoc/>
    public override string ToString() => IsNoise ? "noise" : Signal!.ToString() ?? "";
}
