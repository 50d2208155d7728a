using EmFunctional.Core.Missing;
using EmFunctional.Core.Numerics;
using LanguageExt;
using LanguageExt.Common;

namespace EmFunctional.Core.Families;

/// <summary>
/// Sufficient statistics of one component: whatever the M-step needs, accumulated over rows with
/// weights r_ik·w_i. They form a monoid under the family's <c>Combine</c>, with the empty statistics
/// as identity, so row blocks can be summarized independently and merged in a fixed order.
/// </summary>
public interface IComponentStatistics
{
    /// <summary>N_k = Σ_i r_ik w_i, the component's effective number of rows.</summary>
    double Weight { get; }
}

/// <summary>
/// A family of component distributions (Gaussian, Bernoulli, categorical, multinomial, Poisson, a product of
/// column groups) as one value that
/// holds the family's hyper-parameters (covariance kind, regularization, priors). The generic EM
/// driver only ever talks to a family through this contract; the mixture weights π_k are the driver's
/// business, not the family's.
/// </summary>
/// <typeparam name="TComponent">The parameters θ_k of one component.</typeparam>
/// <typeparam name="TStatistics">Its sufficient statistics.</typeparam>
public interface IComponentFamily<TComponent, TStatistics>
    where TStatistics : IComponentStatistics
{
    /// <summary>
    /// Writes log p(x_i | θ) for each row of <paramref name="block"/> (row-major, <paramref name="dimensions"/>
    /// columns) into <paramref name="output"/>: the hot path of the E-step.
    /// </summary>
    void LogDensities(TComponent component, ReadOnlySpan<double> block, int dimensions, Span<double> output);

    /// <summary>The identity of <see cref="Combine"/>: statistics of no rows.</summary>
    TStatistics Empty(int dimensions);

    /// <summary>
    /// Statistics of the rows of <paramref name="block"/> with per-row weights <paramref name="weights"/>
    /// (r_ik·w_i in the E-step). Summarize(a ++ b) equals Combine(Summarize a, Summarize b).
    /// </summary>
    TStatistics Summarize(ReadOnlySpan<double> block, int dimensions, ReadOnlySpan<double> weights);

    /// <summary>
    /// A fresh accumulator of the statistics of <paramref name="components"/> components for the
    /// E-step's hot loop. The default folds <see cref="Summarize"/> with <see cref="Combine"/>; a family
    /// overrides it to share work across components and avoid allocating per block (the Gaussian family
    /// does).
    /// </summary>
    IStatisticsAccumulator<TStatistics> CreateAccumulator(int components, int dimensions) =>
        new CombiningAccumulator<TComponent, TStatistics>(this, components, dimensions);

    /// <summary>
    /// log p(x_r | θ_k) for every row of <paramref name="block"/> and every component, into
    /// <paramref name="output"/> (rows × K, row-major). The default calls <see cref="LogDensities(TComponent, ReadOnlySpan{double}, int, Span{double})"/>
    /// per component; a family overrides it to share work across components.
    /// </summary>
    void LogDensities(Arr<TComponent> components, ReadOnlySpan<double> block, int dimensions, Span<double> output)
    {
        var k = components.Count;
        var rows = output.Length / k;
        var column = System.Buffers.ArrayPool<double>.Shared.Rent(rows);
        try
        {
            for (var c = 0; c < k; c++)
            {
                LogDensities(components[c], block, dimensions, column.AsSpan(0, rows));
                for (var r = 0; r < rows; r++) output[r * k + c] = column[r];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(column);
        }
    }

    /// <summary>
    /// True when the family evaluates rows with missing cells (every built-in family but the multinomial):
    /// <see cref="LogDensities(Arr{TComponent}, ReadOnlySpan{double}, int, MissingPattern, Span{double})"/>
    /// gives the marginal density of the observed cells, and the accumulator of
    /// <see cref="CreateAccumulator(Arr{TComponent}, int)"/> takes incomplete blocks. A fit of data with
    /// missing cells refuses a family that does not.
    /// </summary>
    bool ModelsMissingCells => false;

    /// <summary>
    /// log p(x_o,r | θ_k), the density of the observed cells of each row, for a block whose rows all have
    /// missingness <paramref name="pattern"/> (missing cells hold NaN), every component (rows × K).
    /// </summary>
    void LogDensities(Arr<TComponent> components, ReadOnlySpan<double> block, int dimensions, MissingPattern pattern, Span<double> output)
    {
        if (!pattern.IsComplete) throw new NotSupportedException($"{GetType().Name} does not model missing cells");
        LogDensities(components, block, dimensions, output);
    }

    /// <summary>
    /// An accumulator for an E-step at the mixture's current <paramref name="components"/>, which also
    /// takes blocks with missing cells (see <see cref="IStatisticsAccumulator{TStatistics}.Add(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, MissingPattern)"/>):
    /// a family whose statistics need E[sufficient statistics | observed cells] reads them from the components.
    /// </summary>
    IStatisticsAccumulator<TStatistics> CreateAccumulator(Arr<TComponent> components, int dimensions) =>
        CreateAccumulator(components.Count, dimensions);

    /// <summary>
    /// The distribution of the cells <paramref name="pattern"/> marks missing given the observed ones,
    /// under <paramref name="component"/>: what imputation draws from. Only families that model missing
    /// cells have one.
    /// </summary>
    IConditional Condition(TComponent component, MissingPattern pattern) =>
        throw new NotSupportedException($"{GetType().Name} does not model missing cells");

    /// <summary>Associative merge of two statistics of disjoint row sets.</summary>
    TStatistics Combine(TStatistics first, TStatistics second);

    /// <summary>
    /// The M-step for the component parameters: all components at once, so that families with shared
    /// parameters (tied covariance) fit the same contract. Left when a component is degenerate.
    /// </summary>
    Either<Error, Arr<TComponent>> Estimate(Arr<TStatistics> statistics);

    /// <summary>
    /// log p(θ_1, …, θ_K) under the family's prior: 0 for maximum likelihood. With a prior, EM monitors
    /// log-likelihood + log-prior (the log-posterior), which <see cref="Estimate"/> must then maximize.
    /// </summary>
    double LogPrior(Arr<TComponent> components);

    /// <summary>Number of free parameters of <paramref name="components"/> components (mixture weights excluded).</summary>
    int FreeParameters(int components, int dimensions);

    /// <summary>The textbook starting component centred on a data point (e.g. identity covariance).</summary>
    TComponent CenteredAt(ReadOnlySpan<double> center);

    /// <summary>Draws one row from the component into <paramref name="output"/>.</summary>
    void Sample(TComponent component, ref RandomSource random, Span<double> output);
}
