using EmFunctional.Core.Missing;
using LanguageExt;

namespace EmFunctional.Core.Families.Multinomial;

/// <summary>
/// The multinomial statistics of rows with missing counts. A row's observed counts, n_o = Σ_{j∈o} c_j of
/// them, are modelled as the draws that fell in the observed categories (see
/// <see cref="MultinomialFamily.LogDensities(Arr{MultinomialComponent}, ReadOnlySpan{double}, int, MissingPattern, Span{double})"/>):
/// under component k the missing counts are then negative-multinomial with means n_o p_km / P_ko
/// (P_ko = Σ_{j∈o} p_kj), and the E-step adds the row with its missing counts at those means. The M-step
/// on these sums maximizes the expected complete-data log-likelihood, so EM still never decreases the
/// observed-data log-likelihood. Complete blocks take the plain sums.
/// </summary>
internal sealed class MultinomialAccumulator(Arr<MultinomialComponent> components, int dimensions) : IStatisticsAccumulator<WeightedSumStatistics>
{
    private readonly WeightedSumAccumulator _sums = new(components.Count, dimensions);
    private readonly double[] _row = new double[dimensions];

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights) =>
        _sums.Add(block, responsibilities, rowWeights);

    public void Add(ReadOnlySpan<double> block, ReadOnlySpan<double> responsibilities, ReadOnlySpan<double> rowWeights, MissingPattern pattern)
    {
        if (pattern.IsComplete)
        {
            _sums.Add(block, responsibilities, rowWeights);
            return;
        }
        var k = components.Count;
        var observed = pattern.Observed;
        var missing = pattern.Missing;
        for (var r = 0; r < rowWeights.Length; r++)
        {
            var x = block.Slice(r * dimensions, dimensions);
            var trials = 0.0;
            foreach (var j in observed) trials += x[j];
            for (var c = 0; c < k; c++)
            {
                var w = responsibilities[r * k + c] * rowWeights[r];
                if (w == 0) continue;
                var p = components[c].Probabilities;
                var observedMass = 0.0;
                foreach (var j in observed)
                {
                    _row[j] = x[j];
                    observedMass += p[j];
                }
                foreach (var j in missing) _row[j] = trials * p[j] / observedMass;
                _sums.AddRow(c, w, _row);
            }
        }
    }

    public WeightedSumStatistics[] Results() => _sums.Results();

    public void Reset() => _sums.Reset();
}
