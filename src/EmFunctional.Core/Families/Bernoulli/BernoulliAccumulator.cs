using EmFunctional.Core.Numerics;

namespace EmFunctional.Core.Families.Bernoulli;

/// <summary>
/// Running Bernoulli statistics (N_k and the weighted feature sums) of K components over many blocks,
/// without allocating per block: each row is added to each component's sums with one vector
/// multiply-add over the features.
/// </summary>
internal sealed class BernoulliAccumulator(int components, int dimensions) : IStatisticsAccumulator<BernoulliStatistics>
{
    private readonly double[] _weight = new double[components];
    private readonly double[][] _sums = Enumerable.Range(0, components).Select(_ => new double[dimensions]).ToArray();

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights)
    {
        for (var r = 0; r < rowWeights.Length; r++)
        {
            var x = block.Slice(r * dimensions, dimensions);
            for (var k = 0; k < components; k++)
            {
                var w = responsibilities[r * components + k] * rowWeights[r];
                if (w == 0) continue;
                _weight[k] += w;
                VectorKernels.MultiplyAdd(w, x, _sums[k]);
            }
        }
    }

    public BernoulliStatistics[] Results() =>
        [.. Enumerable.Range(0, components).Select(k => new BernoulliStatistics(_weight[k], (double[])_sums[k].Clone()))];
}
