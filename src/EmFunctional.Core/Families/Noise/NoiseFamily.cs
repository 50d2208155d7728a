using System.Buffers;
using EmFunctional.Core.Degeneracy;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// Any family with a noise component (mclust's <c>initialization = list(noise = …)</c>; Banfield and Raftery
/// 1993): the mixture is π_0 / V + Σ_k π_k p(x | θ_k), the noise component a uniform density over the data's
/// box (<see cref="UniformNoise"/>) whose weight π_0 EM estimates like any other, and which absorbs the rows no
/// signal component explains. The noise component is the mixture's last one (<see cref="NoiseStart"/> puts it
/// there and every step keeps it there). It has no parameter to estimate, so the M-step is the signal family's on
/// the signal components' statistics, and a repair never restarts it (<see cref="IRepairableFamily{TComponent,TStatistics}.IsFixed"/>).
/// </summary>
/// <remarks>
/// Its parameter count adds one to the signal family's, for V, as mclust's <c>nMclustParams(…, noise = TRUE)</c>
/// does (the noise weight is one of the mixture's K weights): BIC equals mclust's for the same log-likelihood.
/// </remarks>
public sealed class NoiseFamily<TComponent, TStatistics>(IComponentFamily<TComponent, TStatistics> signal, UniformNoise noise)
    : IComponentFamily<NoisyComponent<TComponent>, NoisyStatistics<TStatistics>>, IRepairableFamily<NoisyComponent<TComponent>, NoisyStatistics<TStatistics>>
    where TComponent : class
    where TStatistics : IComponentStatistics
{
    private readonly IRepairableFamily<TComponent, TStatistics>? _repairable = signal as IRepairableFamily<TComponent, TStatistics>;

    /// <summary>The family of the signal components.</summary>
    public IComponentFamily<TComponent, TStatistics> Signal { get; } = signal;

    /// <summary>The noise component's density and box.</summary>
    public UniformNoise Noise { get; } = noise;

    /// <inheritdoc/>
    public void LogDensities(NoisyComponent<TComponent> component, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        if (component.IsNoise) output.Fill(Noise.LogDensity);
        else Signal.LogDensities(component.Signal!, block, dimensions, output);
    }

    /// <inheritdoc/>
    public void LogDensities(Arr<NoisyComponent<TComponent>> components, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        var k = components.Count;
        var rows = output.Length / k;
        var signals = components.Filter(component => !component.IsNoise).Map(component => component.Signal!);
        var s = signals.Count;
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, rows * s));
        try
        {
            if (s > 0) Signal.LogDensities(signals, block, dimensions, buffer.AsSpan(0, rows * s));
            for (var r = 0; r < rows; r++)
            {
                var next = 0;
                for (var c = 0; c < k; c++)
                    output[r * k + c] = components[c].IsNoise ? Noise.LogDensity : buffer[r * s + next++];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc/>
    public NoisyStatistics<TStatistics> Empty(int dimensions) => NoisyStatistics<TStatistics>.Empty;

    /// <summary>A signal component's statistics of these rows (a noise component's are the accumulator's: see <see cref="CreateAccumulator(int, int)"/>).</summary>
    public NoisyStatistics<TStatistics> Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights) =>
        NoisyStatistics<TStatistics>.Of(Signal.Summarize(block, dimensions, weights));

    /// <summary>An accumulator for <paramref name="components"/> components, the last the noise component.</summary>
    public IStatisticsAccumulator<NoisyStatistics<TStatistics>> CreateAccumulator(int components, int dimensions) =>
        new NoiseAccumulator<TStatistics>(Signal.CreateAccumulator(components - 1, dimensions), components);

    /// <inheritdoc/>
    public NoisyStatistics<TStatistics> Combine(NoisyStatistics<TStatistics> first, NoisyStatistics<TStatistics> second) =>
        first.Combine(second, Signal.Combine);

    /// <inheritdoc/>
    public Either<Error, Arr<NoisyComponent<TComponent>>> Estimate(Arr<NoisyStatistics<TStatistics>> statistics) =>
        Reassembled(statistics, Signal.Estimate);

    /// <inheritdoc/>
    public double LogPrior(Arr<NoisyComponent<TComponent>> components) =>
        Signal.LogPrior(components.Filter(component => !component.IsNoise).Map(component => component.Signal!));

    /// <summary>The signal family's parameters for the other components, and one for the hypervolume V (mclust counts it).</summary>
    public int FreeParameters(int components, int dimensions) => Signal.FreeParameters(components - 1, dimensions) + 1;

    /// <inheritdoc/>
    public NoisyComponent<TComponent> CenteredAt(ReadOnlySpan<double> center) => NoisyComponent<TComponent>.Of(Signal.CenteredAt(center));

    /// <inheritdoc/>
    public void Sample(NoisyComponent<TComponent> component, ref RandomSource random, Span<double> output)
    {
        if (component.IsNoise) Noise.Sample(ref random, output);
        else Signal.Sample(component.Signal!, ref random, output);
    }

    /// <inheritdoc/>
    public double Regularization => _repairable?.Regularization ?? 0;

    /// <inheritdoc/>
    public bool EstimatesComponentsIndependently => _repairable?.EstimatesComponentsIndependently ?? false;

    /// <inheritdoc/>
    public Either<Error, Arr<NoisyComponent<TComponent>>> EstimateWith(Arr<NoisyStatistics<TStatistics>> statistics, double regularization) =>
        Reassembled(statistics, signals => _repairable is { } repairable ? repairable.EstimateWith(signals, regularization) : Signal.Estimate(signals));

    /// <inheritdoc/>
    public bool IsCollapsed(NoisyStatistics<TStatistics> statistics, NoisyComponent<TComponent> component) =>
        !statistics.IsNoise && !component.IsNoise && _repairable is { } repairable && repairable.IsCollapsed(statistics.Signal!, component.Signal!);

    /// <inheritdoc/>
    public double RowsNeeded(NoisyStatistics<TStatistics> statistics) =>
        statistics.IsNoise || _repairable is null ? 0 : _repairable.RowsNeeded(statistics.Signal!);

    /// <inheritdoc/>
    public NoisyComponent<TComponent> Restart(ReadOnlySpan<double> center, Arr<NoisyComponent<TComponent>> others)
    {
        var signals = others.Filter(component => !component.IsNoise).Map(component => component.Signal!);
        return NoisyComponent<TComponent>.Of(_repairable is { } repairable ? repairable.Restart(center, signals) : Signal.CenteredAt(center));
    }

    /// <summary>The noise component's statistics: it keeps its place and its density whatever its weight.</summary>
    public bool IsFixed(NoisyStatistics<TStatistics> statistics) => statistics.IsNoise;

    /// <summary>The signal components estimated together by <paramref name="estimate"/>, the noise component kept, each in its place.</summary>
    private static Either<Error, Arr<NoisyComponent<TComponent>>> Reassembled(
        Arr<NoisyStatistics<TStatistics>> statistics, Func<Arr<TStatistics>, Either<Error, Arr<TComponent>>> estimate)
    {
        if (statistics.Exists(s => s.IsEmpty)) return Errors.InvalidInput("a component of the noise family has no statistics of either kind");
        var signals = statistics.Filter(s => !s.IsNoise).Map(s => s.Signal!);
        var estimated = signals.IsEmpty ? Either<Error, Arr<TComponent>>.Right(Arr<TComponent>.Empty) : estimate(signals);
        return estimated.Map(components =>
        {
            var next = 0;
            return statistics.Map(s => s.IsNoise ? NoisyComponent<TComponent>.Noise : NoisyComponent<TComponent>.Of(components[next++]));
        });
    }
}
