namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// Statistics of a component of <see cref="NoiseFamily{TComponent,TStatistics}"/>: the signal family's, or the
/// noise component's, which are its effective rows alone (its density has no parameter to estimate). The
/// empty statistics are the identity of both kinds, so that a pass can start from them before it knows which
/// component a slot holds.
/// </summary>
public sealed class NoisyStatistics<TStatistics> : IComponentStatistics
    where TStatistics : IComponentStatistics
{
    private enum Kind
    {
        Empty,
        Signal,
        Noise,
    }

    private readonly Kind _kind;

    private NoisyStatistics(Kind kind, TStatistics? signal, double weight)
    {
        _kind = kind;
        Signal = signal;
        Weight = weight;
    }

    /// <summary>Statistics of no rows, of either kind.</summary>
    public static NoisyStatistics<TStatistics> Empty { get; } = new(Kind.Empty, default, 0);

    /// <summary>A signal component's statistics.</summary>
    public static NoisyStatistics<TStatistics> Of(TStatistics signal) => new(Kind.Signal, signal, signal.Weight);

    /// <summary>The noise component's statistics: <paramref name="weight"/> effective rows.</summary>
    public static NoisyStatistics<TStatistics> OfNoise(double weight) => new(Kind.Noise, default, weight);

    /// <summary>The signal family's statistics (null for the noise component's and for the empty statistics).</summary>
    public TStatistics? Signal { get; }

    /// <summary>True for the noise component's statistics.</summary>
    public bool IsNoise => _kind == Kind.Noise;

    /// <summary>True for the statistics of no rows.</summary>
    public bool IsEmpty => _kind == Kind.Empty;

    /// <inheritdoc/>
    public double Weight { get; }

    /// <summary>The statistics of both row sets, with <paramref name="combineSignal"/> for two signal components'.</summary>
    public NoisyStatistics<TStatistics> Combine(NoisyStatistics<TStatistics> other, Func<TStatistics, TStatistics, TStatistics> combineSignal) =>
        (_kind, other._kind) switch
        {
            (Kind.Empty, _) => other,
            (_, Kind.Empty) => this,
            (Kind.Noise, Kind.Noise) => OfNoise(Weight + other.Weight),
            (Kind.Signal, Kind.Signal) => Of(combineSignal(Signal!, other.Signal!)),
            _ => throw new InvalidOperationException("the noise component's statistics were combined with a signal component's"),
        };
}
