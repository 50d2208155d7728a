using System.Buffers;

namespace EmFunctional.Core.Families.Noise;

/// <summary>
/// The E-step's statistics of a mixture whose last component is the noise component: the signal family's
/// accumulator takes the other components' responsibilities, and the noise component's are summed, for its weight.
/// </summary>
internal sealed class NoiseAccumulator<TStatistics>(IStatisticsAccumulator<TStatistics> signal, int components) : IStatisticsAccumulator<NoisyStatistics<TStatistics>>
    where TStatistics : IComponentStatistics
{
    private double _noiseWeight;

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
    {
        var k = components;
        var signals = k - 1;
        var rows = rowWeights.Length;
        var buffer = ArrayPool<double>.Shared.Rent(Math.Max(1, rows * signals));
        try
        {
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < signals; c++) buffer[r * signals + c] = responsibilities[r * k + c];
                _noiseWeight += responsibilities[r * k + signals] * rowWeights[r];
            }
            if (signals > 0) signal.Add(block, buffer.AsSpan(0, rows * signals), rowWeights);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    public NoisyStatistics<TStatistics>[] Results() =>
        [.. signal.Results().Select(NoisyStatistics<TStatistics>.Of), NoisyStatistics<TStatistics>.OfNoise(_noiseWeight)];

    public void Reset()
    {
        signal.Reset();
        _noiseWeight = 0;
    }
}
